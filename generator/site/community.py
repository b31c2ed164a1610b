"""Louvain communities and induced subgraphs that are the same in every process.

networkx's Louvain walks Python sets of the node labels, and a subgraph view iterates over a set of nodes:
with string labels both follow the string hash, which changes from one process to the next (PYTHONHASHSEED),
so the same graph and seed gave different communities in two builds. Here every graph is relabelled to the
integers 0..n-1 in sorted label order (an int's hash is itself) and subgraphs are built as new graphs from
sorted nodes and edges.
"""

from __future__ import annotations

import networkx as nx


def induced(g: nx.Graph, nodes) -> nx.Graph:
    """The subgraph on `nodes`, as a new graph with nodes and edges added in sorted order."""
    keep = set(nodes)
    sub = nx.Graph()
    sub.add_nodes_from(sorted(keep))
    sub.add_weighted_edges_from(sorted((min(a, b), max(a, b), d.get("weight", 1.0))
                                       for a, b, d in g.edges(sorted(keep), data=True) if a in keep and b in keep))
    return sub


def louvain(g: nx.Graph, seed: int, resolution: float = 1.0) -> list[list]:
    """Louvain communities of `g` (weights in "weight"), each sorted, largest first."""
    labels = sorted(g.nodes)
    index = {n: i for i, n in enumerate(labels)}
    h = nx.Graph()
    h.add_nodes_from(range(len(labels)))
    h.add_weighted_edges_from(sorted((min(index[a], index[b]), max(index[a], index[b]), d.get("weight", 1.0))
                                     for a, b, d in g.edges(data=True)))
    found = nx.community.louvain_communities(h, weight="weight", resolution=resolution, seed=seed)
    groups = [sorted(labels[i] for i in c) for c in found]
    return sorted(groups, key=lambda c: (-len(c), c[0]))
