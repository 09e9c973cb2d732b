"""Every example in the public docstrings runs."""

import doctest
import importlib
import pkgutil

import pytest

import cakupan

MODULES = sorted(m.name for m in pkgutil.walk_packages(cakupan.__path__, prefix="cakupan."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
