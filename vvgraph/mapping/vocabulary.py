"""How record fields line up with the vocabulary: the tables both directions of the mapping read.

Kept in one place so ``map_report`` and ``read_report`` cannot drift apart.
"""

from __future__ import annotations

from rdflib import URIRef

from ..namespaces import VV

# Financing field -> (property on the project, amount-URI slug, concept scheme, concept code).
AMOUNTS: dict[str, tuple[URIRef, str, str, str]] = {
    "budget": (VV.budget, "beleidsruimte", "bedragsoort", "beleidsruimte"),
    "budget_update": (VV.budgetUpdate, "beleidsruimte-update", "bedragsoort", "beleidsruimte-update"),
    "vak": (VV.commitments, "vak", "bedragsoort", "vak"),
    "vek": (VV.payments, "vek", "bedragsoort", "vek"),
    "eu_recovery_fund": (VV.euRecoveryFund, "europees-herstelfonds", "financieringsbron",
                         "europees-herstelfonds"),
    "brexit_fund": (VV.brexitFund, "brexit-fonds", "financieringsbron", "brexit-fonds"),
    "react_eu": (VV.reactEU, "react-eu", "financieringsbron", "react-eu"),
    "flemish_recovery": (VV.flemishRecoveryMeans, "vlaamse-relancemiddelen", "financieringsbron",
                         "vlaamse-relancemiddelen"),
    "flemish_regular": (VV.regularMeans, "reguliere-vlaamse-middelen", "financieringsbron",
                        "reguliere-vlaamse-middelen"),
}
INPUT_AMOUNT = (VV.inputAmount, "input", "bedragsoort", "input")

# Agent roles: record field -> (direct property, role code in the "rol" scheme).
ROLES: dict[str, tuple[URIRef, str]] = {
    "ministers": (VV.minister, "minister"),
    "lead_entities": (VV.leadEntity, "trekker"),
    "involved_entities": (VV.involvedEntity, "betrokkene"),
}

# Prose fields of a project: record field -> property; all language-tagged @nl.
PROSE: dict[str, URIRef] = {
    "stakeholders": VV.stakeholders,
    "output": VV.output,
    "outcome": VV.outcome,
    "status_description": VV.statusDescription,
    "political_action": VV.politicalAction,
}
