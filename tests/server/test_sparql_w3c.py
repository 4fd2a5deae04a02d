"""The W3C SPARQL 1.1 Protocol and Service Description manifests against the live endpoint.

A read-only endpoint passes the 13 positive and 7 negative query tests and the 7 bad-update tests
(each with its specific error), and refuses the 7 update tests as read-only.
"""

from __future__ import annotations

import httpx
import pytest
from w3c_runner import SPECIFIC_ERRORS, protocol_tests, run_protocol_test, run_sd_test, sd_tests

PROTOCOL = protocol_tests()
REFUSED = {t.name for t in PROTOCOL if t.updates and t.name not in SPECIFIC_ERRORS}


def test_the_manifest_has_the_tests_the_issue_counts() -> None:
    queries = [t for t in PROTOCOL if not t.updates]
    assert len(PROTOCOL) == 34
    assert len(queries) == 20 and len(REFUSED) == 7
    assert sum(name.startswith("bad_update") or name == "bad_multiple_updates"
               for name in SPECIFIC_ERRORS) == 7
    assert sd_tests() == ["has-endpoint-triple", "returns-rdf", "conforms-to-schema"]


@pytest.mark.parametrize("test", PROTOCOL, ids=[t.name for t in PROTOCOL])
def test_protocol(client: httpx.Client, endpoint: str, test) -> None:
    outcome = run_protocol_test(client, endpoint, test)
    expected = "refused" if test.name in REFUSED else "pass"
    assert (outcome.verdict, outcome.detail if outcome.verdict == "fail" else "") == (expected, "")


@pytest.mark.parametrize("name", sd_tests())
def test_service_description(client: httpx.Client, endpoint: str, name: str) -> None:
    outcome = run_sd_test(client, endpoint, name)
    assert (outcome.verdict, outcome.detail) == ("pass", "")


def test_a_404_does_not_pass_a_negative_test(client: httpx.Client, base_url: str) -> None:
    """The runner's own check: a wrong path answers 4xx, which must not count as a pass."""
    test = next(t for t in PROTOCOL if t.name == "bad_query_syntax")
    outcome = run_protocol_test(client, f"{base_url}/nowhere/", test)
    assert outcome.verdict == "fail" and "not the specific error" in outcome.detail
