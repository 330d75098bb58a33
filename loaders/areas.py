"""Areas: the administrative hierarchy, point-in-polygon, the address gazetteer and the resolver.

See docs/areas.md ("Area resolution") for the order in which a report's area is decided.
"""

import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

import jieba
import numpy as np
import shapely
from pydantic import BaseModel, ConfigDict, model_validator
from shapely.geometry.base import BaseGeometry

from app.settings import get_settings
from loaders.geo import gcj02_to_wgs84, valid_position
from loaders.model import StandardReport

if TYPE_CHECKING:
    from loaders.reference import ReferenceProblem

Level = Literal["city", "district", "street", "community", "grid"]
LEVELS: tuple[Level, ...] = ("city", "district", "street", "community", "grid")
DEPTH: dict[str, int] = {level: depth for depth, level in enumerate(LEVELS)}
CODE_LENGTHS: dict[str, int] = {"city": 6, "district": 6, "street": 9, "community": 12, "grid": 15}
Method = Literal["point", "grid_code", "scene", "gazetteer", "district_code", "fallback"]

# Suffixes people drop when they name an area ("长风社区" → "长风"), longest first so that
# "居委会" wins over a shorter suffix; stripping repeats ("长风社区居委会" → "长风社区" → "长风").
NAME_SUFFIXES: tuple[str, ...] = ("居委会", "社区", "街道", "网格", "镇", "乡", "村")
# "长风社区第一网格": ordinal grid names only repeat the community's name, so they identify nothing
# that the community name does not, and their short forms ("第一") would match everywhere.
_ORDINAL_GRID = re.compile(r"第[0-9一二三四五六七八九十百零〇]+网格$")
_GAZETTEER_LEVELS: tuple[Level, ...] = ("district", "street", "community", "grid")
_MIN_SHORT_FORM = 2
_CACHE_SIZE = 16384
# Characters of context segmented on each side of a short-form hit: longer than almost every word
# of jieba's dictionary, so the window's own edges do not change how the hit itself is cut.
_TOKEN_WINDOW = 6
ESTATES_FILE = Path("lexicons") / "estates.txt"
_ESTATE_KINDS = ("ending", "boundary")
# Han characters: a name borrowed by an estate has one of these right before it ("建业碧水府").
_HAN = re.compile(r"[\u3400-\u9fff]")


class Area(BaseModel):
    """One administrative area; community and grid areas carry a WGS-84 polygon."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    code: str
    name: str
    level: Level
    parent: str | None = None
    geometry: BaseGeometry | None = None
    centroid: tuple[float, float] | None = None

    @model_validator(mode="after")
    def _centroid_from_geometry(self) -> "Area":
        """Fill the centroid from the polygon when the caller did not give one."""
        if self.centroid is None and self.geometry is not None and not self.geometry.is_empty:
            point = self.geometry.centroid
            self.centroid = (point.x, point.y)
        return self


class AreaChain(NamedTuple):
    """The codes of an area and its ancestors, one per level below the city (None: unknown)."""

    district_code: str | None = None
    street_code: str | None = None
    community_code: str | None = None
    grid_code: str | None = None


class AreaResolution(BaseModel):
    """Where a report happened: the most precise area found, how, and the full code chain."""

    code: str
    level: Level
    method: Method
    detail: str = ""
    district_code: str | None = None
    street_code: str | None = None
    community_code: str | None = None
    grid_code: str | None = None


@dataclass(frozen=True, slots=True)
class GazetteerMatch:
    """A gazetteer answer: the area and the words of the text that named it."""

    area: Area
    terms: tuple[str, ...]


def short_forms(name: str) -> list[str]:
    """The names a person may use besides the full one: the name with its suffixes stripped."""
    forms: list[str] = []
    current = name
    while True:
        suffix = next((s for s in NAME_SUFFIXES if current.endswith(s)), None)
        if suffix is None or len(current) - len(suffix) < _MIN_SHORT_FORM:
            return forms
        current = current[: -len(suffix)]
        forms.append(current)


def gazetteer_names(area: Area) -> list[str]:
    """The full name and short forms by which the gazetteer finds an area (none for the city)."""
    if area.level not in _GAZETTEER_LEVELS:
        return []
    if area.level == "grid" and _ORDINAL_GRID.search(area.name):
        return []
    return [area.name, *short_forms(area.name)]


@dataclass(frozen=True, slots=True)
class EstateWords:
    """How estate names are written: their endings and the words after which a name starts."""

    endings: tuple[str, ...]
    boundaries: tuple[str, ...]


def read_estate_words(path: Path) -> EstateWords:
    """Rows "word kind" of an estates lexicon (ValueError naming the line for a malformed row)."""
    kinds: dict[str, list[str]] = {kind: [] for kind in _ESTATE_KINDS}
    for number, raw in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        fields = line.split()
        if len(fields) != 2 or fields[1] not in kinds:
            raise ValueError(f"{path.name}:{number}: expected 'word ending|boundary', got {raw!r}")
        kinds[fields[1]].append(fields[0])
    return EstateWords(tuple(kinds["ending"]), tuple(kinds["boundary"]))


@lru_cache
def default_estate_words() -> EstateWords:
    """The estates lexicon of the configuration directory, read once."""
    return read_estate_words(get_settings().caselink_config_dir / ESTATES_FILE)


class _PolygonLayer:
    """Areas of one level with polygons, behind an STRtree of prepared geometries."""

    def __init__(self, areas: Iterable[Area]) -> None:
        """Index the areas that have a geometry, in code order so that ties are stable."""
        self._areas = sorted((a for a in areas if a.geometry is not None), key=lambda a: a.code)
        self._geoms = np.array([a.geometry for a in self._areas], dtype=object)
        # Prepared polygons make each point test sub-linear in the number of vertices.
        shapely.prepare(self._geoms)
        self._tree = shapely.STRtree(self._geoms)

    def __len__(self) -> int:
        """Number of indexed polygons."""
        return len(self._areas)

    def hits(self, lng: float, lat: float) -> list[Area]:
        """Areas whose polygon holds the WGS-84 point: interior hits first, then border hits."""
        if not self._areas:
            return []
        candidates = self._tree.query(shapely.Point(lng, lat))
        if len(candidates) == 0:
            return []
        geoms = self._geoms[candidates]
        touching = candidates[shapely.intersects_xy(geoms, lng, lat)]
        if len(touching) <= 1:
            return [self._areas[i] for i in touching]
        inside = set(candidates[shapely.contains_xy(geoms, lng, lat)].tolist())
        order = sorted(touching.tolist(), key=lambda i: (i not in inside, i))
        return [self._areas[i] for i in order]


class AreaIndex:
    """The area hierarchy with point-in-polygon lookup and an address gazetteer."""

    def __init__(self, areas: Iterable[Area], estate_words: EstateWords | None = None) -> None:
        """Index a closed hierarchy: codes unique, every parent present (ValueError otherwise)."""
        self._areas: dict[str, Area] = {}
        for area in areas:
            if area.code in self._areas:
                raise ValueError(f"duplicate area code {area.code}")
            self._areas[area.code] = area
        self._check_parents()
        self._chains = {code: self._build_chain(code) for code in self._areas}
        self._chain_by_level = {code: _by_level(chain) for code, chain in self._chains.items()}
        self._grids = _PolygonLayer(a for a in self._areas.values() if a.level == "grid")
        self._communities = _PolygonLayer(a for a in self._areas.values() if a.level == "community")
        self._districts = [a for a in self._areas.values() if a.level == "district"]
        self._names = self._gazetteer_names()
        self._name_pattern = self._compile_name_pattern()
        self._estate_words = estate_words or default_estate_words()
        self._estate_ending = _alternation(self._estate_words.endings)
        self._estate_endings = frozenset(self._estate_words.endings)
        self._estate_boundaries = frozenset(self._estate_words.boundaries)
        self._name_leads = self._collect_name_leads()
        self._name_lead_length = max(map(len, self._name_leads), default=0)
        self._tokenizer: jieba.Tokenizer | None = None
        self._tokenizer_lock = threading.Lock()
        self._match_cached = lru_cache(maxsize=_CACHE_SIZE)(self._match)
        self.problems: list[ReferenceProblem] = []

    @classmethod
    def from_geojson(cls, path: Path | str, estate_words: EstateWords | None = None) -> "AreaIndex":
        """Index the valid features of an areas.geojson; rejected ones are listed in `problems`."""
        # Imported here because loaders.reference builds on this module's Area.
        from loaders.reference import read_areas

        problems: list[ReferenceProblem] = []
        index = cls(read_areas(Path(path), problems), estate_words)
        index.problems = problems
        return index

    def __len__(self) -> int:
        """Number of areas."""
        return len(self._areas)

    def __iter__(self) -> Iterator[Area]:
        """Iterate over the areas in code order."""
        return iter(sorted(self._areas.values(), key=lambda a: a.code))

    def _check_parents(self) -> None:
        """Reject a hierarchy with dangling parents, so that every chain reaches the top."""
        for area in self._areas.values():
            if area.level != "city" and area.parent not in self._areas:
                raise ValueError(f"area {area.code} has unknown parent {area.parent}")

    def _build_chain(self, code: str) -> AreaChain:
        """The per-level codes of an area and its ancestors."""
        codes: dict[str, str] = {}
        area: Area | None = self._areas[code]
        while area is not None:
            codes[area.level] = area.code
            area = self._areas.get(area.parent) if area.parent else None
        return AreaChain(codes.get("district"), codes.get("street"), codes.get("community"), codes.get("grid"))

    def get(self, code: str | None) -> Area | None:
        """The area with this code, or None."""
        return self._areas.get(code) if code else None

    def chain(self, code: str) -> AreaChain:
        """The per-level codes of an area and its ancestors (KeyError for an unknown code)."""
        return self._chains[code]

    def ancestors(self, code: str) -> list[Area]:
        """The areas above this one, nearest first, up to the city (KeyError for an unknown code)."""
        result: list[Area] = []
        parent = self._areas[code].parent
        while parent and parent in self._areas:
            area = self._areas[parent]
            result.append(area)
            parent = area.parent
        return result

    def contains(self, outer: str, inner: str) -> bool:
        """True when area `inner` is `outer` or lies inside it."""
        if outer == inner:
            return True
        outer_area, chain = self._areas.get(outer), self._chain_by_level.get(inner)
        if outer_area is None or chain is None:
            return False
        if outer_area.level == "city":
            return any(a.code == outer for a in self.ancestors(inner))
        return chain[outer_area.level] == outer

    def known_ancestor(self, code: str) -> Area | None:
        """The most precise known area whose code is a prefix of an (unknown) code, below the city."""
        for level in ("community", "street", "district"):
            area = self._areas.get(code[: CODE_LENGTHS[level]])
            if area is not None and area.level == level:
                return area
        return None

    def grid_at(self, lng: float, lat: float) -> Area | None:
        """The grid whose polygon holds the WGS-84 point (interior before border, then lowest code)."""
        hits = self._grids.hits(lng, lat)
        return hits[0] if hits else None

    def grids_at(self, lng: float, lat: float) -> list[Area]:
        """Every grid whose polygon holds the WGS-84 point, preferred first."""
        return self._grids.hits(lng, lat)

    def community_at(self, lng: float, lat: float) -> Area | None:
        """The community whose polygon holds the WGS-84 point."""
        hits = self._communities.hits(lng, lat)
        return hits[0] if hits else None

    def district_by_name(self, name: str | None) -> Area | None:
        """A district by its name: exact, with the city's name in front, or without 区/县/市 if unique."""
        if not name or not name.strip():
            return None
        wanted = name.strip()
        for city in (a for a in self._areas.values() if a.level == "city"):
            wanted = wanted.removeprefix(city.name)
        exact = [d for d in self._districts if d.name == wanted]
        if exact:
            return exact[0]
        bare = wanted.rstrip("区县市")
        loose = [d for d in self._districts if bare and d.name.rstrip("区县市") == bare]
        return loose[0] if len(loose) == 1 else None

    # --- gazetteer -------------------------------------------------------------------------

    def _gazetteer_names(self) -> dict[str, list[tuple[Area, bool]]]:
        """Every gazetteer word with the areas it names and whether it is their full name."""
        names: dict[str, list[tuple[Area, bool]]] = {}
        for area in sorted(self._areas.values(), key=lambda a: a.code):
            for position, word in enumerate(gazetteer_names(area)):
                names.setdefault(word, []).append((area, position == 0))
        return names

    def _compile_name_pattern(self) -> re.Pattern[str] | None:
        """One alternation of all gazetteer words, longest first, to find candidate mentions fast."""
        return _alternation(self._names)

    def _collect_name_leads(self) -> frozenset[str]:
        """Words after which a name starts: the lexicon's boundaries and every area's name or bare name."""
        leads = set(self._estate_words.boundaries) | set(self._names)
        for area in self._areas.values():
            leads.add(area.name)
            bare = area.name.rstrip("市区县")
            if area.level in ("city", "district") and len(bare) >= _MIN_SHORT_FORM:
                leads.add(bare)
        return frozenset(leads)

    @property
    def tokenizer(self) -> jieba.Tokenizer:
        """This index's own jieba tokenizer with the area names as a tagged user dictionary."""
        if self._tokenizer is None:
            with self._tokenizer_lock:
                if self._tokenizer is None:
                    self._tokenizer = self._build_tokenizer()
        return self._tokenizer

    def _build_tokenizer(self) -> jieba.Tokenizer:
        """A private tokenizer (the global jieba one belongs to the recognisers) with area words."""
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        for word, entries in self._names.items():
            deepest = max(entries, key=lambda entry: DEPTH[entry[0].level])[0]
            # freq=None lets jieba suggest the least frequency that keeps the word whole, so that an
            # area word does not swallow the characters of ordinary words ("成长风险" stays 成长/风险).
            tokenizer.add_word(word, None, f"area_{deepest.level}")
        return tokenizer

    def match_address(self, text: str | None, within: str | None = None) -> Area | None:
        """The most specific area named in the text, consistent with the hierarchy, or None."""
        found = self.match_details(text, within)
        return found.area if found else None

    def match_details(self, text: str | None, within: str | None = None) -> GazetteerMatch | None:
        """Like match_address, with the words that named the area; `within` breaks ties."""
        if not text or self._name_pattern is None or not self._name_pattern.search(text):
            return None
        return self._match_cached(text, within)

    def _mentions(self, text: str) -> list[tuple[Area, bool, str]]:
        """Every (area, full name?, word) the text names: full names as found, short forms as words."""
        found: list[tuple[Area, bool, str]] = []
        borrowed: list[tuple[Area, bool, str]] = []
        if self._name_pattern is None:
            return found
        position = 0
        while hit := self._name_pattern.search(text, position):
            (start, end), word, entries = hit.span(), hit.group(), self._names[hit.group()]
            position = start + 1
            # A full name ("城关社区") is unmistakable; a short form ("城关") must be a word of its own
            # in the segmented text, not the middle of another word ("县城关闭" is 县城/关闭), and is
            # only borrowed when an estate name holds it ("建业碧水府" is no mention of 碧水社区).
            if any(full for _, full in entries):
                found.extend((area, full, word) for area, full in entries)
                position = end
            elif not self._is_token(text, start, end):
                continue
            elif self._in_estate_name(text, start, end):
                borrowed.extend((area, full, word) for area, full in entries)
                position = end
            else:
                found.extend((area, full, word) for area, full in entries)
                position = end
        return found + self._anchored(borrowed, found) if borrowed else found

    @staticmethod
    def _anchored(
        borrowed: Sequence[tuple[Area, bool, str]], found: Sequence[tuple[Area, bool, str]]
    ) -> list[tuple[Area, bool, str]]:
        """The borrowed names whose parent the text names in full: 天山路街道建业世悦府 is in 世悦社区."""
        named = {area.code for area, full, _ in found if full}
        return [mention for mention in borrowed if mention[0].parent in named]

    def _in_estate_name(self, text: str, start: int, end: int) -> bool:
        """True when another word (a brand: 建业, 康桥) precedes the hit and an estate ending follows it."""
        if self._estate_ending is None:
            return False
        if text[start:end] in self._estate_endings:
            # A short form that is itself an ending (花园 of 花园社区) ends the name of an estate after
            # any word but a boundary: 淇滨花园 and 正商富民花园 are estates, not 花园社区.
            return not self._name_starts_at(text, start, self._estate_boundaries)
        if not self._estate_ending.match(text, end):
            return False
        return not self._name_starts_at(text, start, self._name_leads)

    def _name_starts_at(self, text: str, start: int, leads: frozenset[str]) -> bool:
        """True when a name may start here: at the start, after a non-Han character or after one of `leads`."""
        if start == 0 or not _HAN.match(text, start - 1):
            return True
        before = text[max(0, start - self._name_lead_length) : start]
        return any(before[-length:] in leads for length in range(1, len(before) + 1))

    def _is_token(self, text: str, start: int, end: int) -> bool:
        """True when jieba cuts text[start:end] as one word (segmenting only a window around it)."""
        left = max(0, start - _TOKEN_WINDOW)
        window = text[left : end + _TOKEN_WINDOW]
        wanted = (start - left, end - left)
        return any((s, e) == wanted for _, s, e in self.tokenizer.tokenize(window, HMM=False))

    def _match(self, text: str, within: str | None) -> GazetteerMatch | None:
        """Choose the deepest unambiguous area among the mentions (uncached)."""
        mentions = self._mentions(text)
        if not mentions:
            return None
        full_codes = _codes_by_level(m for m in mentions if m[1])
        any_codes = _codes_by_level(mentions)
        fallback: Area | None = None
        for level in reversed(_GAZETTEER_LEVELS):
            at_level = [m for m in mentions if m[0].level == level]
            chosen, common = self._choose(at_level, full_codes, any_codes, within)
            if chosen is not None:
                return self._gazetteer_match(self._deeper_inside(chosen, fallback), mentions)
            if fallback is None and common is not None:
                fallback = common
        return self._gazetteer_match(fallback, mentions) if fallback else None

    def _choose(
        self,
        mentions: Sequence[tuple[Area, bool, str]],
        full_codes: dict[str, set[str]],
        any_codes: dict[str, set[str]],
        within: str | None,
    ) -> tuple[Area | None, Area | None]:
        """One level's (unique choice, common ancestor of an ambiguous choice)."""
        areas = _unique(m[0] for m in mentions if self._agrees(m[0], full_codes))
        full = {m[0].code for m in mentions if m[1]}
        if any(a.code in full for a in areas):
            areas = [a for a in areas if a.code in full]  # a full name beats a short form
        if len(areas) > 1:
            areas = _narrow(areas, lambda a: self._agrees(a, any_codes))
        if len(areas) > 1 and within:
            areas = _narrow(areas, lambda a: self.contains(within, a.code))
        if len(areas) == 1:
            return areas[0], None
        return None, self._common_ancestor(areas)

    def _agrees(self, area: Area, codes_by_level: dict[str, set[str]]) -> bool:
        """True when the area lies in one of the areas the text names at each coarser level."""
        chain = self._chain_by_level[area.code]
        for level in _GAZETTEER_LEVELS[: DEPTH[area.level] - 1]:
            named = codes_by_level.get(level)
            if named and chain[level] not in named:
                return False
        return True

    def _deeper_inside(self, named: Area, common: Area | None) -> Area:
        """The common ancestor of a deeper ambiguous level when it lies inside the named area."""
        if common is None or DEPTH[common.level] <= DEPTH[named.level]:
            return named
        return common if self.contains(named.code, common.code) else named

    def _common_ancestor(self, areas: Sequence[Area]) -> Area | None:
        """The deepest area (below the city) containing all the given areas, or None."""
        if not areas:
            return None
        shared = [a.code for a in self.ancestors(areas[0].code)]
        for area in areas[1:]:
            mine = {a.code for a in self.ancestors(area.code)}
            shared = [code for code in shared if code in mine]
        for code in shared:
            if self._areas[code].level != "city":
                return self._areas[code]
        return None

    def _gazetteer_match(self, area: Area, mentions: Sequence[tuple[Area, bool, str]]) -> GazetteerMatch:
        """The match with the words that named the area or one of its ancestors."""
        related = {area.code, *(a.code for a in self.ancestors(area.code))}
        terms = tuple(dict.fromkeys(m[2] for m in mentions if m[0].code in related))
        return GazetteerMatch(area, terms)


def _alternation(words: Iterable[str]) -> re.Pattern[str] | None:
    """One regular expression of the words, longest first (None for no words)."""
    ordered = sorted(words, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in ordered)) if ordered else None


def _by_level(chain: AreaChain) -> dict[str, str | None]:
    """A chain keyed by level name."""
    return {
        "district": chain.district_code,
        "street": chain.street_code,
        "community": chain.community_code,
        "grid": chain.grid_code,
    }


def _codes_by_level(mentions: Iterable[tuple[Area, bool, str]]) -> dict[str, set[str]]:
    """Codes of the mentioned areas, grouped by level."""
    grouped: dict[str, set[str]] = {}
    for area, _full, _word in mentions:
        grouped.setdefault(area.level, set()).add(area.code)
    return grouped


def _unique(areas: Iterable[Area]) -> list[Area]:
    """Areas without repeats, in first-seen order."""
    return list({a.code: a for a in areas}.values())


def _narrow(areas: list[Area], keep: Callable[[Area], bool]) -> list[Area]:
    """The areas that pass a tie-breaker, or all of them when none does."""
    kept = [a for a in areas if keep(a)]
    return kept or areas


# --- resolver -------------------------------------------------------------------------------


@dataclass(slots=True)
class _Context:
    """What one report declares about its area, checked against the index, plus running notes."""

    report: StandardReport
    notes: list[str] = field(default_factory=list)
    grid: Area | None = None
    scene: Area | None = None
    prefix: Area | None = None
    prefix_method: Method = "grid_code"
    district: Area | None = None
    district_by_name: Area | None = None
    point_community: Area | None = None


class AreaResolver:
    """Decides a report's area, most precise way first (see docs/areas.md)."""

    def __init__(self, index: AreaIndex, city_code: str) -> None:
        """Resolve against this index; `city_code` is the area of a report nothing else places."""
        self.index = index
        self.city_code = city_code

    def resolve(self, report: StandardReport) -> AreaResolution:
        """The report's area, the way it was found, and why (conflicts and fallbacks in `detail`)."""
        ctx = self._context(report)
        steps = (
            self._by_point,
            self._by_grid_code,
            self._by_point_community,
            self._by_scene,
            self._by_gazetteer,
            self._by_code_prefix,
            self._by_district,
        )
        for step in steps:
            found = step(ctx)
            if found is not None:
                area, method = found
                self._note_conflicts(ctx, area)
                return self._resolution(area.code, area.level, method, ctx.notes)
        ctx.notes.append("nothing placed the report: city fallback")
        return self._resolution(self.city_code, "city", "fallback", ctx.notes)

    def _resolution(self, code: str, level: Level, method: Method, notes: list[str]) -> AreaResolution:
        """Assemble the answer with the per-level code chain."""
        chain = self.index.chain(code) if self.index.get(code) else AreaChain()
        return AreaResolution(
            code=code,
            level=level,
            method=method,
            detail="; ".join(notes),
            district_code=chain.district_code,
            street_code=chain.street_code,
            community_code=chain.community_code,
            grid_code=chain.grid_code,
        )

    def _context(self, report: StandardReport) -> _Context:
        """Look up the codes the report declares; unknown ones are noted, not trusted."""
        ctx = _Context(report)
        ctx.grid = self._declared(ctx, report.grid_code, "grid", "grid code")
        ctx.scene = self._declared(ctx, report.community_code, "community", "scene code")
        ctx.district = self._declared(ctx, report.district_code, "district", "district code")
        name = report.extra.get("district_name") if report.extra else None
        if isinstance(name, str) and name.strip():
            ctx.district_by_name = self.index.district_by_name(name)
            if ctx.district_by_name is None:
                ctx.notes.append(f"district name {name.strip()!r} is not a known district")
        return ctx

    def _declared(self, ctx: _Context, code: str | None, level: Level, label: str) -> Area | None:
        """A declared code as a known area of the expected level, else None with a note."""
        if not code or not code.strip():
            return None
        code = code.strip()
        area = self.index.get(code)
        if area is not None and area.level == level:
            return area
        known = f"a {area.level}" if area is not None else "unknown"
        ctx.notes.append(f"{label} {code} is {known}, not a known {level}")
        if level != "district" and ctx.prefix is None:
            ctx.prefix = self.index.known_ancestor(code)
            ctx.prefix_method = "grid_code" if level == "grid" else "scene"
        return None

    def _by_point(self, ctx: _Context) -> tuple[Area, Method] | None:
        """(1) The grid polygon holding the position, after GCJ-02 → WGS-84 when needed."""
        lng, lat = ctx.report.lng, ctx.report.lat
        if lng is None and lat is None:
            return None
        if lng is None or lat is None or not valid_position(lng, lat):
            ctx.notes.append(f"position ({lng}, {lat}) unusable (missing, 0/0 or out of range)")
            return None
        where = f"({lng:.6f}, {lat:.6f})"
        if ctx.report.coord_type == "gcj02":
            lng, lat = gcj02_to_wgs84(lng, lat)
            where = f"GCJ-02 {where} = WGS-84 ({lng:.6f}, {lat:.6f})"
        grids = self.index.grids_at(lng, lat)
        if not grids:
            ctx.point_community = self.index.community_at(lng, lat)
            ctx.notes.append(f"position {where} is outside every grid polygon")
            return None
        ctx.notes.append(f"position {where} in grid {grids[0].code}")
        if len(grids) > 1:
            others = ", ".join(g.code for g in grids[1:])
            ctx.notes.append(f"position also on/in grid {others}; kept {grids[0].code}")
        return grids[0], "point"

    def _by_grid_code(self, ctx: _Context) -> tuple[Area, Method] | None:
        """(2) The grid code a grid worker gave, when it is a known grid."""
        if ctx.grid is None:
            return None
        ctx.notes.append(f"grid code {ctx.grid.code} given by the report")
        return ctx.grid, "grid_code"

    def _by_point_community(self, ctx: _Context) -> tuple[Area, Method] | None:
        """(2b) A position outside every grid but inside a community polygon."""
        if ctx.point_community is None:
            return None
        ctx.notes.append(f"position in community {ctx.point_community.code}")
        return ctx.point_community, "point"

    def _by_scene(self, ctx: _Context) -> tuple[Area, Method] | None:
        """(3) The community code printed in the QR code."""
        if ctx.scene is None:
            return None
        ctx.notes.append(f"community code {ctx.scene.code} from the QR code's scene")
        return ctx.scene, "scene"

    def _by_gazetteer(self, ctx: _Context) -> tuple[Area, Method] | None:
        """(4) Area names in the address, then in title and text; declared codes win at equal depth."""
        found, source = self._gazetteer_hit(ctx)
        if found is None:
            return None
        given = [a for a in (ctx.prefix, ctx.district, ctx.district_by_name) if a is not None]
        declared = max(given, key=lambda a: DEPTH[a.level]) if given else None
        if declared is not None and DEPTH[found.area.level] <= DEPTH[declared.level]:
            if not self._related(found.area, declared):
                ctx.notes.append(f"{source} names {found.area.code}, kept the declared {declared.code}")
            return None
        ctx.notes.append(f"{source} names {found.area.code} ({'、'.join(found.terms)})")
        return found.area, "gazetteer"

    def _gazetteer_hit(self, ctx: _Context) -> tuple[GazetteerMatch | None, str]:
        """The address match, refined by a deeper match of title and text inside it."""
        report = ctx.report
        hint_area = ctx.district or ctx.district_by_name or ctx.prefix
        hint = hint_area.code if hint_area else None
        by_address = self.index.match_details(report.address, hint)
        if by_address is not None and DEPTH[by_address.area.level] >= DEPTH["community"]:
            return by_address, "address"
        body = f"{report.title}\n{report.text}".strip()
        by_text = self.index.match_details(body, by_address.area.code if by_address else hint)
        if by_text is None:
            return by_address, "address"
        if by_address is None:
            return by_text, "title/text"
        deeper = DEPTH[by_text.area.level] > DEPTH[by_address.area.level]
        if deeper and self.index.contains(by_address.area.code, by_text.area.code):
            return by_text, "title/text"
        return by_address, "address"

    def _by_code_prefix(self, ctx: _Context) -> tuple[Area, Method] | None:
        """(4b) The known ancestor of an unknown grid or scene code (codes nest by prefix)."""
        if ctx.prefix is None:
            return None
        ctx.notes.append(f"used {ctx.prefix.code}, the known area the unknown code starts with")
        return ctx.prefix, ctx.prefix_method

    def _by_district(self, ctx: _Context) -> tuple[Area, Method] | None:
        """(5) The declared district code, or the hotline's district name."""
        if ctx.district is not None:
            ctx.notes.append(f"district code {ctx.district.code} given by the report")
            return ctx.district, "district_code"
        if ctx.district_by_name is not None:
            ctx.notes.append(f"district from name {ctx.district_by_name.name}")
            return ctx.district_by_name, "district_code"
        return None

    def _note_conflicts(self, ctx: _Context, area: Area) -> None:
        """Note every declared code that the chosen area contradicts (neither contains the other)."""
        declared = (
            ("grid code", ctx.grid),
            ("scene code", ctx.scene),
            ("district code", ctx.district),
            ("district name", ctx.district_by_name),
            ("the known part of an unknown code", ctx.prefix),
        )
        for label, given in declared:
            if given is None:
                continue
            if not self._related(area, given):
                ctx.notes.append(f"conflict: resolved {area.code} {area.name} but {label} is {given.code} {given.name}")

    def _related(self, one: Area, other: Area) -> bool:
        """True when one area contains the other."""
        return self.index.contains(one.code, other.code) or self.index.contains(other.code, one.code)
