"""Element recognition (要素识别): dispute category, flags, keywords and facts of a record.

Pure Python, no database. Typical use::

    from app.elements import get_recognizer
    elements = get_recognizer().recognize(text=..., channel="police110", channel_label="纠纷-家庭纠纷")
"""

from app.elements.cleaning import clean_text
from app.elements.lexicon import LexiconError, load_keyword_libraries, load_lexicons
from app.elements.models import FLAG_NAMES, Elements, KeywordHit, PartyFacts, PersonFacts
from app.elements.recognizer import Recognizer, get_recognizer, set_recognizer
from app.elements.taxonomy import CATEGORY_CODES, Taxonomy, TaxonomyError, load_taxonomy

__all__ = [
    "CATEGORY_CODES",
    "FLAG_NAMES",
    "Elements",
    "KeywordHit",
    "LexiconError",
    "PartyFacts",
    "PersonFacts",
    "Recognizer",
    "Taxonomy",
    "TaxonomyError",
    "clean_text",
    "get_recognizer",
    "load_keyword_libraries",
    "load_lexicons",
    "load_taxonomy",
    "set_recognizer",
]
