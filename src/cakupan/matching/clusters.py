"""Persons from links: connected components of the accepted pairs.

Example:
    >>> components([1, 2, 3, 4, 5], [(1, 2), (2, 3), (4, 4)])
    {1: 1, 2: 1, 3: 1, 4: 4, 5: 5}
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["components"]


def components(ids: Iterable[int], edges: Iterable[tuple[int, int]]) -> dict[int, int]:
    """Each id mapped to the smallest id of its connected component (union-find)."""
    parent: dict[int, int] = {i: i for i in ids}

    def find(x: int) -> int:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            if ra < rb:
                parent[rb] = ra
            else:
                parent[ra] = rb
    return {i: find(i) for i in parent}
