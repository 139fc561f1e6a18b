"""Render a comparison as one self-contained HTML page: the sources side by side, every
evidence span highlighted by the type of its finding, findings linked to their spans."""

from __future__ import annotations

from collections import defaultdict
from html import escape
from urllib.parse import urlsplit

from jinja2 import Environment

from ..model import Article, Comparison, Finding
from .text import UNIQUES_PER_SOURCE, shown_uniques

# Overlapping spans (a conflicting date inside a corroborated sentence) show the most
# important finding's colour; all their finding ids stay in the title attribute.
PRIORITY = {"conflict": 0, "agreement": 1, "unique": 2}

TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>storydiff: {{ title }}</title>
<style>
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{padding:12px 20px;background:#20232a;color:#fff}
header h1{font-size:18px;margin:0}
header p{margin:4px 0 0;font-size:13px;color:#ccc}
.legend span{margin-right:12px}
main{display:grid;grid-template-columns:minmax(300px,1fr) {{ columns }};gap:12px;padding:12px}
section{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 14px;overflow:auto;max-height:88vh}
section h2{font-size:15px;margin:4px 0}
.meta{font-size:12px;color:#555;margin-bottom:8px}
.body{white-space:pre-wrap;line-height:1.5;font-size:14px}
.title{font-weight:600;font-size:15px;margin-bottom:6px}
mark{border-radius:3px;padding:0 1px;cursor:pointer}
mark.conflict{background:#ffc9c9;outline:1px solid #e03131}
mark.agreement{background:#d3f9d8}
mark.unique{background:#d0ebff}
mark.focus{outline:3px solid #f08c00}
.removed{font-size:12px;color:#777}
.removed summary{cursor:pointer}
ol.findings{padding-left:18px;font-size:13px}
ol.brief,ul.timeline{padding-left:18px;font-size:14px}
ol.findings li{margin-bottom:8px}
.tag{display:inline-block;font-size:11px;border-radius:3px;padding:0 4px;color:#fff}
.tag.conflict{background:#e03131}.tag.agreement{background:#2f9e44}.tag.unique{background:#1971c2}
.ev{color:#444;display:block;margin-left:6px}
a{color:#1864ab}
.errors{color:#a61e4d;font-size:13px}
.warnings{color:#ffd8a8;font-size:13px;margin:4px 0;padding-left:18px}
</style></head><body>
<header>{% if home %}<p><a href="{{ home }}" style="color:#a5d8ff">← all stories</a></p>{% endif %}<h1>{{ title }}</h1>
<p class="legend">{{ counts.conflict }} conflicts · {{ counts.agreement }} agreements · {{ counts.unique }} statements only one source makes ·
<span><mark class="conflict">conflict</mark></span><span><mark class="agreement">agreement</mark></span><span><mark class="unique">only one source</mark></span></p>
{% if errors %}<p class="errors">Skipped inputs: {% for e in errors %}{{ e.source }}: {{ e.message }}{% if not loop.last %}; {% endif %}{% endfor %}</p>{% endif %}
{% if warnings %}<ul class="warnings">{% for w in warnings %}<li>{{ w.source }}: {{ w.message }}</li>{% endfor %}</ul>{% endif %}
</header>
<main>
<section>{% if brief %}<h2>Brief</h2>
<ol class="brief">{% for b in brief.sentences %}<li>{{ b.text }}{% for v in b.versions %} <b>[{{ names.get(v.article, v.article) }}: {{ v.text }}]</b>{% endfor %} <small>[{% for e in b.evidence %}{% if b.conflict %}<a href="#{{ b.conflict }}">{{ names.get(e.article, e.article) }}</a>{% else %}<a href="#article-{{ positions[e.article] }}">{{ names.get(e.article, e.article) }}</a>{% endif %}{% if not loop.last %}, {% endif %}{% endfor %}]{% if b.unique %} only one source{% endif %}</small></li>{% endfor %}</ol>
{% if brief.disputes %}<h3>Where sources disagree</h3><ul class="disputes">{% for d in brief.disputes %}<li><a href="#{{ d.conflict }}">{{ d.text }}</a></li>{% endfor %}</ul>{% endif %}
{% if brief.timeline %}<h3>Timeline</h3><ul class="timeline">{% for t in brief.timeline %}<li><time>{{ t.date }}</time> {{ t.text|truncate(160) }} <small>[{% for a in t.sources %}{{ names.get(a, a) }}{% if not loop.last %}, {% endif %}{% endfor %}]{% if t.date_conflict %} <b>sources give different dates</b>{% endif %}</small></li>{% endfor %}</ul>{% endif %}
{% endif %}{% if series %}<h2>Figures that moved</h2>
<ul class="series">{% for s in series %}<li id="{{ s.id }}"><b>{{ s.about }}</b> {{ s.direction }}: {% for p in s.points %}<a href="#{{ s.finding }}">{{ p.evidence.text }}</a> <small>({{ names.get(p.article, p.article) }}{% if p.published %}, {{ p.published }}{% endif %})</small>{% if not loop.last %} → {% endif %}{% endfor %}</li>{% endfor %}</ul>
{% endif %}<h2>Findings</h2>
<ol class="findings">
{% for f in findings %}<li id="{{ f.id }}"><span class="tag {{ f.type }}">{{ f.type }}{% if f.type == 'conflict' %}: {{ f.kind }}{% endif %}</span>
<b>{{ f.about }}</b> <small>({{ '%.2f'|format(f.confidence) }}{% if f.likely_update %}, likely an update over time{% endif %})</small>
{% for e in f.evidence %}<a class="ev" href="#{{ f.id }}-{{ loop.index0 }}" data-target="{{ f.id }}-{{ loop.index0 }}">{{ names[e.article] }}{% if e.field == 'title' %} (title){% endif %}: “{{ e.text|truncate(140) }}”{% if e.value and e.value != e.text %} = {{ e.value }}{% endif %}</a>{% endfor %}
</li>{% endfor %}
</ol>{% if hidden %}<p class="legend">{{ hidden }} more statements only one source makes are in the JSON output.</p>{% endif %}</section>
{% for a in articles %}<section id="article-{{ loop.index0 }}"><h2>{{ names[a.id] }}</h2>
<div class="meta">{{ a.id }}{% if a.published %} · published {{ a.published }}{% if a.published_inferred %} (inferred){% endif %}{% endif %}{% if a.agency %} · agency {{ a.agency }}{% endif %}{% if a.dateline %} · dateline {{ a.dateline }}{% endif %}{% if links[a.id] %} · <a href="{{ links[a.id] }}" rel="noopener noreferrer">link</a>{% elif a.url %} · <span class="url">{{ a.url }}</span>{% endif %}</div>
{% if a.title %}<div class="title">{{ bodies[a.id].title }}</div>{% endif %}
<div class="body">{{ bodies[a.id].text }}</div>
{% if a.removed %}<details class="removed"><summary>{{ a.removed|length }} piece(s) removed from the input</summary><ul>{% for r in a.removed %}<li>{{ r.reason }}: “{{ r.text|truncate(160) }}”</li>{% endfor %}</ul></details>{% endif %}
</section>{% endfor %}
</main>
<script>
document.querySelectorAll('a.ev').forEach(function(link){
  link.addEventListener('click', function(){
    document.querySelectorAll('mark.focus').forEach(function(m){m.classList.remove('focus')});
    var target = document.getElementById(link.dataset.target);
    if (target) { target.classList.add('focus'); }
  });
});
document.querySelectorAll('mark[data-findings]').forEach(function(mark){
  mark.addEventListener('click', function(){
    var first = mark.dataset.findings.split(' ')[0];
    var item = document.getElementById(first);
    if (item) { item.scrollIntoView({behavior:'smooth', block:'center'}); }
  });
});
</script>
</body></html>
"""


def _highlight(text: str, spans: list[tuple[int, int, Finding, str]]) -> str:
    """``text`` escaped, with every evidence span wrapped in <mark>; overlaps split into
    segments so offsets stay exact and no span is lost."""
    cuts = {0, len(text)}
    for start, end, _, _ in spans:
        cuts.update((start, end))
    points = sorted(cuts)
    out = []
    for left, right in zip(points, points[1:]):
        covering = [s for s in spans if s[0] <= left and right <= s[1]]
        piece = escape(text[left:right])
        if not covering:
            out.append(piece)
            continue
        covering.sort(key=lambda s: (PRIORITY[s[2].type], s[1] - s[0]))
        anchors = "".join(f'<span id="{anchor}"></span>' for start, _, _, anchor in covering if start == left)
        ids = " ".join(dict.fromkeys(s[2].id for s in covering))
        kind = covering[0][2].type
        out.append(f'{anchors}<mark class="{kind}" data-findings="{ids}" title="{ids}">{piece}</mark>')
    return "".join(out)


def render_html(comparison: Comparison, title: str | None = None, brief=None, home: str | None = None) -> str:
    """The comparison as one self-contained page; ``home`` links back to a list (the web app)."""
    spans: dict[tuple[str, str], list] = defaultdict(list)
    for finding in comparison.findings:
        for index, evidence in enumerate(finding.evidence):
            spans[(evidence.article, evidence.field)].append(
                (evidence.start, evidence.end, finding, f"{finding.id}-{index}"))
    bodies = {}
    for article in comparison.articles:
        bodies[article.id] = {
            "text": _highlight(article.text, spans[(article.id, "text")]),
            "title": _highlight(article.title or "", spans[(article.id, "title")]),
        }
    names = {a.id: _name(a) for a in comparison.articles}
    counts = defaultdict(int)
    for finding in comparison.findings:
        counts[finding.type] += 1
    environment = Environment(autoescape=True)
    template = environment.from_string(TEMPLATE)
    from markupsafe import Markup

    safe_bodies = {k: {f: Markup(v) for f, v in b.items()} for k, b in bodies.items()}
    heading = title or next((a.title for a in comparison.articles if a.title), None) or "comparison"
    uniques = [f for f in comparison.findings if f.type == "unique"]
    kept = {id(f) for f in shown_uniques(uniques, UNIQUES_PER_SOURCE)}
    listed = [f for f in comparison.findings if f.type != "unique" or id(f) in kept]
    return template.render(
        title=heading, articles=comparison.articles, findings=listed, bodies=safe_bodies,
        series=comparison.series, hidden=len(comparison.findings) - len(listed),
        names=names, counts=counts, errors=comparison.errors, warnings=comparison.warnings, brief=brief, home=home,
        links={a.id: link_target(a.url) for a in comparison.articles},
        positions={a.id: i for i, a in enumerate(comparison.articles)},
        columns=" ".join(["minmax(280px,1fr)"] * len(comparison.articles)),
    )


def link_target(url: str | None) -> str | None:
    """``url`` if it may become a link: http and https only. Anything else (javascript:,
    data:, file:, a relative path) is shown as text, so a record cannot put script in a
    report."""
    if not url:
        return None
    # browsers drop control characters and surrounding spaces before reading the scheme
    cleaned = "".join(ch for ch in url if ch >= " " and ch != "\x7f").strip()
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return None
    return cleaned if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _name(article: Article) -> str:
    name = article.outlet or article.id
    return f"{name} — {article.partial_note}" if article.partial else name
