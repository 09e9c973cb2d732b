"""Persons from links: connected components of the accepted pairs, never joining two records
a reviewer said are different persons.

Example:
    >>> components([1, 2, 3, 4, 5], [(1, 2), (2, 3), (4, 4)])
    {1: 1, 2: 1, 3: 1, 4: 4, 5: 5}
    >>> components([1, 2, 3], [(1, 2), (2, 3)], cannot=[(1, 3)])
    {1: 1, 2: 1, 3: 3}
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["components"]


def components(
    ids: Iterable[int],
    edges: Iterable[tuple[int, int]],
    *,
    cannot: Iterable[tuple[int, int]] = (),
) -> dict[int, int]:
    """Each id mapped to the smallest id of its component (union-find).

    Edges are taken in the order given (strongest evidence first); an edge that would put the
    two records of a ``cannot`` pair in one component is skipped.
    """
    parent: dict[int, int] = {i: i for i in ids}
    apart: dict[int, set[int]] = {}
    for a, b in cannot:
        if a in parent and b in parent:
            apart.setdefault(a, set()).add(b)
            apart.setdefault(b, set()).add(a)
    # For each root: the records its component must never contain.
    forbidden: dict[int, set[int]] = {i: set(s) for i, s in apart.items()}
    members: dict[int, set[int]] = {i: {i} for i in apart}

    def find(x: int) -> int:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        if forbidden and (
            forbidden.get(ra, set()) & members.get(rb, {rb})
            or forbidden.get(rb, set()) & members.get(ra, {ra})
        ):
            continue
        keep, drop = (ra, rb) if ra < rb else (rb, ra)
        parent[drop] = keep
        if drop in forbidden or keep in forbidden:
            forbidden[keep] = forbidden.get(keep, set()) | forbidden.pop(drop, set())
            members[keep] = members.get(keep, {keep}) | members.pop(drop, {drop})
    return {i: find(i) for i in parent}
