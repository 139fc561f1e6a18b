"""robots.txt through protego (it reads decimal crawl-delays, wildcards and Allow lines).

Missing (4xx) robots.txt allows everything, as crawlers have long done; one that cannot be
fetched (5xx, a timeout, a refused address) allows nothing from that origin this run: a
server in trouble is not the one to crawl."""

from __future__ import annotations

from dataclasses import dataclass

from protego import Protego


@dataclass
class RobotsRules:
    url: str
    user_agent: str
    parser: Protego | None = None
    allow_all: bool = True
    problem: str | None = None

    @classmethod
    def parse(cls, url: str, body: bytes, user_agent: str) -> RobotsRules:
        text = body.decode("utf-8", errors="replace")
        return cls(url, user_agent, Protego.parse(text) if text.strip() else None)

    @classmethod
    def unavailable(cls, url: str, error: Exception) -> RobotsRules:
        problem = getattr(error, "problem", str(error))
        if problem.startswith("HTTP 4"):
            return cls(url, "", None, True, None)
        return cls(url, "", None, False, f"robots.txt unavailable ({problem}): nothing fetched from this site")

    def allowed(self, url: str) -> bool:
        if self.parser is None:
            return self.allow_all
        return self.parser.can_fetch(url, self.user_agent)

    @property
    def crawl_delay(self) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(self.user_agent)
        return float(delay) if delay is not None else None

    @property
    def sitemaps(self) -> list[str]:
        return list(self.parser.sitemaps) if self.parser is not None else []
