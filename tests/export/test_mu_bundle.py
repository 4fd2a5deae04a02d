"""The mu-migrations bundle: a .ttl with the edition's triples and a sibling .graph naming the
graph mu-migrations-service loads it into (configurable, Themis' public graph by default)."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

from vvgraph._exceptions import ConfigError
from vvgraph.config import Settings, load_settings
from vvgraph.export.mu_bundle import write_bundle


def test_bundle_holds_the_edition_for_the_public_graph(built, report):
    folder = built.out_dir / "mu-migrations"
    ttl = sorted(folder.glob("*.ttl"))
    assert len(ttl) == 1
    name = ttl[0].stem
    # The service runs files in name order: a 14-digit timestamp first, here the measurement day.
    assert re.fullmatch(r"\d{14}-[a-z0-9-]+", name)
    assert name.startswith(report.measured_on.replace("-", ""))
    assert (folder / f"{name}.graph").read_text(encoding="utf-8").strip() == \
        "http://mu.semte.ch/graphs/public"
    bundled = set(ox.parse(path=str(ttl[0]), format=ox.RdfFormat.TURTLE))
    dump = set(ox.parse(path=str(built.out_dir / "vvgraph.nt"), format=ox.RdfFormat.N_TRIPLES))
    assert bundled == dump


def test_the_graph_is_configurable(tmp_path):
    settings = load_settings({}, {"VVGRAPH_MU_GRAPH": "http://mu.semte.ch/graphs/vlaamse-veerkracht"})
    written = write_bundle(b"", tmp_path, "2023-01-01", settings.mu_graph)
    assert [p.name for p in written] == ["20230101000000-vlaamse-veerkracht-2023-01-01.ttl",
                                         "20230101000000-vlaamse-veerkracht-2023-01-01.graph"]
    assert written[1].read_text(encoding="utf-8") == "http://mu.semte.ch/graphs/vlaamse-veerkracht\n"


def test_a_graph_that_is_no_iri_is_a_setting_error():
    with pytest.raises(ConfigError, match="mu-migrations graph 'public'"):
        Settings(mu_graph="public")
