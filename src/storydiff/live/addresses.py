"""Which addresses a fetch may connect to.

A URL in a feed is chosen by whoever writes the feed: without this check, a feed could make
storydiff request the cloud metadata service (169.254.169.254) or a service on the user's own
network. Private, loopback, link-local, multicast, reserved and unspecified addresses are
refused unless a network in ``allowed_networks`` contains them; the check is made on the
address actually connected to (``fetcher.GuardedBackend``), for every connection and so for
every redirect hop.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from ..errors import StorydiffError

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class AddressRefused(StorydiffError):
    """A host resolved to an address outside the public internet and not allowed."""


def parse_networks(networks: Iterable[str]) -> list[Network]:
    """CIDR strings to networks; ValueError naming a bad entry."""
    parsed = []
    for entry in networks:
        try:
            parsed.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as exc:
            raise ValueError(f"allowed_networks: {entry!r} is not a network ({exc})") from exc
    return parsed


def _restricted(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    for name in ("loopback", "link_local", "private", "multicast", "reserved", "unspecified"):
        if getattr(address, f"is_{name}"):
            return name.replace("_", "-")
    return None


def check_address(host: str, address: str, allowed: Iterable[Network]) -> None:
    """Raise ``AddressRefused`` unless ``address`` (what ``host`` resolved to) may be reached."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:169.254.169.254 is 169.254.169.254
    kind = _restricted(ip)
    if kind is None or any(ip.version == net.version and ip in net for net in allowed):
        return
    raise AddressRefused(f"{host} resolves to {ip}, a {kind} address: refused (add its network to "
                         "allowed_networks, e.g. STORYDIFF_ALLOWED_NETWORKS=127.0.0.0/8, to allow it)")
