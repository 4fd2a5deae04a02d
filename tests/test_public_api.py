"""The package's public names: sorted, all resolvable, and the lazy ones really lazy."""

from __future__ import annotations

import subprocess
import sys

import vvgraph


def test_all_is_sorted_and_every_name_resolves():
    assert vvgraph.__all__ == sorted(vvgraph.__all__)
    for name in vvgraph.__all__:
        assert getattr(vvgraph, name) is not None, name


def test_an_unknown_name_is_an_attribute_error():
    import pytest
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        vvgraph.nope  # noqa: B018


def test_importing_the_package_does_not_import_rdflib_or_the_server():
    code = "import sys, vvgraph; print(sorted(m for m in ('rdflib', 'fastapi', 'pyshacl') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "[]"
