"""Entity resolution rules of loaders/resolve.py, without the database (pure code)."""

import pytest

from loaders.config import load_ingest_config
from loaders.model import PartyRecord
from loaders.resolve import PersonResolver, SoundAlike, check_party

VALID_ID = "410603198801012023"  # a valid check digit: 女, born 1988-01-01
RULES = load_ingest_config()["entity_resolution"]


def resolver() -> PersonResolver:
    """A resolver with the rules of config/ingest.yaml."""
    return PersonResolver(name_in_area_confidence=RULES["name_in_area_confidence"], sound_alike=RULES["sound_alike"])


def party(key: str, name: str | None, phone: str | None = None, id_number: str | None = None):
    """A checked party of one record."""
    return check_party(key, PartyRecord(index=0, name=name, phone=phone, id_number=id_number))


@pytest.mark.parametrize(("a", "b", "same"), [
    ("贾永", "贾勇", True),      # yong / yong
    ("罗琳", "罗玲", True),      # lin / ling: front and back nasal are one sound
    ("张志强", "张智强", True),
    ("王静", "王丽", False),     # different sounds
    ("王静", "李静", False),     # another surname
    ("李女士", "李秀兰", False),  # partial names are the compatible-name rule's business
    ("王静", "王静", False),     # identical is not a slip
    ("王a", "王b", False),       # no Chinese reading
])
def test_sound_alike_names_differ_in_one_same_sounding_character(a: str, b: str, same: bool) -> None:
    assert SoundAlike(**RULES["sound_alike"]).one_apart(a, b) is same


def test_a_same_sounding_name_on_the_same_phone_is_the_same_person() -> None:
    r = resolver()
    first = r.resolve(party("a|0", "贾勇", phone="13832126795"))
    second = r.resolve(party("b|0", "贾永", phone="13832126795"))
    assert second is not None and first is not None
    assert (second.node_key, second.reason, second.confidence) == (first.node_key, "phone_name_variant", 0.8)


def test_two_names_of_other_sounds_on_one_phone_stay_two_persons() -> None:
    r = resolver()
    first = r.resolve(party("a|0", "王静", phone="13557234312"))
    second = r.resolve(party("b|0", "王丽", phone="13557234312"))
    assert first is not None and second is not None
    assert first.node_key != second.node_key and second.reason == "new"


def test_a_partial_name_on_the_phone_links_as_phone_name() -> None:
    r = resolver()
    first = r.resolve(party("a|0", "李秀兰", phone="13803921234"))
    second = r.resolve(party("b|0", "李女士", phone="13803921234"))
    assert second is not None and first is not None
    assert (second.node_key, second.reason, second.confidence) == (first.node_key, "phone_name", 0.85)


def test_aliases_read_from_the_graph_count_as_the_persons_names() -> None:
    r = resolver()
    r.remember([{"pid": "P1", "name": "袁桦", "aliases": ["袁华", "袁先生"], "gender": None, "id_number": None,
                 "phones": ["19917104528"]}])
    found = r.resolve(party("a|0", "袁华", phone="19917104528"))
    assert found is not None and (found.node_key, found.reason) == ("P1", "phone_name")


def test_an_id_holder_on_the_phone_absorbs_the_same_sounding_person_known_only_by_phone() -> None:
    r = resolver()
    phone_only = r.resolve(party("a|0", "贾永", phone="13832126795"))
    with_id = r.resolve(party("b|0", "贾勇", phone="13900000000", id_number="410611198205050015"))
    again = r.resolve(party("c|0", "贾勇", phone="13832126795", id_number="410611198205050015"))
    assert phone_only is not None and with_id is not None and again is not None
    assert again.node_key == with_id.node_key and r.final_pid(phone_only.node_key) == with_id.node_key


def test_a_valid_id_number_is_the_person() -> None:
    r = resolver()
    first = r.resolve(party("a|0", "刘婷", id_number=VALID_ID))
    second = r.resolve(party("b|0", "刘婷婷", id_number=VALID_ID))
    assert first is not None and second is not None
    assert (second.node_key, second.reason, second.confidence) == (first.node_key, "id_number", 1.0)
