"""Entity resolution: which person (or organization) each party of a record is.

Rules, strongest first (docs/ingest.md, "Entity resolution"):
1. A valid resident ID number is the person (confidence 1.0).
2. A valid phone plus a compatible name (李女士 ~ 李秀兰 ~ 李某) links to the one person who used that
   phone (0.85); so does a full name one slip away from the person's — a same-sounding given-name
   character (贾永 / 贾勇) or one character of a longer name — (`phone_name_variant`, 0.8). A valid ID
   on the new party must not contradict the person's ID or gender.
3. Otherwise a new person. A shared phone alone never merges: two persons on one phone stay two,
   and the shared Phone node is the investigative link. Invalid IDs are kept on the party, unused.
"""

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache

from pypinyin import Style, pinyin

from loaders import normalise
from loaders.model import PartyRecord

ORG_PREFIX = "organization"
# What callers write when they give no name: never a name to link on.
UNNAMED = frozenset({"匿名", "无名", "未知", "不详", "无", "未提供", "保密", "群众", "市民"})


@dataclass
class KnownPerson:
    """A person as the resolver knows it: from the graph or created earlier in this run."""

    pid: str
    name: str | None
    gender: str | None
    id_number: str | None
    phones: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    birth_date: str | None = None
    changed: bool = False


@dataclass(frozen=True)
class PartyFacts:
    """One party with its identifiers checked."""

    party_key: str
    record: PartyRecord
    name: str | None
    id_number: str | None
    id_valid: bool
    id_reason: str | None
    birth_date: str | None
    gender: str | None
    phone: str | None
    phone_valid: bool
    organization: str | None


@dataclass(frozen=True)
class Resolution:
    """Where one party went, and why."""

    party_key: str
    kind: str
    node_key: str
    reason: str
    confidence: float


def check_party(party_key: str, party: PartyRecord) -> PartyFacts:
    """Validate a party's identifiers and tell persons from organizations."""
    name = (party.name or "").strip() or None
    if name in UNNAMED:
        name = None
    organization = normalise.normalise_org(name) if name and normalise.is_organization(name) else None
    id_check = normalise.validate_id_number(party.id_number) if party.id_number else None
    phone_check = normalise.normalise_phone(party.phone) if party.phone else None
    return PartyFacts(
        party_key=party_key,
        record=party,
        name=name,
        id_number=id_check.value if id_check else None,
        id_valid=bool(id_check and id_check.valid),
        id_reason=id_check.reason if id_check else None,
        birth_date=id_check.birth_date.isoformat() if id_check and id_check.valid and id_check.birth_date else None,
        gender=id_check.gender if id_check and id_check.valid else None,
        phone=phone_check.value if phone_check else None,
        phone_valid=bool(phone_check and phone_check.valid),
        organization=organization,
    )


class PersonResolver:
    """Resolves parties batch by batch against the graph and what this run created."""

    def __init__(self, *, name_in_area_confidence: float = 0.7, sound_alike: dict | None = None) -> None:
        self.by_id: dict[str, KnownPerson] = {}
        self.by_phone: dict[str, list[KnownPerson]] = {}
        self.by_pid: dict[str, KnownPerson] = {}
        # Persons by (name, community), and by (name, district) for those also seen without a community.
        self.by_name_community: dict[tuple[str, str], set[str]] = {}
        self.by_name_coarse: dict[tuple[str, str], set[str]] = {}
        self.by_name_district: dict[tuple[str, str], set[str]] = {}
        self.merged: dict[str, str] = {}
        self.name_in_area_confidence = name_in_area_confidence
        self.sounds = SoundAlike(**(sound_alike or {}))

    def remember(self, rows: list[dict]) -> None:
        """Add persons read from the graph (find_persons_by_identifiers rows)."""
        for row in rows:
            if row["pid"] in self.by_pid:
                continue
            person = KnownPerson(
                pid=row["pid"],
                name=row["name"],
                gender=row["gender"],
                id_number=row["id_number"],
                phones=set(row["phones"]),
                aliases=set(row.get("aliases") or []),
            )
            self._index(person)

    def remember_names(self, rows: list[dict]) -> None:
        """Add persons of a name known in a community (find_persons_by_name_in_area rows)."""
        self.remember(rows)
        for row in rows:
            self._index_name(row["name"], row["pid"], row["district_code"], row["communities"], row["coarse"])

    def _index_name(self, name: str, pid: str, district: str, communities: list[str], coarse: bool) -> None:
        self.by_name_district.setdefault((name, district), set()).add(pid)
        for community in communities:
            self.by_name_community.setdefault((name, community), set()).add(pid)
        if coarse:
            self.by_name_coarse.setdefault((name, district), set()).add(pid)

    def final_pid(self, pid: str) -> str:
        """The surviving pid of a person that may have been merged into another."""
        while pid in self.merged:
            pid = self.merged[pid]
        return pid

    def resolve(self, facts: PartyFacts, area: tuple[str | None, str | None] = (None, None)) -> Resolution | None:
        """Resolve one party; None for a party with neither a name nor a valid identifier."""
        if facts.organization:
            return Resolution(facts.party_key, ORG_PREFIX, facts.organization, "organization_name", 1.0)
        if facts.id_valid and facts.id_number in self.by_id:
            person = self.by_id[facts.id_number]
            self._absorb(person, facts)
            return Resolution(facts.party_key, "person", person.pid, "id_number", 1.0)
        if not facts.name and not facts.id_valid:
            return None
        candidate = self._phone_candidate(facts)
        if candidate is not None:
            names = {candidate.name, *candidate.aliases} - {None}
            exact = any(normalise.names_compatible(n, facts.name) for n in names)
            self._absorb(candidate, facts)
            if exact:
                return Resolution(facts.party_key, "person", candidate.pid, "phone_name", 0.85)
            return Resolution(facts.party_key, "person", candidate.pid, "phone_name_variant", 0.8)
        named = self._name_area_candidate(facts, area)
        if named is not None:
            self._absorb(named, facts)
            return Resolution(facts.party_key, "person", named.pid, "name_in_area", self.name_in_area_confidence)
        person = self._create(facts)
        community, district = area
        if district and facts.name and not normalise.is_partial_name(facts.name):
            self._index_name(facts.name, person.pid, district, [community] if community else [], not community)
        reason = "new_by_id_number" if facts.id_valid else "new"
        return Resolution(facts.party_key, "person", person.pid, reason, 1.0 if facts.id_valid else 0.6)

    def changed_persons(self) -> list[KnownPerson]:
        """Persons created or updated since the last call, then forget the marks."""
        changed = [p for p in self.by_pid.values() if p.changed and p.pid not in self.merged]
        for person in changed:
            person.changed = False
        return changed

    def _phone_candidate(self, facts: PartyFacts) -> KnownPerson | None:
        if not facts.phone_valid or not facts.name:
            return None
        matches = [p for p in self.by_phone.get(facts.phone or "", []) if self._compatible(p, facts)]
        if len(matches) == 1:
            return matches[0]
        exact = [p for p in matches if p.name == facts.name or facts.name in p.aliases]
        return exact[0] if len(exact) == 1 else None

    def _name_area_candidate(self, facts: PartyFacts, area: tuple[str | None, str | None]) -> KnownPerson | None:
        """The one person of exactly this full name in this area whose identifiers do not contradict.

        A party whose community is known matches persons seen in that community, or seen in its
        district without a community; a party known only to its district matches the district.
        """
        community, district = area
        if not district or not facts.name or normalise.is_partial_name(facts.name):
            return None
        if community:
            found = self.by_name_community.get((facts.name, community), set()) | self.by_name_coarse.get(
                (facts.name, district), set())
        else:
            found = self.by_name_district.get((facts.name, district), set())
        pids = {self.final_pid(pid) for pid in found}
        people = [self.by_pid[pid] for pid in pids if pid in self.by_pid]
        if len(people) != 1:
            return None
        person = people[0]
        if facts.id_valid and person.id_number and person.id_number != facts.id_number:
            return None
        gender = facts.gender or normalise.name_gender_hint(facts.name)
        if gender and person.gender and gender != person.gender:
            return None
        return person

    def _compatible(self, person: KnownPerson, facts: PartyFacts) -> bool:
        if facts.id_valid and person.id_number and person.id_number != facts.id_number:
            return False
        names = {person.name, *person.aliases} - {None}
        if not any(self._same_name(name, facts.name) for name in names):
            return False
        gender = facts.gender or normalise.name_gender_hint(facts.name or "")
        return not (gender and person.gender and gender != person.gender)

    def _create(self, facts: PartyFacts) -> KnownPerson:
        seed = facts.id_number if facts.id_valid else facts.party_key
        pid = "P" + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:16]
        person = KnownPerson(
            pid=pid,
            name=facts.name,
            gender=facts.gender or normalise.name_gender_hint(facts.name or ""),
            id_number=facts.id_number if facts.id_valid else None,
            birth_date=facts.birth_date,
            changed=True,
        )
        self._absorb(person, facts)
        self._index(person)
        return person

    def _absorb(self, person: KnownPerson, facts: PartyFacts) -> None:
        """Fold a party's name and identifiers into the person it resolved to."""
        if facts.name:
            better = person.name is None or (
                normalise.is_partial_name(person.name) and not normalise.is_partial_name(facts.name)
            )
            if better:
                if person.name:
                    person.aliases.add(person.name)
                person.name = facts.name
            elif facts.name != person.name:
                person.aliases.add(facts.name)
        if facts.id_valid and not person.id_number:
            person.id_number = facts.id_number
            self.by_id[facts.id_number] = person
        if facts.id_valid:
            person.gender = facts.gender or person.gender
            person.birth_date = facts.birth_date or person.birth_date
        if facts.phone_valid and facts.phone and facts.phone not in person.phones:
            person.phones.add(facts.phone)
            self.by_phone.setdefault(facts.phone, []).append(person)
        if person.id_number and facts.phone_valid and facts.phone:
            self._fold_phone_namesakes(person, facts.phone)
        person.changed = True

    def _fold_phone_namesakes(self, person: KnownPerson, phone: str) -> None:
        """A person known only by this phone and a compatible name is the person with the ID: merge."""
        for other in list(self.by_phone.get(phone, [])):
            if other is person or other.id_number:
                continue
            names = {other.name, *other.aliases} - {None}
            if not any(self._same_name(n, person.name) for n in names):
                continue
            gender = other.gender
            if gender and person.gender and gender != person.gender:
                continue
            self.merged[other.pid] = person.pid
            person.aliases |= names - {person.name}
            person.phones |= other.phones
            for number in other.phones:
                bucket = self.by_phone.setdefault(number, [])
                if other in bucket:
                    bucket.remove(other)
                if person not in bucket:
                    bucket.append(person)
            self.by_pid.pop(other.pid, None)

    def _same_name(self, known: str | None, given: str | None) -> bool:
        """Names of one person behind one phone: compatible, or one slip apart (typo or same sound)."""
        return normalise.names_compatible(known, given) or _typo(known, given) or self.sounds.one_apart(known, given)

    def _index(self, person: KnownPerson) -> None:
        self.by_pid[person.pid] = person
        if person.id_number:
            self.by_id[person.id_number] = person
        for phone in person.phones:
            bucket = self.by_phone.setdefault(phone, [])
            if person not in bucket:
                bucket.append(person)


def _typo(a: str | None, b: str | None) -> bool:
    """Two full names of three or more characters that differ in one given-name character (贾刚超 / 贾钢超).

    Only used together with a shared phone, where a slip of the keyboard is the likely story.
    """
    if not a or not b or len(a) != len(b) or len(a) < 3 or a[0] != b[0]:
        return False
    return sum(x != y for x, y in zip(a, b, strict=True)) == 1


class SoundAlike:
    """Full names that differ in one given-name character of the same sound (贾永 / 贾勇, 罗琳 / 罗玲).

    The usual slip of a pinyin input method; `initials` and `finals` are the pairs an input method's
    fuzzy setting treats as one sound (模糊音: zh/z, ing/in, …), from config/ingest.yaml.
    """

    def __init__(self, initials: list[list[str]] | None = None, finals: list[list[str]] | None = None) -> None:
        self.initials = [(a, b) for a, b in initials or []]
        self.finals = [(a, b) for a, b in finals or []]

    def one_apart(self, a: str | None, b: str | None) -> bool:
        """True for two full names of one surname and length differing in one same-sounding character."""
        if not a or not b or len(a) != len(b) or len(a) < 2 or a[0] != b[0]:
            return False
        if normalise.is_partial_name(a) or normalise.is_partial_name(b):
            return False
        differ = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        return len(differ) == 1 and bool(self._sounds(differ[0][0]) & self._sounds(differ[0][1]))

    def _sounds(self, char: str) -> frozenset[str]:
        return frozenset(self._fold(reading) for reading in _readings(char))

    def _fold(self, syllable: str) -> str:
        for long, short in self.initials:
            if syllable.startswith(long):
                syllable = short + syllable[len(long):]
                break
        for long, short in self.finals:
            if syllable.endswith(long):
                return syllable[: -len(long)] + short
        return syllable


@lru_cache(maxsize=8192)
def _readings(char: str) -> tuple[str, ...]:
    """Every toneless pinyin reading of a Chinese character (none for other characters)."""
    readings = pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
    return tuple(r for r in readings[0] if r) if readings else ()
