"""Places (小区/楼号/工地/市场), organisations (…有限公司, …物业) and persons' facts found in text."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence

from app.elements.cleaning import clause_bounds
from app.elements.matcher import PhraseMatcher
from app.elements.models import PartyFacts, PersonFacts
from app.elements.quantities import parse_number

_CJK = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
# Estate endings as config/lexicons/estates.txt writes them (康桥珠江佳苑, 万达灵山华庭): the one-character ones
# (碧水府, 翠苑) only before a building number, since 政府, 公园 or 县城 in free text name no estate.
_BUILDING = r"(?:\d+|[一二三四五六七八九十]+)(?:号楼|栋|幢|号院)"
_PLACE = re.compile(
    r"(?P<suffix>小区|花园|家园|新村|公寓|大厦|家属院|农贸市场|菜市场|建材市场|市场|工地|广场"
    r"|华庭|华府|新城|雅居|雅苑|名苑|佳苑|嘉园|公馆"
    rf"|(?:苑|府|园|庭|居|湾|城)(?={_BUILDING}))"
    r"(?:(?P<building>\d+|[一二三四五六七八九十]+)(?:号楼|栋|幢|号院))?"
)
# Words after which a place name starts: administrative levels, and verbs or prepositions
# that introduce a place ("住在长风小区", "反映长风小区").
_PLACE_CUTS = (
    "街道", "社区", "办事处", "区", "县", "市", "镇", "乡", "省", "位于", "反映", "住在", "在", "的", "与",
    "和", "住", "到", "至", "称", "是", "其", "我们", "我", "该", "本", "这", "那", "对", "向", "从", "于",
    "了", "及", "个",
)
_GENERIC_PLACE = frozenset(
    {"所在", "同一", "周边", "附近", "整个", "老", "新", "某", "一", "一个", "其他", "这个", "那个"}
)
_MAX_PREFIX = 16
_MAX_SHORT_PREFIX = 6
# Administrative level of an area name by its ending (lower is higher): a name starts at the highest
# level of a run of area names, so 浚县鹤壁市中医院 (an address before a city hospital) names 鹤壁市中医院.
_LEVELS = (("自治区", 0), ("省", 0), ("市", 1), ("区", 2), ("县", 2), ("旗", 2), ("街道", 3), ("镇", 3), ("乡", 3))
_REGION_LEVEL = -1  # a region word of the lexicon (中国) is above every area
_AGE = re.compile(r"(?P<age>\d{1,3})\s*(?:周)?岁")
_NAME_PATTERN = re.compile(r"[\u4e00-\u9fff](?:某某|某|先生|女士|大爷|大妈|阿姨|师傅|老汉)")
_NAME_BEFORE = re.compile(r"[\u4e00-\u9fff](?:某某|某|先生|女士|大爷|大妈|阿姨|师傅|老汉)$")
_PAREN = re.compile(r"\(([^()]{1,40})\)")


def _prefix(text: str, end: int, cuts: Sequence[str], max_len: int) -> str:
    """The name-like run before `end`: letters/CJK only, cut after the last cut word."""
    start = end
    while start > 0 and end - start < max_len and _CJK.match(text[start - 1]):
        start -= 1
    run = text[start:end]
    cut = 0
    for word in cuts:
        pos = run.rfind(word)
        if pos >= 0:
            cut = max(cut, pos + len(word))
    return run[cut:]


class NameIndex:
    """Known names (areas) found in a text in one pass, instead of one `str.find` per name.

    A city has thousands of area names; searching each in every field was most of recognition's time.
    """

    def __init__(self, names: Iterable[str]) -> None:
        """Index the names of two or more characters, longest first (ties by name, so output is stable)."""
        self.names = tuple(sorted({n for n in names if len(n) >= 2}, key=lambda n: (-len(n), n)))
        self._order = {name: index for index, name in enumerate(self.names)}
        self._matcher = PhraseMatcher(self.names)
        by_first: dict[str, list[str]] = {}
        for name in self.names:
            by_first.setdefault(name[0], []).append(name)
        self._by_first = by_first

    def first_occurrences(self, text: str) -> list[Span]:
        """Each name found in the text at its first position, longest names first."""
        first: dict[str, int] = {}
        for position, name in self._matcher.iter_all(text):
            first.setdefault(name, position)
        ordered = sorted(first, key=self._order.__getitem__)
        return [(name, first[name], first[name] + len(name)) for name in ordered]

    def strip_prefix(self, text: str) -> str:
        """Remove the longest name that starts the text and is shorter than it (长风社区长风 -> 长风)."""
        for name in self._by_first.get(text[:1], ()):
            if len(text) > len(name) and text.startswith(name):
                return text[len(name) :]
        return text


def _name_index(names: Sequence[str] | NameIndex) -> NameIndex:
    return names if isinstance(names, NameIndex) else NameIndex(names)


Span = tuple[str, int, int]
_ADMIN_RUN = re.compile(
    r"[\u4e00-\u9fff]{2,4}(?:街道|社区|办事处)|[\u4e00-\u9fff]{1,3}[区县](?=[\u4e00-\u9fff]{2,5}(?:街道|镇|乡))"
)


def place_spans(text: str, area_names: Sequence[str] | NameIndex = ()) -> list[Span]:
    """Normalised places with their spans: 长风小区3号楼 (unit and room dropped), 恒达工地."""
    names = _name_index(area_names)
    spans: list[Span] = []
    for m in _PLACE.finditer(text):
        prefix = names.strip_prefix(_prefix(text, m.start(), _PLACE_CUTS, 10))
        if len(prefix) < 2 or prefix in _GENERIC_PLACE or prefix.isdigit():
            continue
        place = prefix + m.group("suffix")
        building = m.group("building")
        if building:
            number = building if building.isdigit() else parse_number(building)
            if number is not None:
                place += f"{int(float(number))}号楼"
        spans.append((place, m.start() - len(prefix), m.end()))
    return spans + names.first_occurrences(text)


def admin_spans(text: str) -> list[tuple[int, int]]:
    """Spans of administrative address parts (红旗街道, 山城区, 长风社区): not issue keywords."""
    return [(m.start(), m.end()) for m in _ADMIN_RUN.finditer(text)]


class OrgSyntax:
    """How organization names are written: endings, cut and generic words (config/lexicons/organizations.txt)
    and the known area names that start a name (鹤壁市…, 山城区…)."""

    def __init__(self, words: Mapping[str, Sequence[str]], area_names: Iterable[str] = ()) -> None:
        """Compile the endings (longest first) and index the area and region names."""
        endings = sorted({*words["legal"], *words["suffix"], *words["institution"]}, key=lambda w: (-len(w), w))
        self.endings = re.compile("|".join(map(re.escape, endings)))
        self.legal = frozenset(words["legal"])
        self.institutions = frozenset(words["institution"])
        branches = sorted(words["branch"], key=len, reverse=True)
        self.branch = re.compile("|".join(map(re.escape, branches))) if branches else None
        self.cuts = tuple(words["cut"])
        self.weak = frozenset(words["weak"])
        self.generic = tuple(sorted(words["generic"], key=len, reverse=True))
        self.regions = frozenset(words["region"])
        self.estates = tuple(words["estate"])
        self.areas = PhraseMatcher({n for n in [*area_names, *self.regions] if len(n) >= 2})

    def only_generic(self, name: str) -> bool:
        """A name part made only of generic words (建筑劳务 in 建筑劳务有限公司) names no organization."""
        rest = name
        for word in self.generic:
            rest = rest.replace(word, "")
        return not rest

    def only_areas(self, name: str) -> bool:
        """A name part made only of area names (鹤壁市 in 鹤壁市有限公司) names no organization."""
        found = self.areas_at(name)
        position = 0
        while position in found:
            position += len(found[position])
        return position == len(name)

    def level(self, area: str) -> int:
        """Administrative level of an area name (lower is higher; unknown endings are lowest)."""
        if area in self.regions:
            return _REGION_LEVEL
        return next((level for ending, level in _LEVELS if area.endswith(ending)), 9)

    def areas_at(self, text: str) -> dict[int, str]:
        """The longest area name starting at each position of `text`."""
        found: dict[int, str] = {}
        for position, name in self.areas.iter_all(text):
            if len(name) > len(found.get(position, "")):
                found[position] = name
        return found

    def area_start(self, run: str, ending: str) -> int | None:
        """Where a name anchored by area names starts in `run` (the text before `ending`), if it is.

        The last run of adjacent area names counts when no cut word follows it, and something does unless the
        ending is an institution's (鹤壁市妇幼保健院, not 鹤壁市有限公司); within the run the name starts at the
        last area of a level not below the one before (浚县鹤壁市 -> 鹤壁市, 鹤壁市山城区 -> 鹤壁市)."""
        found = self.areas_at(run)
        chains: list[list[tuple[int, str]]] = []
        for position in sorted(found):
            name = found[position]
            if chains and position == chains[-1][-1][0] + len(chains[-1][-1][1]):
                chains[-1].append((position, name))
            elif not chains or position >= chains[-1][-1][0] + len(chains[-1][-1][1]):
                chains.append([(position, name)])
        if not chains:
            return None
        chain = chains[-1]
        tail = run[chain[-1][0] + len(chain[-1][1]):]
        if (not tail and ending not in self.institutions) or any(cut in tail for cut in self.cuts):
            return None
        start = chain[0]
        for before, area in itertools.pairwise(chain):
            if self.level(area[1]) <= self.level(before[1]):
                start = area
        return start[0]

    def cut_start(self, run: str) -> int:
        """Where a name not anchored by an area starts: after the last cut word, passing over a weak one
        (和 in 泰和) when what follows it is too short or generic to be a name."""
        cuts = sorted(
            {(pos + len(word), word) for word in (*self.cuts, *self.weak) for pos in _positions(run, word)},
            reverse=True,
        )
        for end, word in cuts:
            rest = run[end:]
            if word not in self.weak or (len(rest) >= 2 and not self.only_generic(rest)):
                return end
        return 0


def _positions(text: str, word: str) -> Iterable[int]:
    position = text.find(word)
    while position >= 0:
        yield position
        position = text.find(word, position + 1)


def _org_run(text: str, end: int) -> int:
    """Start of the name-like run (letters/CJK) ending at `end`, at most _MAX_PREFIX long."""
    start = end
    while start > 0 and end - start < _MAX_PREFIX and _CJK.match(text[start - 1]):
        start -= 1
    return start


def organization_spans(
    text: str, syntax: OrgSyntax, org_names: Sequence[str] = (), *, is_generic: Callable[[str], bool] = lambda _: False
) -> list[Span]:
    """Organizations with spans: legal names (鹤壁市恒达建筑劳务有限公司), names anchored by an area
    (山城区中医院, 鹤壁市妇幼保健院) or short ones (安居物业).

    `is_generic` rejects a short name part that is ordinary vocabulary (楼道下水管道漏水 before
    物业 is a description, not a name); names with a legal ending or an area are not asked.
    """
    spans: list[Span] = []
    for m in syntax.endings.finditer(text):
        if text.startswith(syntax.estates, m.end()):
            continue
        run_start = _org_run(text, m.start())
        run = text[run_start : m.start()]
        anchored = syntax.area_start(run, m.group())
        begin = run_start + (anchored if anchored is not None else syntax.cut_start(run))
        prefix = text[begin : m.start()]
        if anchored is None:
            if len(prefix) < 2 or syntax.only_generic(prefix) or syntax.only_areas(prefix):
                continue
            if m.group() not in syntax.legal and (len(prefix) > _MAX_SHORT_PREFIX or is_generic(prefix)):
                continue
        end = _branch_end(text, m.end(), syntax) if m.group() in syntax.legal else m.end()
        spans.append((text[begin:end], begin, end))
    for name in org_names:
        start = text.find(name) if len(name) >= 2 else -1
        if start >= 0:
            spans.append((name, start, start + len(name)))
    # A short mention inside a longer one (安居物业 in 安居物业服务有限公司) is the same organization.
    return [s for s in spans if not any(o != s and o[1] <= s[1] and s[2] <= o[2] for o in spans)]


def _branch_end(text: str, end: int, syntax: OrgSyntax) -> int:
    """The end of a legal name extended by a branch: …股份有限公司 + 鹤壁市 + 分公司."""
    if syntax.branch is None:
        return end
    areas = syntax.areas_at(text[end : end + 12])
    position = 0
    while position in areas:
        position += len(areas[position])
    branch = syntax.branch.match(text, end + position)
    return branch.end() if branch else end


def _clause_name(
    text: str, bounds: tuple[int, int], party_names: Sequence[str], tokens: Sequence[tuple[str, int, int]],
    tag: Callable[[str], str],
) -> str | None:
    """Best name in a clause: a known party, a 某/先生-style name, or a person-name (nr) token."""
    start, end = bounds
    clause = text[start:end]
    for name in party_names:
        if name and name in clause:
            return name
    m = _NAME_PATTERN.search(clause)
    if m:
        return m.group()
    for word, token_start, token_end in tokens:
        if start <= token_start and token_end <= end and len(word) >= 2 and tag(word) == "nr":
            return word
    return None


def _name_before(
    text: str, pos: int, party_names: Sequence[str], tokens: Sequence[tuple[str, int, int]], tag: Callable[[str], str]
) -> str | None:
    """A name ending right at `pos` (李先生 in "李先生(42岁"): a party, a 某/先生 name or an nr token."""
    before = text[max(0, pos - 6) : pos]
    for name in party_names:
        if name and before.endswith(name):
            return name
    m = _NAME_BEFORE.search(before)
    if m:
        return m.group()
    return next((w for w, _, end in tokens if end == pos and len(w) >= 2 and tag(w) == "nr"), None)


def _parenthesised(
    text: str, occupations: Sequence[tuple[str, int]], party_names: Sequence[str],
    tokens: Sequence[tuple[str, int, int]], tag: Callable[[str], str],
) -> list[tuple[tuple[int, int], PersonFacts]]:
    """Persons described in parentheses after their name: 张某(男,45岁,个体户)."""
    found = []
    for m in _PAREN.finditer(text):
        inside = m.group(1)
        age = _AGE.search(inside)
        occupation = next((w for w, start in occupations if m.start() < start < m.end()), None)
        if age is None and occupation is None:
            continue
        person = PersonFacts(
            name=_name_before(text, m.start(), party_names, tokens, tag),
            age=int(age.group("age")) if age and 0 < int(age.group("age")) <= 110 else None,
            occupation=occupation,
        )
        found.append(((m.start(), m.end()), person))
    return found


def find_text_persons(
    text: str,
    *,
    occupations: Sequence[tuple[str, int]],
    party_names: Sequence[str],
    tokens: Sequence[tuple[str, int, int]],
    tag: Callable[[str], str],
) -> list[PersonFacts]:
    """Persons whose age or occupation the text gives: parenthesised facts, else one per clause."""
    described = _parenthesised(text, occupations, party_names, tokens, tag)
    inside = [span for span, _ in described]

    def free(pos: int) -> bool:
        return not any(a <= pos < b for a, b in inside)

    by_clause: dict[tuple[int, int], PersonFacts] = {}
    for m in _AGE.finditer(text):
        age = int(m.group("age"))
        if 0 < age <= 110 and free(m.start()):
            by_clause.setdefault(clause_bounds(text, m.start()), PersonFacts()).age = age
    for word, start in occupations:
        # 23名农民工: a head count, not one person's occupation.
        if not free(start) or (start > 0 and text[start - 1] in "名位个些群"):
            continue
        person = by_clause.setdefault(clause_bounds(text, start), PersonFacts())
        person.occupation = person.occupation or word
    persons = [p for _, p in described]
    for bounds, person in sorted(by_clause.items()):
        person.name = _clause_name(text, bounds, party_names, tokens, tag)
        # An occupation alone (工人情绪激动) describes people in general, not one person.
        if person.name or person.age is not None:
            persons.append(person)
    return persons


def _age_from_id(id_number: str | None, year: int | None) -> int | None:
    """Approximate age from an 18-digit resident ID's birth year, when plausible."""
    if not id_number or year is None or len(id_number) != 18 or not id_number[6:10].isdigit():
        return None
    age = year - int(id_number[6:10])
    return age if 0 < age <= 110 else None


def merge_persons(
    parties: Sequence[PartyFacts], text_persons: Sequence[PersonFacts], year: int | None
) -> list[PersonFacts]:
    """Parties first (authoritative), completed from text facts of the same name; others appended."""
    persons: list[PersonFacts] = []
    used: set[int] = set()
    for party in parties:
        person = PersonFacts(
            name=party.name,
            role=party.role,
            age=party.age if party.age is not None else _age_from_id(party.id_number, year),
            occupation=party.occupation,
            source="party",
        )
        for index, found in enumerate(text_persons):
            if found.name and found.name == party.name and index not in used:
                used.add(index)
                person.age = person.age if person.age is not None else found.age
                person.occupation = person.occupation or found.occupation
                person.source = "party+text"
        persons.append(person)
    persons.extend(p for i, p in enumerate(text_persons) if i not in used)
    return persons
