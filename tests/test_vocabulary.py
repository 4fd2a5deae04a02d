"""The vocabulary lint: every term the project uses exists, spelled in the namespace it lives in.

A term is declared either in ``ontology/vv.ttl`` (the project's own) or in a term list under
``ontology/vocabularies/`` (the standard ones, see its README). Checked are the built graph,
``ontology/*.ttl``, ``shapes/*.ttl`` (with the SPARQL inside them), ``queries/*.rq`` and the
open namespaces of ``vvgraph/namespaces.py`` as the Python code uses them. A namespace spelled
with the wrong scheme or separator (``http://data.vlaanderen.be/ns/dossier#Stuk``) declares
nothing, so every term in it fails, with a hint at the right spelling.

The second half checks the ontology itself (labels, comments, domains, ranges, alignments), the
way the W3C Organization Ontology's known flaws would have been caught: a super-property that
names no term (``org:subOrganzationOf``), an object property ranging over ``xsd:string``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, XSD
from rdflib.paths import AlternativePath, InvPath, MulPath, NegatedPath, SequencePath
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue

import vvgraph.namespaces as namespaces
from vvgraph.config import DEFAULT_BASE, Settings
from vvgraph.extract import parse_report
from vvgraph.mapping.graph import load_concepts, map_report
from vvgraph.mapping.uris import Uris
from vvgraph.namespaces import PREFIXES, VV

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology"
VV_TTL = ONTOLOGY / "vv.ttl"
VOCABULARIES = ONTOLOGY / "vocabularies"
ONTOLOGY_IRI = URIRef("https://w3id.org/vlaamse-veerkracht/ns")
SH = Namespace("http://www.w3.org/ns/shacl#")
VANN = Namespace("http://purl.org/vocab/vann/")

CLASS_TYPES = {RDFS.Class, OWL.Class, RDFS.Datatype}
PROPERTY_TYPES = {RDF.Property, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
MEMBER = re.compile(re.escape(str(RDF)) + r"_[1-9][0-9]*$")  # rdf:_1, rdf:_2, ...

# The spelling of every prefix the project writes; a file binding one of these names to another
# IRI is wrong even before any of its terms is checked.
CANONICAL = {**PREFIXES, "dcterms": str(DCTERMS), "besluit": str(namespaces.BESLUIT),
             "mandaat": str(namespaces.MANDAAT), "sd": str(namespaces.SD), "sh": str(namespaces.SH),
             "vann": str(namespaces.VANN), "mdcat": str(namespaces.DCATAP_VL),
             "person": "http://www.w3.org/ns/person#"}


def namespace_of(iri: str) -> str:
    """>>> namespace_of("http://schema.org/position"), namespace_of("https://x.org/ns#T")
    ('http://schema.org/', 'https://x.org/ns#')
    """
    cut = iri.rfind("#") if "#" in iri else iri.rfind("/")
    return iri[:cut + 1]


def misspellings(ns: str) -> set[str]:
    """Namespaces that differ from ``ns`` only in scheme or in the final separator."""
    stem = ns.rstrip("#/")
    variants = {f"{stem}#", f"{stem}/"}
    for v in list(variants):
        if v.startswith("https://"):
            variants.add("http://" + v[len("https://"):])
        elif v.startswith("http://"):
            variants.add("https://" + v[len("http://"):])
    return variants - {ns}


# -- What exists -------------------------------------------------------------------------------

@dataclass
class Vocabulary:
    """The declared terms: the bundled term lists plus ``vv.ttl``."""

    graph: Graph

    def __post_init__(self) -> None:
        self.types: dict[URIRef, set[URIRef]] = {}
        for s, o in self.graph.subject_objects(RDF.type):
            if isinstance(s, URIRef) and o != OWL.Ontology:
                self.types.setdefault(s, set()).add(o)  # type: ignore[arg-type]
        self.deprecated = {s for s in self.graph.subjects(OWL.deprecated, Literal(True))}
        self.namespaces = {namespace_of(t) for t in self.types}

    @classmethod
    def load(cls, extra: Graph | None = None) -> Vocabulary:
        g = Graph()
        for path in sorted(VOCABULARIES.glob("*.ttl")):
            g.parse(path, format="turtle")
        g.parse(VV_TTL, format="turtle")
        if extra is not None:
            g += extra
        return cls(g)

    def is_class(self, term: URIRef) -> bool:
        return bool(self.types.get(term, set()) & CLASS_TYPES)

    def is_datatype(self, term: URIRef) -> bool:
        return RDFS.Datatype in self.types.get(term, set()) or term == RDFS.Literal

    def is_property(self, term: URIRef) -> bool:
        return bool(MEMBER.match(term)) or bool(self.types.get(term, set()) & PROPERTY_TYPES)

    def is_declared(self, term: URIRef) -> bool:
        return term in self.types or bool(MEMBER.match(term))


# -- What is used -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Use:
    term: URIRef
    role: str  # "predicate", "class", "datatype" or "term" (any other position)
    where: str


def graph_uses(g: Graph, where: str) -> Iterator[Use]:
    for s, p, o in g:
        yield Use(p, "predicate", where)  # type: ignore[arg-type]
        if p == RDF.type and isinstance(o, URIRef):
            yield Use(o, "class", where)
        for node in (s, o):
            if isinstance(node, URIRef):
                yield Use(node, "term", where)
            elif isinstance(node, Literal) and node.datatype is not None:
                yield Use(node.datatype, "datatype", where)  # type: ignore[arg-type]


def path_iris(path: object) -> Iterator[URIRef]:
    if isinstance(path, URIRef):
        yield path
    elif isinstance(path, (SequencePath, AlternativePath)):
        for arg in path.args:
            yield from path_iris(arg)
    elif isinstance(path, NegatedPath):
        for arg in path.args:
            yield from path_iris(arg)
    elif isinstance(path, InvPath):
        yield from path_iris(path.arg)
    elif isinstance(path, MulPath):
        yield from path_iris(path.path)


def query_uses(text: str, where: str) -> Iterator[Use]:
    """The terms of a SPARQL query: predicates and classes of its patterns (paths included),
    every other IRI and literal datatype as a plain term."""

    def walk(node: object) -> Iterator[Use]:
        if isinstance(node, CompValue) and node.name == "BGP":
            for s, p, o in node.triples:
                for iri in path_iris(p):
                    yield Use(iri, "predicate", where)
                if p == RDF.type and isinstance(o, URIRef):
                    yield Use(o, "class", where)
        if isinstance(node, dict):  # CompValue is one
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, (list, tuple, set, frozenset)):
            for value in node:
                yield from walk(value)
        elif isinstance(node, URIRef):
            yield Use(node, "term", where)
        elif isinstance(node, (SequencePath, AlternativePath, NegatedPath, InvPath, MulPath)):
            for iri in path_iris(node):
                yield Use(iri, "predicate", where)
        elif isinstance(node, Literal) and node.datatype is not None:
            yield Use(node.datatype, "datatype", where)  # type: ignore[arg-type]

    yield from walk(prepareQuery(text).algebra)


def declared_prefixes(g: Graph) -> dict[str, str]:
    """The ``sh:declare`` prefixes of a shapes graph."""
    return {str(p): str(n) for d in g.objects(None, SH.declare)
            for p in g.objects(d, SH.prefix) for n in g.objects(d, SH.namespace)}


def shape_query_uses(g: Graph, where: str, prefixes: dict[str, str]) -> Iterator[Use]:
    """The SPARQL inside SHACL-SPARQL constraints, with the prefixes the shapes declare (in any
    file of ``shapes/``: a constraint names its declarations with ``sh:prefixes``)."""
    head = "".join(f"PREFIX {p}: <{n}>\n" for p, n in sorted(prefixes.items()))
    for prop in (SH.select, SH.ask, SH.construct):
        for s, text in g.subject_objects(prop):
            yield from query_uses(head + str(text), f"{where} ({prop.fragment} of {s})")


def python_uses(root: Path) -> Iterator[Use]:
    """``NAME.term`` in the package's code, for the open namespaces of ``namespaces.py``
    (rdflib's closed ones already raise on a misspelt term)."""
    open_ns = {name: ns for name, ns in vars(namespaces).items() if isinstance(ns, Namespace)}
    pattern = re.compile(r"\b(" + "|".join(sorted(open_ns)) + r")\.([A-Za-z_][A-Za-z0-9_]*)")
    skip = set(dir(str)) - {"title"}
    for path in sorted(root.rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for name, local in pattern.findall(line):
                if local not in skip and not local.startswith("_"):
                    yield Use(open_ns[name][local], "term", f"{path.relative_to(ROOT)}:{n}")


def prefix_problems(text: str, where: str) -> list[str]:
    found = re.findall(r"(?im)^\s*@?prefix\s+([\w-]*):\s*<([^>]*)>", text)
    found += re.findall(r'sh:prefix\s+"([\w-]+)"\s*;\s*sh:namespace\s+"([^"]+)"', text)
    return [f"{where}: prefix {p}: is <{iri}>, the project spells it <{CANONICAL[p]}>"
            for p, iri in found if p in CANONICAL and iri != CANONICAL[p]]


# -- The check --------------------------------------------------------------------------------

def check(uses: Iterable[Use], vocab: Vocabulary) -> list[str]:
    """One message per (term, role, file) that is not declared as what it is used as."""
    problems: dict[tuple[URIRef, str, str], str] = {}
    for use in uses:
        term, ns = use.term, namespace_of(use.term)
        right = [v for v in misspellings(ns) if v in vocab.namespaces]
        misspelt = bool(right) and not vocab.is_declared(term)
        key = (term, "misspelt" if misspelt else use.role, use.where.split(":")[0])
        if key in problems:
            continue
        if misspelt:
            fixed = right[0] + term[len(ns):]
            problems[key] = (f"{use.where}: <{term}> is in a misspelt namespace, "
                             f"the project spells it <{right[0]}>"
                             + (f" (did you mean <{fixed}>?)" if vocab.is_declared(URIRef(fixed)) else ""))
        elif use.role == "predicate" and not vocab.is_property(term):
            problems[key] = f"{use.where}: predicate <{term}> is not a declared property"
        elif use.role == "class" and not vocab.is_class(term):
            problems[key] = f"{use.where}: class <{term}> is not a declared class"
        elif use.role == "datatype" and not vocab.is_datatype(term):
            problems[key] = f"{use.where}: datatype <{term}> is not a declared datatype"
        elif use.role == "term" and ns in vocab.namespaces and not vocab.is_declared(term):
            problems[key] = f"{use.where}: <{term}> is not declared in its vocabulary"
        elif term in vocab.deprecated:
            problems[key] = f"{use.where}: <{term}> is deprecated"
    return sorted(problems.values())


def members(g: Graph, node: object) -> list[object]:
    """The classes a domain or range names: itself, or the members of its owl:unionOf."""
    union = g.value(node, OWL.unionOf)  # type: ignore[arg-type]
    return list(Collection(g, union)) if union is not None else [node]


def ontology_problems(onto: Graph, vocab: Vocabulary, ns: str = str(VV)) -> list[str]:
    """Rules every own term must follow; ``onto`` is an ontology, ``vocab`` what exists."""
    out: list[str] = []
    terms = sorted({s for s in onto.subjects() if isinstance(s, URIRef) and s.startswith(ns)})
    for t in terms:
        kinds = set(onto.objects(t, RDF.type))
        name = t[len(ns):]
        if len(kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}) != 1:
            out.append(f"{name}: is not exactly one of owl:Class, owl:ObjectProperty, owl:DatatypeProperty")
        for prop in (RDFS.label, RDFS.comment):
            langs = sorted(getattr(v, "language", None) or "-" for v in onto.objects(t, prop))
            if langs != ["en", "nl"]:
                out.append(f"{name}: {prop.fragment} languages are {langs}, want one nl and one en")
        if onto.value(t, RDFS.isDefinedBy) != ONTOLOGY_IRI:
            out.append(f"{name}: rdfs:isDefinedBy is not <{ONTOLOGY_IRI}>")
        for sup in onto.objects(t, RDFS.subClassOf):
            if not vocab.is_class(sup):  # type: ignore[arg-type]
                out.append(f"{name}: super-class <{sup}> is not a declared class")
        for sup in onto.objects(t, RDFS.subPropertyOf):
            if not vocab.is_property(sup):  # type: ignore[arg-type]
                out.append(f"{name}: super-property <{sup}> is not a declared property")
        if OWL.Class in kinds:
            continue
        domains, ranges = list(onto.objects(t, RDFS.domain)), list(onto.objects(t, RDFS.range))
        if len(domains) != 1 or len(ranges) != 1:
            out.append(f"{name}: wants one rdfs:domain and one rdfs:range")
        for d in domains:
            for c in members(onto, d):
                if not vocab.is_class(c) or vocab.is_datatype(c):  # type: ignore[arg-type]
                    out.append(f"{name}: domain <{c}> is not a declared class")
        for r in ranges:
            for c in members(onto, r):
                datatype = vocab.is_datatype(c)  # type: ignore[arg-type]
                if OWL.ObjectProperty in kinds and (datatype or not vocab.is_class(c)):  # type: ignore[arg-type]
                    out.append(f"{name}: object property ranges over <{c}>, not a declared class")
                if OWL.DatatypeProperty in kinds and not datatype:
                    out.append(f"{name}: datatype property ranges over <{c}>, not a declared datatype")
    for a, b in onto.subject_objects(OWL.inverseOf):
        if {OWL.ObjectProperty} - set(onto.objects(a, RDF.type)) or \
                {OWL.ObjectProperty} - set(onto.objects(b, RDF.type)):
            out.append(f"{a}: owl:inverseOf joins non-object properties")
        swapped = [(RDFS.domain, RDFS.range), (RDFS.range, RDFS.domain)]
        for pa, pb in swapped:
            ma = {str(m) for x in onto.objects(a, pa) for m in members(onto, x)}
            mb = {str(m) for x in onto.objects(b, pb) for m in members(onto, x)}
            if ma != mb:
                out.append(f"{a}: {pa.fragment} {sorted(ma)} is not the {pb.fragment} "
                           f"{sorted(mb)} of its inverse {b}")
    return out


# -- Fixtures ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return Vocabulary.load()


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(VV_TTL, format="turtle")


@pytest.fixture(scope="module")
def graph() -> Graph:
    s = Settings()
    return map_report(parse_report(s.report), Uris(s.base), load_concepts(s.ontology_dir, s.base))


def turtle_sources() -> list[Path]:
    return sorted([*ONTOLOGY.glob("*.ttl"), *(ROOT / "shapes").glob("*.ttl")])


def query_sources() -> list[Path]:
    return sorted((ROOT / "queries").glob("*.rq"))


def rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


# -- (a) every term used is declared ----------------------------------------------------------

def test_graph_terms_are_declared(graph: Graph, vocab: Vocabulary) -> None:
    assert check(graph_uses(graph, "built graph"), vocab) == []


@pytest.mark.parametrize("path", turtle_sources(), ids=rel)
def test_turtle_terms_are_declared(path: Path, vocab: Vocabulary) -> None:
    g = Graph().parse(path, format="turtle", publicID=DEFAULT_BASE)
    prefixes: dict[str, str] = {}
    for shapes in sorted((ROOT / "shapes").glob("*.ttl")):
        prefixes |= declared_prefixes(Graph().parse(shapes, format="turtle", publicID=DEFAULT_BASE))
    uses = [*graph_uses(g, rel(path)), *shape_query_uses(g, rel(path), prefixes)]
    assert check(uses, vocab) == []


@pytest.mark.parametrize("path", query_sources(), ids=rel)
def test_query_terms_are_declared(path: Path, vocab: Vocabulary) -> None:
    assert check(query_uses(path.read_text(encoding="utf-8"), rel(path)), vocab) == []


def test_python_terms_are_declared(vocab: Vocabulary) -> None:
    assert check(python_uses(ROOT / "vvgraph"), vocab) == []


@pytest.mark.parametrize("path", [*turtle_sources(), *query_sources()], ids=rel)
def test_prefixes_are_spelled_as_the_project_spells_them(path: Path) -> None:
    assert prefix_problems(path.read_text(encoding="utf-8"), rel(path)) == []


def test_every_used_namespace_has_a_term_list(graph: Graph, vocab: Vocabulary) -> None:
    used = {namespace_of(p) for p in graph.predicates()} | {str(n) for n in PREFIXES.values()}
    used |= {str(ns) for ns in vars(namespaces).values() if isinstance(ns, Namespace)}
    assert sorted(used - vocab.namespaces) == []


# -- the checker itself -----------------------------------------------------------------------

EX = Namespace("https://example.org/")


def test_checker_rejects_a_misspelt_namespace(vocab: Vocabulary) -> None:
    g = Graph()
    g.add((EX.doc, RDF.type, URIRef("http://data.vlaanderen.be/ns/dossier#Stuk")))  # http, not https
    g.add((EX.doc, URIRef("http://mu.semte.ch/vocabularies/core#uuid"), Literal("x")))  # '#', not '/'
    g.add((EX.doc, URIRef("https://schema.org/position"), Literal(1)))  # Themis' schema is http
    g.add((EX.doc, DCTERMS.references, URIRef("https://data.vlaanderen.be/ns/besluit#Besluit")))
    problems = check(graph_uses(g, "test"), vocab)
    assert len(problems) == 4, problems
    assert any("did you mean <https://data.vlaanderen.be/ns/dossier#Stuk>" in p for p in problems)
    assert any("did you mean <http://mu.semte.ch/vocabularies/core/uuid>" in p for p in problems)
    assert any("did you mean <http://schema.org/position>" in p for p in problems)
    assert any("<http://data.vlaanderen.be/ns/besluit#>" in p for p in problems)


def test_checker_accepts_the_right_spellings(vocab: Vocabulary) -> None:
    g = Graph()
    g.add((EX.doc, RDF.type, URIRef("https://data.vlaanderen.be/ns/dossier#Stuk")))
    g.add((EX.doc, URIRef("http://mu.semte.ch/vocabularies/core/uuid"), Literal("x")))
    g.add((EX.doc, RDF._2, EX.other))
    g.add((EX.doc, URIRef("http://schema.org/position"), Literal(1)))
    g.add((EX.doc, DCTERMS.created, Literal("2021-02-05T07:37:56Z", datatype=XSD.dateTime)))
    assert check(graph_uses(g, "test"), vocab) == []


def test_checker_rejects_wrong_roles_unknown_and_deprecated_terms(vocab: Vocabulary) -> None:
    g = Graph()
    g.add((EX.doc, RDF.type, DCTERMS.title))  # a property used as a class
    g.add((EX.doc, VV.Project, Literal("x")))  # a class used as a property
    g.add((EX.doc, VV.budgetUpdat, EX.amount))  # a typo in our own namespace
    g.add((EX.doc, URIRef("http://www.w3.org/2006/time#inXSDDateTime"), Literal("x")))  # deprecated
    g.add((EX.doc, DCTERMS.date, Literal("2022", datatype=XSD.year)))  # no such datatype
    problems = check(graph_uses(g, "test"), vocab)
    assert len(problems) == 5, problems


def test_checker_reads_queries_and_paths(vocab: Vocabulary) -> None:
    text = """PREFIX vv: <https://w3id.org/vlaamse-veerkracht/ns#>
              PREFIX schema: <https://schema.org/>
              SELECT * WHERE { ?p a vv:Projct ; vv:budget/schema:value ?v }"""
    problems = check(query_uses(text, "q"), vocab)
    assert any("Projct" in p for p in problems) and any("schema.org/value" in p for p in problems)
    assert prefix_problems(text, "q") == ["q: prefix schema: is <https://schema.org/>, "
                                          "the project spells it <http://schema.org/>"]


def test_ontology_checker_catches_orgs_flaws(vocab: Vocabulary) -> None:
    """W3C ORG's own mistakes, replayed in our namespace."""
    bad = Graph().parse(data=f"""
        @prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix rdfs: <{RDFS}> .
        @prefix xsd: <{XSD}> . @prefix vv: <{VV}> . @prefix org: <http://www.w3.org/ns/org#> .
        vv:unitOf a owl:ObjectProperty ; rdfs:label "x"@nl, "x"@en ; rdfs:comment "x"@nl, "x"@en ;
            rdfs:isDefinedBy <{ONTOLOGY_IRI}> ; rdfs:domain org:Organization ;
            rdfs:range org:Organization ; rdfs:subPropertyOf org:subOrganzationOf .
        vv:location a owl:ObjectProperty ; rdfs:label "x"@nl, "x"@en ; rdfs:comment "x"@nl, "x"@en ;
            rdfs:isDefinedBy <{ONTOLOGY_IRI}> ; rdfs:domain org:Site ; rdfs:range xsd:string .
        vv:Nameless a owl:Class ; rdfs:label "x"@en ; rdfs:subClassOf vv:Undeclared .
    """, format="turtle")
    problems = ontology_problems(bad, Vocabulary.load(extra=bad))
    assert any("subOrganzationOf" in p for p in problems)
    assert any("location: object property ranges over" in p for p in problems)
    assert any("Nameless: label languages" in p for p in problems)
    assert any("Nameless: comment languages" in p for p in problems)
    assert any("Nameless: rdfs:isDefinedBy" in p for p in problems)
    assert any("Undeclared" in p for p in problems)


# -- (b) the ontology's own rules -------------------------------------------------------------

def test_own_terms_are_complete_and_consistent(onto: Graph, vocab: Vocabulary) -> None:
    assert ontology_problems(onto, vocab) == []


def test_every_own_term_is_used_or_inferred(onto: Graph, graph: Graph) -> None:
    """No dead terms: each is in the graph, the code lists, or is an inverse or super-property
    of one that is."""
    declared = {s for s in onto.subjects(RDF.type, None) if isinstance(s, URIRef) and s.startswith(VV)}
    used = {p for p in graph.predicates()} | {o for o in graph.objects(None, RDF.type)}
    used |= set(onto.subjects(OWL.inverseOf, None)) | set(onto.objects(None, RDFS.subPropertyOf))
    assert sorted(declared - used) == []


def test_inverses_are_declared_for_targeted_inference(onto: Graph) -> None:
    pairs = {(a.fragment, b.fragment) for a, b in onto.subject_objects(OWL.inverseOf)}  # type: ignore[union-attr]
    assert pairs == {("milestoneOf", "milestone"), ("indicatorOf", "indicator"),
                     ("citedBy", "decisionDocument"), ("ministerOf", "minister"),
                     ("leadEntityOf", "leadEntity"), ("involvedEntityOf", "involvedEntity"),
                     ("linkedFrom", "linkedProject"), ("citationOf", "decisionCitation")}


def test_amount_roles_share_one_super_property(onto: Graph) -> None:
    from vvgraph.mapping.vocabulary import AMOUNTS, INPUT_AMOUNT
    for prop in [spec[0] for spec in AMOUNTS.values()] + [INPUT_AMOUNT[0]]:
        assert (prop, RDFS.subPropertyOf, VV.amount) in onto, prop


def test_ontology_header(onto: Graph) -> None:
    o = ONTOLOGY_IRI
    assert (o, RDF.type, OWL.Ontology) in onto
    assert sorted(t.language for t in onto.objects(o, DCTERMS.title)) == ["en", "nl"]  # type: ignore[attr-defined]
    assert onto.value(o, OWL.versionInfo) == Literal("0.1.0")
    assert isinstance(onto.value(o, DCTERMS.modified), Literal)
    assert onto.value(o, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert str(onto.value(o, VANN.preferredNamespacePrefix)) == "vv"
    assert str(onto.value(o, VANN.preferredNamespaceUri)) == str(VV)
    assert onto.value(o, RDFS.seeAlso) is not None
    assert onto.value(o, OWL.imports) is None
    # Blank nodes only for union class expressions (and the cells of their member lists).
    assert not [b for b in set(onto.subjects()) if isinstance(b, BNode)
                and onto.value(b, OWL.unionOf) is None and onto.value(b, RDF.first) is None]


# -- (c) the file itself ----------------------------------------------------------------------

def test_vv_ttl_parses_with_rdflib_and_oxigraph(onto: Graph) -> None:
    quads = list(pyoxigraph.parse(path=str(VV_TTL), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(onto) > 0


def test_vv_ttl_is_laid_out_by_hand() -> None:
    """Sorted, aligned prefixes; the header first; every statement closed by a lone '.';
    no commented-out triples (ORG has some)."""
    lines = VV_TTL.read_text(encoding="utf-8").splitlines()
    prefixes = [ln for ln in lines if ln.startswith("@prefix")]
    names = [ln.split()[1] for ln in prefixes]
    assert names == sorted(names)
    assert len({ln.index("<") for ln in prefixes}) == 1
    statements = [ln for ln in lines if ln and not ln.startswith(("#", "@", " "))]
    assert statements[0] == f"<{ONTOLOGY_IRI}>"
    in_string = False
    for n, line in enumerate(lines, 1):
        was_in_string = in_string
        in_string ^= line.count('"""') % 2 == 1
        if was_in_string or in_string:
            continue
        if line.lstrip().startswith("#"):
            assert not re.search(r"^\s*#\s*\S+:\S*\s+(a|\S+:\S+)\s+\S+.*[;.]\s*$", line), (n, line)
        elif not line.startswith("@prefix") and line.rstrip().endswith("."):
            assert line.strip() == ".", (n, line)
