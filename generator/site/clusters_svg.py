"""The home page's picture of who is named with whom, drawn as clusters rather than one ring.

The top entities (by articles) and their strongest co-occurrence edges form a graph; Louvain communities
(networkx, fixed seed) are the clusters. Each cluster gets its own disc, discs are packed in rows largest
first, and inside a disc the entities are placed by a force layout (networkx spring_layout, fixed seed) of
that cluster alone, so no hairball forms between clusters. Only each cluster's leading names are written
(every dot keeps its tooltip and link), which keeps 200 nodes readable. Same markup contract as graph.py:
<a href> per node with a <title>, a <title> and <desc> for the picture, no script, rounded coordinates.
"""

from __future__ import annotations

import math

import networkx as nx

from generator.site.graph import (FONT, TYPE_ORDER, _edges, _legend, _node, _node_svg, _open,
                                  _tip, f, short, x)
from generator.site.community import induced, louvain
from generator.site.views import Views, top_entities

SEED = 7
WIDTH = 960.0
GAP = 18.0
EDGES_PER_NODE = 5
LABEL_LIMIT = 22


def _clusters(g: nx.Graph) -> list[list[str]]:
    if g.number_of_edges() == 0:
        return [sorted(g.nodes)]
    groups = louvain(g, SEED)
    big = [c for c in groups if len(c) > 1]
    alone = sorted(n for c in groups if len(c) == 1 for n in c)
    return big + ([alone] if alone else [])  # entities linked to none of the others share one disc


def _disc_positions(g: nx.Graph, members: list[str], cx: float, cy: float, r: float) -> dict[str, tuple[float, float]]:
    if len(members) == 1:
        return {members[0]: (cx, cy)}
    sub = induced(g, members)
    if sub.number_of_edges() == 0:  # a ring for unlinked ones
        return {n: (cx + r * 0.75 * math.cos(2 * math.pi * i / len(members)),
                    cy + r * 0.75 * math.sin(2 * math.pi * i / len(members))) for i, n in enumerate(members)}
    # unweighted and with a long spring: the hub of a cluster must not pull every dot onto itself
    pos = nx.spring_layout(sub, seed=SEED, weight=None, k=2.2 / math.sqrt(len(members)), iterations=120)
    mx = sum(p[0] for p in pos.values()) / len(pos)
    my = sum(p[1] for p in pos.values()) / len(pos)
    # keep each dot's direction and its rank in distance from the middle, but spread the ranks evenly over
    # the disc's area: a force layout packs a cluster's hub and its close partners into one blot
    ranked = sorted(members, key=lambda n: (math.hypot(pos[n][0] - mx, pos[n][1] - my), n))
    out = {}
    for i, n in enumerate(ranked):
        angle = math.atan2(pos[n][1] - my, pos[n][0] - mx)
        dist = 0.82 * r * math.sqrt((i + 0.5) / len(ranked))
        out[n] = (cx + dist * math.cos(angle), cy + dist * math.sin(angle))
    return out


def cluster_svg(v: Views, root: str, labels: dict[str, str], max_nodes: int = 60, standalone: bool = False,
                ident: str = "cooc") -> str:
    ids = top_entities(v, max_nodes)
    if not ids:
        return ""
    nodes = {e: _node(v, e) for e in ids}
    wmax = max(n.weight for n in nodes.values()) or 1
    for n in nodes.values():
        n.r = 3.5 + 6.5 * math.sqrt(n.weight / wmax)
    edges = _edges(v, set(ids), EDGES_PER_NODE, EDGES_PER_NODE * len(ids))
    g = nx.Graph()
    g.add_nodes_from(sorted(ids))
    g.add_weighted_edges_from(edges)
    clusters = _clusters(g)
    types = [t for t in TYPE_ORDER if any(n.type == t for n in nodes.values())]
    top = 16 * len(types) + 20
    pos: dict[str, tuple[float, float]] = {}
    discs = []
    px, py, row = 0.0, float(top), 0.0
    for members in clusters:
        r = 60 + 24 * math.sqrt(len(members))
        if px > 0 and px + 2 * r > WIDTH:
            px, py, row = 0.0, py + row + GAP, 0.0
        cx, cy = px + r, py + r + 14
        pos.update(_disc_positions(g, members, cx, cy, r))
        lead = sorted(members, key=lambda e: (-nodes[e].weight, e))
        discs.append((cx, cy, r, lead))
        px, row = px + 2 * r + GAP, max(row, 2 * r + 14)
    width = max(300.0, max(cx + r for cx, _, r, _ in discs) + 10)
    height = py + row + 10
    title = f"Who is mentioned with whom: the {len(ids)} most mentioned people and organisations in {len(discs)} clusters"
    desc = (f"{len(ids)} entities in {len(discs)} clusters of those often named in the same articles; larger dots "
            f"for more articles, lines for shared articles. Largest clusters: "
            + "; ".join(", ".join(nodes[e].name for e in lead[:3]) for _, _, _, lead in discs[:3])
            + ". Each dot links to the entity's page.")
    out = [_open((-10.0, 0.0, width, height), title, desc, ident, standalone),
           _legend(types, labels, 0, 14), '<g class="bg-clusters" fill="none" stroke="currentColor">']
    for cx, cy, r, _lead in discs:
        out.append(f'<circle cx="{f(cx)}" cy="{f(cy)}" r="{f(r)}" stroke-opacity="0.15" stroke-dasharray="3 3"/>')
    out.append('</g><g class="bg-edges" fill="none" stroke="currentColor">')
    emax = max((n for _, _, n in edges), default=1)
    cluster_of = {e: i for i, (_, _, _, lead) in enumerate(discs) for e in lead}
    for a, b, shared in edges:
        if cluster_of[a] != cluster_of[b]:
            continue  # lines between clusters would cross the whole picture: the clusters say it
        (x1, y1), (x2, y2) = pos[a], pos[b]
        out.append(f'<line x1="{f(x1)}" y1="{f(y1)}" x2="{f(x2)}" y2="{f(y2)}" '
                   f'stroke-width="{f(0.5 + 2.0 * shared / emax)}" stroke-opacity="{0.08 + 0.25 * shared / emax:.2f}"/>')
    out.append('</g><g class="bg-nodes" fill="currentColor">')
    for cx, _cy, _r, lead in discs:
        named = set(lead[:max(2, min(len(lead), 3 + len(lead) // 4))])
        for e in sorted(lead, key=lambda e: e not in named):
            n = nodes[e]
            nx_, ny_ = pos[e]
            label = ""
            if e in named:  # written away from the disc's middle, so that labels stay inside it
                left = nx_ < cx - 1
                tx = nx_ - n.r - 3 if left else nx_ + n.r + 3
                anchor = ' text-anchor="end"' if left else ""
                label = (f'<text x="{f(tx)}" y="{f(ny_)}" dy="0.35em" font-size="{FONT - 1}"{anchor}>'
                         f"{x(short(n.name, LABEL_LIMIT))}</text>")
            out.append(_node_svg(n, nx_, ny_, root, _tip(v, n, labels), label))
    out.append("</g></svg>")
    return "".join(out)
