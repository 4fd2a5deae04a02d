"""The query page for people: a Dutch form with the example queries of ``queries/`` one click
away, and answers as a table (SELECT, ASK) or as readable triples (CONSTRUCT, DESCRIBE) when a
browser asks ``/sparql`` for HTML. Machines keep getting SPARQL JSON, XML, CSV, TSV or RDF.

IRIs of this dataset link to their pages with their labels beside them; numbers and dates are
written the Belgian way. A long answer shows its first rows and says so; the downloads give it
whole.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox

from .core import Page, ViewCore
from .formatting import date_nl, decimal, number_nl, script_json
from .links import Links

SHOWN = 1000   # rows or triples a page shows; the downloads have them all
XSD = "http://www.w3.org/2001/XMLSchema#"
NUMBERS = {XSD + t for t in ("integer", "decimal", "int", "long", "nonNegativeInteger",
                             "positiveInteger", "short")}
DATES = {XSD + "date", XSD + "dateTime"}
SOLUTION_DOWNLOADS = (("json", "SPARQL JSON"), ("xml", "SPARQL XML"), ("csv", "CSV"),
                      ("tsv", "TSV"))
GRAPH_DOWNLOADS = (("turtle", "Turtle"), ("nt", "N-Triples"), ("json-ld", "JSON-LD"),
                   ("rdf", "RDF/XML"))


class QueryViews(ViewCore):
    """The query page and its answers."""

    def query_context(self, links: Links, endpoint: str, examples: list[tuple[str, str]],
                      query: str, title: str) -> dict[str, Any]:
        ctx = self.base_context(links, title)
        ctx.update(page_kind="query", endpoint=endpoint, query=query, yasgui=None,
                   examples=[{"name": name, "href": f"{endpoint}?{urlencode({'query': text})}",
                              "question": _question(text)} for name, text in examples],
                   answer=None)
        return ctx

    def query_form(self, links: Links, endpoint: str, examples: list[tuple[str, str]],
                   yasgui: str | None, absolute_endpoint: str) -> Page:
        """``yasgui``: where YASGUI's files are when it is installed (it then opens a tab per
        example, and the plain form hides), else ``None`` (the page says so)."""
        first = examples[0][1] if examples else "SELECT * WHERE {\n  ?s ?p ?o\n} LIMIT 10"
        ctx = self.query_context(links, endpoint, examples, first, "SPARQL-vragen stellen")
        if yasgui is not None:
            ctx["yasgui"] = {"css": f"{yasgui}/yasgui.min.css", "js": f"{yasgui}/yasgui.min.js",
                             "endpoint": absolute_endpoint,
                             "examples": script_json(json.dumps(examples, ensure_ascii=False))}
        return Page("query.html", ctx)

    def query_answer(self, links: Links, endpoint: str, examples: list[tuple[str, str]],
                     query: str, keyword: str, body: bytes) -> Page:
        """The answer ``body`` (SPARQL JSON for SELECT/ASK, N-Triples for CONSTRUCT/DESCRIBE)
        laid out for reading."""
        ctx = self.query_context(links, endpoint, examples, query, "Antwoord op uw vraag")
        graph = keyword in ("CONSTRUCT", "DESCRIBE")
        answer: dict[str, Any] = {"keyword": keyword, "boolean": None, "columns": [], "rows": [],
                                  "count": 0, "shown": 0}
        if graph:
            triples = list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
            answer["columns"] = ["subject", "eigenschap", "object"]
            answer["rows"] = [[self.cell(t.subject, links), self.cell(t.predicate, links),
                               self.cell(t.object, links)] for t in triples[:SHOWN]]
            answer["count"] = len(triples)
        else:
            data = json.loads(body)
            if "boolean" in data:
                answer["boolean"] = bool(data["boolean"])
            else:
                names = data.get("head", {}).get("vars", [])
                bindings = data.get("results", {}).get("bindings", [])
                answer["columns"] = names
                answer["rows"] = [[self.json_cell(b.get(n), links) for n in names]
                                  for b in bindings[:SHOWN]]
                answer["count"] = len(bindings)
        answer["shown"] = len(answer["rows"])
        answer["downloads"] = [{"label": label, "href": f"{endpoint}?{urlencode({'query': query, 'format': word})}"}
                               for word, label in (GRAPH_DOWNLOADS if graph else SOLUTION_DOWNLOADS)]
        ctx["answer"] = answer
        return Page("query.html", ctx)

    def cell(self, term: Any, links: Links) -> dict[str, Any]:
        if isinstance(term, ox.NamedNode):
            return self.json_cell({"type": "uri", "value": term.value}, links)
        if isinstance(term, ox.BlankNode):
            return self.json_cell({"type": "bnode", "value": term.value}, links)
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype:
            out["datatype"] = term.datatype.value
        return self.json_cell(out, links)

    def json_cell(self, value: dict[str, str] | None, links: Links) -> dict[str, Any]:
        """One SPARQL JSON term as a cell: a link with its label, or text written as a
        Belgian reader expects numbers and dates."""
        if value is None:
            return _cell("empty", "")
        text = value.get("value", "")
        if value.get("type") == "uri":
            link = self.link(text, links)
            return _cell("iri", text, href=link["href"], external=link["external"],
                         label=link["label"] if link["label"] != text else None)
        if value.get("type") == "bnode":
            return _cell("text", f"_:{text}")
        datatype = value.get("datatype")
        number = decimal(text) if datatype in NUMBERS else None
        if number is not None:
            exponent = number.as_tuple().exponent
            places = min(6, max(0, -exponent)) if isinstance(exponent, int) else 0
            return _cell("number", number_nl(number, places))
        if datatype in DATES:
            return _cell("text", date_nl(text))
        return _cell("text", text, lang=value.get("xml:lang"))


def _cell(kind: str, text: str, *, href: str | None = None, label: str | None = None,
          external: bool = False, lang: str | None = None) -> dict[str, Any]:
    return {"kind": kind, "text": text, "href": href, "label": label, "external": external,
            "lang": lang}


def _question(text: str) -> str:
    r"""The question an example query opens with, in Dutch if it gives one.

    >>> _question("# Question: How many?\n# Vraag: Hoeveel?\nSELECT")
    'Hoeveel?'
    """
    comments = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        comments.append(line.lstrip("# ").strip())
    for prefix in ("Vraag:", "Question:"):
        for line in comments:
            if line.startswith(prefix):
                return line[len(prefix):].strip()
    return comments[0] if comments else ""
