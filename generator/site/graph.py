"""Co-occurrence pictures: who is mentioned with whom, as static SVG built at build time.

The pictures of `Views.cooccur` (entities counted together in the same article), and the parts they share:

- `ego_svg`: one entity in the middle and the entities most often mentioned with it on a ring around it,
  grouped by type, labels written radially outside the ring and chords drawn as curves through the middle.
  A ring keeps every label readable at any N (each node gets a fixed arc), where a force layout piles
  labels up.
- the home page's picture and the stand-alone graph.svg are clusters_svg.cluster_svg, drawn from the
  nodes, edges, legend and tooltips defined here.

Layout is a pure function of the data with explicit sort keys and rounded coordinates: two builds give
byte-identical SVG. Every node is an <a href> to its entity page with a <title> tooltip; the SVG has a
<title> and a <desc>; it contains no script. All article-derived text is XML-escaped here.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from itertools import combinations
from dataclasses import dataclass
from html import escape

from generator.records import ACTOR_TYPES, TYPE_COLOURS
from generator.site.views import MAX_COOCCURRING_PER_ARTICLE, Views

HOME_NODES = 60  # nodes in the picture on the home page
FULL_NODES = 200  # nodes in the stand-alone graph.svg
EGO_NODES = 24  # neighbours in an entity page's picture
TYPE_ORDER = ACTOR_TYPES
FONT = 11.5
CHAR_W = 6.4  # average advance of one character at FONT, for layout estimates
MAX_LABEL = 26
SLOT = 15.0  # arc length given to each node on the ring
STANDALONE_STYLE = (
    "<style>svg{color:#222;background:#fff;font-family:system-ui,sans-serif}"
    "@media (prefers-color-scheme:dark){svg{color:#ddd;background:#1e2129}}"
    "a:hover circle,a:focus circle{stroke:#ffb300;stroke-width:3}a:hover text,a:focus text{font-weight:700}"
    "</style>")


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]")  # + bidi controls


_X_MEMO: dict[str, str] = {}  # names, ids and types recur in every picture: each is escaped once (bounded)


def x(text) -> str:
    """Escape any text for XML content and attribute values; drop characters XML 1.0 forbids."""
    if type(text) is str:
        hit = _X_MEMO.get(text)
        if hit is None:
            hit = escape(" ".join(_NOT_XML.sub("", text).split()), quote=True)
            if len(text) <= 200:
                if len(_X_MEMO) >= 50_000:
                    _X_MEMO.clear()
                _X_MEMO[text] = hit
        return hit
    return escape(" ".join(_NOT_XML.sub("", str(text)).split()), quote=True)


def f(value: float) -> str:
    """Coordinates with one decimal, without '-0.0': stable text for stable bytes."""
    s = f"{value:.1f}"
    return "0.0" if s == "-0.0" else s


def short(name: str, limit: int = MAX_LABEL) -> str:
    name = " ".join(name.split())
    return name if len(name) <= limit else name[:limit - 1].rstrip() + "…"


@dataclass
class Node:
    id: str
    name: str
    type: str
    weight: int  # articles
    mentions: int
    angle: float = 0.0
    r: float = 4.0


def _node(v: Views, eid: str) -> Node:
    ent = v.briefing.entities[eid]
    return Node(eid, ent.name, ent.type, len(v.articles_of.get(eid, [])), len(v.mentions.get(eid, [])))


def _ring_order(nodes: list[Node]) -> list[Node | None]:
    """Nodes grouped by type (fixed order), by name inside a group; None marks the gap between groups."""
    rank = {t: i for i, t in enumerate(TYPE_ORDER)}
    ordered = sorted(nodes, key=lambda n: (rank.get(n.type, len(rank)), n.type, n.name.casefold(), n.id))
    slots: list[Node | None] = []
    for n in ordered:
        if slots and slots[-1] is not None and slots[-1].type != n.type:
            slots.append(None)
        slots.append(n)
    if len({n.type for n in nodes}) > 1:
        slots.append(None)
    return slots


def _counts(v: Views, a: str) -> dict[str, int]:
    """Co-occurrence counts of `a` as a dict, built once per Views (ego graphs look up pairs, not lists)."""
    table = v.cooccur_counts
    if a not in table:
        table[a] = dict(v.cooccur.get(a, []))
    return table[a]


def _edges(v: Views, ids: set[str], per_node: int, cap: int) -> list[tuple[str, str, int]]:
    """Each node's `per_node` strongest partners inside `ids`, strongest edges first, at most `cap`."""
    chosen: dict[tuple[str, str], int] = {}
    for a in sorted(ids):
        if len(ids) < len(v.cooccur.get(a, [])):  # few nodes, many partners: look the pairs up
            counts = _counts(v, a)
            partners = sorted(((b, counts[b]) for b in ids if b in counts), key=lambda p: (-p[1], p[0]))
        else:  # cooccur lists are already in (-count, id) order
            partners = [(b, n) for b, n in v.cooccur.get(a, []) if b in ids]
        for b, n in partners[:per_node]:
            chosen[(min(a, b), max(a, b))] = n
    return sorted(((a, b, n) for (a, b), n in chosen.items()), key=lambda e: (-e[2], e[0], e[1]))[:cap]


def _place(slots: list[Node | None], radius: float) -> tuple[dict[str, tuple[float, float]], tuple[float, float, float, float]]:
    """Positions around (0, 0) and the box that holds every dot and label: (x0, y0, x1, y1)."""
    pos: dict[str, tuple[float, float]] = {}
    x0 = y0 = -radius - 20
    x1 = y1 = radius + 20
    for i, n in enumerate(slots):
        if n is None:
            continue
        n.angle = 2 * math.pi * i / len(slots) - math.pi / 2
        c, s = math.cos(n.angle), math.sin(n.angle)
        pos[n.id] = (radius * c, radius * s)
        reach = radius + n.r + 8 + len(short(n.name)) * CHAR_W
        ex, ey = reach * c, reach * s
        x0, x1 = min(x0, ex - FONT), max(x1, ex + FONT)
        y0, y1 = min(y0, ey - FONT), max(y1, ey + FONT)
    return pos, (x0, y0, x1, y1)


def _label(n: Node, cx: float, cy: float, radius: float) -> str:
    deg = math.degrees(n.angle)
    tx, ty = cx + radius * math.cos(n.angle), cy + radius * math.sin(n.angle)
    left = math.cos(n.angle) < -1e-9
    rot = deg + 180 if left else deg
    anchor = ' text-anchor="end"' if left else ""
    return (f'<text x="{f(tx)}" y="{f(ty)}" dy="0.35em"{anchor} transform="rotate({f(rot)} {f(tx)} {f(ty)})">'
            f"{x(short(n.name))}</text>")


def _node_svg(n: Node, px: float, py: float, root: str, tip: str, label: str) -> str:
    return (f'<a href="{x(root)}entities/{x(n.id)}.html" class="bg-node t-{x(n.type)}">'
            f"<title>{x(tip)}</title>"
            f'<circle cx="{f(px)}" cy="{f(py)}" r="{f(n.r)}" fill="{TYPE_COLOURS.get(n.type, "#757575")}" '
            f'stroke="#fff" stroke-width="1"/>{label}</a>')


def _legend(types: list[str], labels: dict[str, str], x0: float, y0: float) -> str:
    out = ['<g class="bg-legend" font-size="11">']
    for i, t in enumerate(types):
        yy = y0 + i * 16
        out.append(f'<circle cx="{f(x0 + 5)}" cy="{f(yy)}" r="5" fill="{TYPE_COLOURS.get(t, "#757575")}"/>'
                   f'<text x="{f(x0 + 14)}" y="{f(yy)}" dy="0.35em" fill="currentColor">{x(labels.get(t, t))}</text>')
    out.append("</g>")
    return "".join(out)


def _tip(v: Views, n: Node, labels: dict[str, str], extra: str = "") -> str:
    """A node's tooltip. With `extra` (ego graphs) it says only what concerns the centre: a neighbour's own
    totals there would change every page that shows it whenever one more article names it, so adding one
    article to a large briefing rewrote a third of the entity pages."""
    if extra:
        return f"{n.name} ({labels.get(n.type, n.type)}): {extra}"
    partners = [v.briefing.entities[o].name for o, _ in v.cooccur.get(n.id, [])[:3] if o in v.briefing.entities]
    tip = (f"{n.name} ({labels.get(n.type, n.type)}): {n.weight} article{'s' if n.weight != 1 else ''}, "
           f"{n.mentions} mention{'s' if n.mentions != 1 else ''}")
    if partners:
        tip += "; often with " + ", ".join(partners)
    return tip


def _open(box: tuple[float, float, float, float], title: str, desc: str, ident: str, standalone: bool) -> str:
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="briefing-graph" '
            f'viewBox="{f(x0)} {f(y0)} {f(w)} {f(h)}" width="{f(w)}" height="{f(h)}" role="group" '
            f'aria-labelledby="{ident}-t {ident}-d" font-family="inherit" font-size="{FONT}">'
            f'<title id="{ident}-t">{x(title)}</title><desc id="{ident}-d">{x(desc)}</desc>'
            + (STANDALONE_STYLE if standalone else ""))


def _chord(p1: tuple[float, float], p2: tuple[float, float], centre: tuple[float, float], pull: float,
           width: float, opacity: float) -> str:
    """A curved line between two dots, bent towards the centre by `pull` (0: through it, 1: straight)."""
    (x1, y1), (x2, y2), (cx, cy) = p1, p2, centre
    qx, qy = cx + ((x1 + x2) / 2 - cx) * pull, cy + ((y1 + y2) / 2 - cy) * pull
    return (f'<path d="M{f(x1)} {f(y1)}Q{f(qx)} {f(qy)} {f(x2)} {f(y2)}" stroke-width="{f(width)}" '
            f'stroke-opacity="{opacity:.2f}"/>')


def ego_inputs(v: Views, eid: str, max_nodes: int = EGO_NODES) -> tuple[list[tuple[str, int]], list[tuple[str, str, int]]]:
    """What an ego picture is drawn from: the neighbours (id, shared articles) and the chords between them."""
    near = [(o, n) for o, n in v.cooccur.get(eid, []) if o in v.pages and o != eid][:max_nodes]
    return near, (_local_edges(v, eid, {o for o, _ in near}) if near else [])


def _local_edges(v: Views, eid: str, ids: set[str], per_node: int = 2) -> list[tuple[str, str, int]]:
    """Chords of an ego picture: pairs of neighbours named together in the centre's own articles, each
    neighbour's `per_node` strongest, at most two per neighbour. Counted from those articles only, so the
    picture (and the page) changes only when an article naming the centre does."""
    counts: Counter[tuple[str, str]] = Counter()
    for rec in v.articles_of.get(eid, []):
        top = v.top_actors.get(rec.id)
        if top is None:
            top = [a.id for a in rec.actors[:MAX_COOCCURRING_PER_ARTICLE]]
        counts.update(combinations(sorted({a for a in top if a in ids}), 2))  # each pair once, counted in C
    partners: dict[str, list[tuple[int, str]]] = {}
    for (a, b), n in counts.items():
        partners.setdefault(a, []).append((-n, b))
        partners.setdefault(b, []).append((-n, a))
    chosen: dict[tuple[str, str], int] = {}
    for a in sorted(partners):
        for neg, b in sorted(partners[a])[:per_node]:
            chosen[(min(a, b), max(a, b))] = -neg
    return sorted(((a, b, n) for (a, b), n in chosen.items()), key=lambda e: (-e[2], e[0], e[1]))[:2 * len(ids)]


def ego_svg(v: Views, eid: str, root: str, labels: dict[str, str], max_nodes: int = EGO_NODES,
            ident: str = "ego") -> str:
    """One entity in the middle, the entities most often in the same articles around it."""
    near, chords = ego_inputs(v, eid, max_nodes)
    if not near:
        return ""
    centre = _node(v, eid)
    counts = dict(near)
    nodes = [_node(v, o) for o, _ in near]
    cmax = max(counts.values())
    for n in nodes:
        n.r = 3.5 + 5.5 * math.sqrt(counts[n.id] / cmax)
    centre.r = 12
    slots = _ring_order(nodes)
    radius = max(110.0, len(slots) * SLOT / (2 * math.pi))
    types = [t for t in TYPE_ORDER if any(n.type == t for n in nodes + [centre])]
    pos, (bx0, by0, bx1, by1) = _place(slots, radius)
    box = (bx0, by0 - 16 * len(types) - 10, bx1, by1)
    cx = cy = 0.0
    title = f"{centre.name} is most often mentioned with {', '.join(n.name for n in nodes[:3])}"
    desc = (f"{centre.name} in the middle; around it the {len(nodes)} people and organisations most often named "
            f"in the same articles, grouped by type. Thicker lines mean more shared articles. "
            f"Each dot links to that entity's page.")
    out = [_open(box, title, desc, ident, False), _legend(types, labels, box[0] + 10, box[1] + 14),
           '<g class="bg-edges" fill="none" stroke="currentColor">']
    for a, b, _ in chords:
        out.append(_chord(pos[a], pos[b], (cx, cy), 0.5, 0.6, 0.12))
    for n in nodes:
        px, py = pos[n.id]
        out.append(f'<line x1="{f(cx)}" y1="{f(cy)}" x2="{f(px)}" y2="{f(py)}" '
                   f'stroke-width="{f(0.8 + 3.2 * counts[n.id] / cmax)}" stroke-opacity="0.35"/>')
    out.append('</g><g class="bg-nodes" fill="currentColor">')
    for n in nodes:
        px, py = pos[n.id]
        extra = f"{counts[n.id]} article{'s' if counts[n.id] != 1 else ''} together with {centre.name}"
        out.append(_node_svg(n, px, py, root, _tip(v, n, labels, extra), _label(n, cx, cy, radius + n.r + 5)))
    out.append(f'<g class="bg-centre"><title>{x(centre.name)}</title>'
               f'<circle cx="{f(cx)}" cy="{f(cy)}" r="{f(centre.r)}" '
               f'fill="{TYPE_COLOURS.get(centre.type, "#757575")}" stroke="#fff" stroke-width="2"/>'
               f'<text x="{f(cx)}" y="{f(cy + centre.r + 14)}" text-anchor="middle" font-weight="700">'
               f"{x(short(centre.name))}</text></g>")
    out.append("</g></svg>")
    return "".join(out)


def embed(svg: str, caption: str = "", css: str = "briefing-figure") -> str:
    """An SVG as a raw HTML block for a Markdown page: one line, left alone by Markdown and by both searches."""
    if not svg:
        return ""
    cap = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f'<figure class="{css}" data-search-exclude data-pagefind-ignore="all" markdown="0">{svg}{cap}</figure>'


HEADER_H = 44.0


def standalone(svg: str, back: str = "index.html", site_name: str = "Briefing") -> str:
    """The picture as a file of its own (graph.svg), with a header band: the site's name and a link back to
    the overview, so that a reader who opened it has a way back. The picture keeps its size (its text stays
    at the size it has on the pages; a phone pans and zooms)."""
    m = re.match(r'<svg [^>]*?viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"', svg)
    if m is None:
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + svg + "\n"
    w, h = float(m.group(3)), float(m.group(4))
    width, height = max(w, 320.0), h + HEADER_H
    inner = svg.replace("<svg ", f'<svg x="0" y="{f(HEADER_H)}" ', 1)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {f(width)} {f(height)}" width="{f(width)}" '
            f'height="{f(height)}" font-family="system-ui, sans-serif">'
            f'<rect width="{f(width)}" height="{f(HEADER_H - 8)}" fill="#3f51b5"/>'
            f'<a href="{x(back)}"><text x="12" y="24" font-size="15" fill="#ffffff" font-weight="600">'
            f"← {x(site_name)}: back to the overview</text></a>"
            + inner + "</svg>\n")
