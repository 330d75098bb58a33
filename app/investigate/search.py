"""Search over names, phones, ID numbers, organizations, places, case codes and dispute text."""

import re

from app.caller import Caller
from app.db.graph import Graph
from app.investigate.config import get_config
from app.investigate.models import SearchAnswer, SearchHit
from app.investigate.nodes import node_view, scrub_text
from loaders.model import CHANNELS
from loaders.normalise import normalise_phone, validate_id_number

_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
EXACT_SCORE = 1000.0


class EmptyQuery(ValueError):
    """Nothing to search for."""


def lucene_query(text: str) -> str:
    """The text as a Lucene query: the exact phrase boosted, then any of its words (input is never syntax)."""
    # lower case, so AND / OR / NOT typed by a user are words, not operators
    words = " ".join(_LUCENE_SPECIAL.sub(r"\\\1", w) for w in text.lower().split())
    phrase = text.replace("\\", " ").replace('"', " ")
    return f'"{phrase}"^3 OR ({words})'



def exact_forms(text: str) -> list[str]:
    """The text as typed plus its normalised phone and ID-number forms."""
    forms = [text]
    phone = normalise_phone(text)
    if phone.valid:
        forms.append(phone.value)
    id_number = validate_id_number(text)
    if id_number.value:
        forms.append(id_number.value)
    return list(dict.fromkeys(forms))


def search(*, graph: Graph, caller: Caller, q: str, limit: int | None = None) -> SearchAnswer:
    """Exact identifier and case-code matches first, then full-text hits, all inside the caller's jurisdiction."""
    config = get_config().search
    text = q.strip()
    if not text:
        raise EmptyQuery("q is empty")
    limit = min(limit or config.default_limit, config.max_limit)
    forms = exact_forms(text)
    exact = graph.read("search_exact", texts=forms, report_keys=[f"{c}|{t}" for c in CHANNELS for t in forms],
                       scope=caller.scope)
    fulltext = graph.read("search_fulltext", query=lucene_query(text), fetch=config.fetch, limit=limit,
                          scope=caller.scope)
    hits: dict[str, SearchHit] = {}
    for row in exact:
        view = node_view(row["labels"], row["props"], caller)
        hits.setdefault(view.id, SearchHit(node=view, score=EXACT_SCORE, match=row["via"]))
    for row in fulltext:
        view = node_view(row["labels"], row["props"], caller)
        hits.setdefault(view.id, SearchHit(node=view, score=round(row["score"], 3), match="fulltext", via=row["via"]))
    return SearchAnswer(query=scrub_text(text, caller) or "", hits=list(hits.values())[:limit])


def finds_persons(answer: SearchAnswer) -> bool:
    """Whether a search answer names persons (such searches are audited)."""
    return any(hit.node.label == "Person" for hit in answer.hits)
