"""Persons from links: the array union-find gives what the one-edge-at-a-time one gives."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from cakupan.matching.clusters import components, components_array

EDGES = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), min_size=1, max_size=120)


@given(EDGES)
def test_the_array_union_find_agrees_with_the_plain_one(edges):
    pairs = np.array(edges, dtype=np.int64)
    ids, roots = components_array(pairs[:, 0], pairs[:, 1])
    expected = components({i for edge in edges for i in edge}, edges)
    assert dict(zip(ids.tolist(), roots.tolist(), strict=True)) == expected


def test_a_long_chain_is_one_person():
    chain = np.arange(10_000)
    ids, roots = components_array(chain[1:], chain[:-1])
    assert len(ids) == 10_000 and set(roots.tolist()) == {0}
