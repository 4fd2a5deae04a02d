"""Write the term lists of the W3C and other vocabularies that rdflib bundles.

rdflib ships each of these vocabularies as a closed ``DefinedNamespace`` whose source groups the
terms under a comment naming their ``rdf:type`` (``# http://www.w3.org/2002/07/owl#Class``).
This script reads those sources and writes one small Turtle file per vocabulary, each term
typed as ``rdfs:Class``, ``rdfs:Datatype`` or ``rdf:Property`` (deprecated ones also carry
``owl:deprecated true``) or, for an individual, its own class. The lint in
``tests/test_vocabulary.py`` reads them; nothing else does.

Run from the repository root and commit the output:

    .venv/bin/python ontology/vocabularies/generate.py

The hand-written lists (OSLO, SEMIC, mu, SPARQL service description, DCAT 3 additions) live
next to the generated ones; see README.md for the source of each.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from pathlib import Path

import rdflib

HERE = Path(__file__).resolve().parent

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
OWL_NS = "http://www.w3.org/2002/07/owl#"
CLASS, DATATYPE, PROPERTY = f"{RDFS_NS}Class", f"{RDFS_NS}Datatype", f"{RDF_NS}Property"

# rdflib's group headers, normalised to the three kinds the lint tells apart.
KIND = {
    f"{RDFS_NS}Class": CLASS,
    f"{OWL_NS}Class": CLASS,
    f"{OWL_NS}DeprecatedClass": CLASS,
    f"{RDFS_NS}Datatype": DATATYPE,
    f"{RDF_NS}Property": PROPERTY,
    f"{OWL_NS}ObjectProperty": PROPERTY,
    f"{OWL_NS}DatatypeProperty": PROPERTY,
    f"{OWL_NS}AnnotationProperty": PROPERTY,
    f"{OWL_NS}OntologyProperty": PROPERTY,
    f"{OWL_NS}FunctionalProperty": PROPERTY,
    f"{OWL_NS}InverseFunctionalProperty": PROPERTY,
    f"{OWL_NS}TransitiveProperty": PROPERTY,
    f"{OWL_NS}DeprecatedProperty": PROPERTY,
}
DEPRECATED = {f"{OWL_NS}DeprecatedClass", f"{OWL_NS}DeprecatedProperty"}

# (file stem, prefix, rdflib module, namespace to write under, note for the header)
VOCABULARIES = [
    ("rdf", "rdf", "_RDF", None, "RDF 1.1 Concepts; rdf:_1, rdf:_2, ... are accepted by the lint itself"),
    ("rdfs", "rdfs", "_RDFS", None, "RDF Schema 1.1"),
    ("owl", "owl", "_OWL", None, "OWL 2"),
    ("xsd", "xsd", "_XSD", None, "XML Schema datatypes and constraining facets (the facets are "
                                 "used as predicates in OWL 2 datatype restrictions)"),
    ("dct", "dct", "_DCTERMS", None, "DCMI Metadata Terms"),
    ("foaf", "foaf", "_FOAF", None, "FOAF 0.99"),
    ("org", "org", "_ORG", None, "W3C Organization Ontology"),
    ("prov", "prov", "_PROV", None, "PROV-O with its Dictionary, Links and Dublin Core "
                                   "extensions; the inverse names PROV-O only suggests through "
                                   "prov:inverse (prov:wasPlanOf, ...) are left out, PROV-O "
                                   "declares no such properties"),
    ("skos", "skos", "_SKOS", None, "SKOS Reference"),
    ("time", "time", "_TIME", None, "OWL-Time (2017 and 2020 editions)"),
    ("dcat", "dcat", "_DCAT", None, "DCAT 2 (dcat2.ttl); DCAT 3 additions are in dcat3.ttl"),
    ("void", "void", "_VOID", None, "VoID"),
    ("sh", "sh", "_SH", None, "SHACL"),
    ("vann", "vann", "_VANN", None, "VANN, vocabulary for annotating vocabulary descriptions"),
    ("schema", "schema", "_SDO", "http://schema.org/",
     "schema.org, written under http://schema.org/ (the namespace Themis and this project use; "
     "rdflib's SDO is https://schema.org/); upper-case names are written as classes, so "
     "enumeration members (schema:ActiveActionStatus) count as classes too"),
]

# Names rdflib cannot spell as Python identifiers and leaves out or lists in _extras.
EXTRA = {
    "_SDO": {"3DModel": CLASS, "True": "http://schema.org/Boolean",
             "False": "http://schema.org/Boolean", "yield": PROPERTY},
    "_DCTERMS": {"ISO639-2": "http://purl.org/dc/dcam/VocabularyEncodingScheme",
                 "ISO639-3": "http://purl.org/dc/dcam/VocabularyEncodingScheme"},
    "_VOID": {"class": PROPERTY},
}
XSD_GROUPS = {"": DATATYPE, "constraining facets": PROPERTY}  # others (seven-property model) skipped

SIMPLE_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


def terms(module_name: str) -> list[tuple[str, str, bool]]:
    """(local name, type IRI, deprecated) for every term of one rdflib namespace module."""
    module = importlib.import_module(f"rdflib.namespace.{module_name}")
    source = inspect.getsource(module)
    lines = source.splitlines()
    tree = ast.parse(source)
    cls = next(node for node in tree.body if isinstance(node, ast.ClassDef))
    out: list[tuple[str, str, bool]] = []

    def header(lineno: int) -> str:
        for line in reversed(lines[cls.lineno:lineno - 1]):
            stripped = line.strip()
            if stripped.startswith("#"):
                text = stripped.lstrip("#").strip()
                if text.startswith("http"):
                    return text
                if not text.startswith(("NOTE", "at https")):
                    return text.split(" - ")[0].lower()
        return ""

    for node in cls.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            name, group = node.target.id, header(node.lineno)
            if module_name == "_SDO":
                out.append((name, CLASS if name[0].isupper() else PROPERTY, False))
            elif module_name == "_XSD":
                if group in XSD_GROUPS:
                    out.append((name, XSD_GROUPS[group], False))
            elif group == f"{RDFS_NS}Resource":
                if module_name == "_SH":  # sh:this, a node expression
                    out.append((name, f"{RDFS_NS}Resource", False))
            elif group in KIND:
                out.append((name, KIND[group], group in DEPRECATED))
            elif group.startswith("http"):  # an individual of that class
                out.append((name, group, False))
            else:
                raise SystemExit(f"{module_name}.{name}: no type header ({group!r})")
        elif (isinstance(node, ast.Assign) and len(node.targets) == 1
              and isinstance(node.targets[0], ast.Name) and node.targets[0].id == "_extras"):
            for element in node.value.elts:  # type: ignore[attr-defined]
                name = element.value
                if module_name == "_SH":
                    out.append((name, "http://www.w3.org/ns/shacl#Parameter" if "-" in name
                                else PROPERTY, False))
                elif name not in EXTRA.get(module_name, {}):
                    raise SystemExit(f"{module_name}: unexpected extra {name!r}")
    for name, kind in EXTRA.get(module_name, {}).items():
        if name not in {t[0] for t in out}:
            out.append((name, kind, False))
    return sorted(set(out))


def namespace_of(module_name: str) -> str:
    module = importlib.import_module(f"rdflib.namespace.{module_name}")
    cls = next(v for v in vars(module).values()
               if isinstance(v, type) and issubclass(v, rdflib.namespace.DefinedNamespace)
               and v is not rdflib.namespace.DefinedNamespace)
    return str(cls._NS)


def turtle(stem: str, prefix: str, module_name: str, ns: str | None, note: str) -> str:
    namespace = ns or namespace_of(module_name)
    known = {"rdf": RDF_NS, "rdfs": RDFS_NS, "owl": OWL_NS, prefix: namespace}

    def name(iri: str) -> str:
        for p, n in sorted(known.items(), key=lambda kv: -len(kv[1])):
            local = iri[len(n):]
            if iri.startswith(n) and SIMPLE_LOCAL.match(local):
                return f"{p}:{local}"
        return f"<{iri}>"

    head = [
        f"# Terms of {note}.",
        f"# Namespace {namespace}",
        f"# Generated by ontology/vocabularies/generate.py from rdflib {rdflib.__version__} "
        f"(rdflib.namespace.{module_name}); do not edit by hand.",
        "",
    ]
    width = max(len(p) for p in known) + 1
    head += [f"@prefix {p + ':':<{width}} <{n}> ." for p, n in sorted(known.items())]
    head.append("")
    body = []
    for local, kind, deprecated in terms(module_name):
        line = f"{name(namespace + local)} a {name(kind)}"
        body.append(line + (" ; owl:deprecated true ." if deprecated else " ."))
    return "\n".join(head + body) + "\n"


def main() -> None:
    for stem, prefix, module_name, ns, note in VOCABULARIES:
        path = HERE / f"{stem}.ttl"
        path.write_text(turtle(stem, prefix, module_name, ns, note), encoding="utf-8")
        print(f"{path.relative_to(HERE.parent.parent)}: {len(terms(module_name))} terms")


if __name__ == "__main__":
    main()
