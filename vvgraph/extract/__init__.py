"""Extraction: the report's text -> typed records (see ``vvgraph.records``)."""

from .report import parse_report

__all__ = ["parse_report"]
