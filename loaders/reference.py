"""The centre's risk-prevention database (风险防范数据库): read and validate, never write.

Every reader collects a `ReferenceProblem` for each thing it could not take as given (a feature
or row it dropped, a value it left empty, an ID number it kept but marked invalid), so nothing is
lost silently. Readers take an optional `problems` list to append to; without one, problems are
logged as warnings. See docs/areas.md ("Reference data").
"""

import csv
import io
import json
import logging
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import shapely
from pydantic import BaseModel, ConfigDict, Field
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from loaders.areas import CODE_LENGTHS, DEPTH, LEVELS, Area, AreaIndex
from loaders.base import MAX_IDENTIFIER, MAX_NAME
from loaders.geo import valid_position
from loaders.model import MappingError
from loaders.normalise import CN_DATE, DATE, SLASHED, IdCheck, parse_time, validate_id_number

log = logging.getLogger(__name__)

AREAS_FILE = "areas.geojson"
KEY_PERSONS_FILE = "key_persons.csv"
KEY_PLACES_FILE = "key_places.csv"
NOTICES_FILE = "notices.csv"
KEYWORDS_DIR = "keywords"
EXPECTED_LIBRARIES: tuple[str, ...] = ("extreme", "violence", "group", "sensitive")

KEY_PERSON_COLUMNS = ("姓名", "身份证号", "人员类别", "管控级别", "现住地址", "前科情况", "列管日期")
KEY_PLACE_COLUMNS = ("场所名称", "场所类型", "地址", "经度", "纬度", "所属网格")
NOTICE_COLUMNS = ("编号", "下发日期", "对象姓名", "身份证号", "事由", "下发单位", "接收单位")
_DATE_FORMATS = (DATE, CN_DATE, SLASHED)
_POLYGONAL = ("Polygon", "MultiPolygon")


class ReferenceProblem(BaseModel):
    """One thing a reader could not take as given: where it is and what a person should fix.

    `row` is the 1-based CSV row (header = row 1) or keyword-file line, the 0-based feature index
    of areas.geojson, or None for a whole-file problem.
    """

    file: str
    row: int | None = None
    field: str | None = None
    reason: str

    def __str__(self) -> str:
        """`file:row: field: reason`, leaving out what is unknown."""
        where = ":".join(str(part) for part in (self.file, self.row) if part is not None)
        return f"{where}: {self.field}: {self.reason}" if self.field else f"{where}: {self.reason}"


class KeyPerson(BaseModel):
    """One entry of the key-person list (重点人员); an invalid ID number is kept, marked invalid."""

    row: int
    name: str
    id_number: str | None = None
    id_valid: bool = False
    birth_date: date | None = None
    gender: str | None = None
    category: str | None = None
    control_level: str | None = None
    address: str | None = None
    record: str | None = None
    listed_at: date | None = None

    @property
    def key(self) -> str:
        """The KeyPersonEntry key: the valid ID number, else `name|birth date` (birth date may be empty)."""
        if self.id_valid and self.id_number:
            return self.id_number
        return f"{self.name}|{self.birth_date.isoformat() if self.birth_date else ''}"


class KeyPlace(BaseModel):
    """One key place (重点场所); the position is WGS-84 and None when unusable."""

    row: int
    name: str
    kind: str | None = None
    address: str | None = None
    lng: float | None = None
    lat: float | None = None
    grid_code: str | None = None


class Notice(BaseModel):
    """A work notice or risk warning letter already sent (工作提示函 / 风险警示函)."""

    row: int
    code: str
    issued_at: date | None = None
    name: str | None = None
    id_number: str | None = None
    id_valid: bool = False
    reason: str | None = None
    issuer: str | None = None
    receiver: str | None = None
    kind: str | None = None


class ReferenceSet(BaseModel):
    """Everything read from one reference directory, with every problem and every missing file."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    directory: str
    areas: list[Area] = Field(default_factory=list)
    key_persons: list[KeyPerson] = Field(default_factory=list)
    key_places: list[KeyPlace] = Field(default_factory=list)
    notices: list[Notice] = Field(default_factory=list)
    keywords: dict[str, list[str]] = Field(default_factory=dict)
    problems: list[ReferenceProblem] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list, description="files and folders not present")

    def area_index(self) -> AreaIndex:
        """An area index over the valid areas."""
        return AreaIndex(self.areas)


class _Sink:
    """Collects the problems of one file into the caller's list, or logs them."""

    def __init__(self, path: Path, problems: list[ReferenceProblem] | None, *, in_folder: bool = False) -> None:
        """Problems of `path` (named with its folder when `in_folder`) go to `problems`, else to the log."""
        self.file = f"{path.parent.name}/{path.name}" if in_folder else path.name
        self._problems = problems

    def add(self, row: int | None, field: str | None, reason: str) -> None:
        """Record one problem."""
        problem = ReferenceProblem(file=self.file, row=row, field=field, reason=reason)
        if self._problems is None:
            log.warning("reference data: %s", problem)
        else:
            self._problems.append(problem)


# --- shared decoding ------------------------------------------------------------------------


def _read_text(path: Path, sink: _Sink) -> str | None:
    """The file's text: UTF-8 (with or without BOM), else GB18030; None when unreadable."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        sink.add(None, None, f"cannot read the file: {exc.strerror or exc}")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        sink.add(None, None, f"neither UTF-8 nor GB18030 (byte {exc.start}); re-save the file as UTF-8")
        return None


def _csv_rows(path: Path, columns: tuple[str, ...], required: str, sink: _Sink) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number, stripped values by column) of a CSV whose header names the columns."""
    text = _read_text(path, sink)
    if text is None:
        return
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [cell.strip() for cell in next(reader, [])]
    if required not in header:
        sink.add(1, required, f"header has no column {required}; nothing read from this file")
        return
    for column in columns:
        if column not in header:
            sink.add(1, column, "header has no such column; the value is left empty in every row")
    for number, cells in _records(reader, sink):
        if not any(cell.strip() for cell in cells):
            continue
        # Spreadsheet exports pad rows with empty cells; only a non-empty extra cell shifts columns.
        while len(cells) > len(header) and not cells[-1].strip():
            cells = cells[:-1]
        if len(cells) != len(header):
            reason = f"{len(cells)} fields but the header has {len(header)} (an unquoted comma?); row skipped"
            sink.add(number, None, reason)
            continue
        yield number, {name: cell.strip() for name, cell in zip(header, cells, strict=True)}


def _records(reader: Iterator[list[str]], sink: _Sink) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) after the header; a CSV syntax error ends the file with a problem."""
    number = 1
    while True:
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            sink.add(number, None, f"CSV syntax error ({exc}); this row and the rest of the file are not read")
            return
        yield number, cells


def _optional(values: dict[str, str], column: str) -> str | None:
    """A cell's value, None when empty or absent."""
    return values.get(column) or None


def _date(values: dict[str, str], column: str, row: int, sink: _Sink) -> date | None:
    """A date cell (`2024-12-09`, `2024年12月9日`, `2024/12/9`); a bad one is reported and left empty."""
    text = values.get(column)
    if not text:
        return None
    try:
        return parse_time(text, field=column, formats=_DATE_FORMATS).date()
    except MappingError as exc:
        sink.add(row, column, f"{exc.reason}; left empty")
        return None


def _id_number(values: dict[str, str], column: str, row: int, sink: _Sink) -> IdCheck | None:
    """The checked ID number, None when empty; an invalid one is kept, reported and marked."""
    text = values.get(column)
    if not text:
        return None
    check = validate_id_number(text)
    if not check.valid:
        sink.add(row, column, f"{check.value}: {check.reason}; kept, marked invalid, never used to link")
    return check


def _digits_birth_date(id_number: str | None) -> date | None:
    """The real date in digits 7-14 of an ID number whose check character may be wrong."""
    if not id_number or len(id_number) != 18 or not id_number[:17].isdigit():
        return None
    try:
        born = date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except ValueError:
        return None
    return born if date(1900, 1, 1) <= born <= date.today() else None


# --- areas.geojson --------------------------------------------------------------------------


def read_areas(path: Path | str, problems: list[ReferenceProblem] | None = None) -> list[Area]:
    """The valid areas of a GeoJSON FeatureCollection; each rejected feature is a problem."""
    path = Path(path)
    sink = _Sink(path, problems)
    features = _features(path, sink)
    parsed: dict[str, tuple[int, Area]] = {}
    for number, feature in enumerate(features):
        area = _feature_area(number, feature, sink)
        if area is None:
            continue
        if area.code in parsed:
            first = parsed[area.code][0]
            sink.add(number, "properties.code", f"duplicate code {area.code} (first at feature {first}); ignored")
            continue
        parsed[area.code] = (number, area)
    kept = _check_hierarchy(parsed, sink)
    return [area for _, area in sorted(kept.values(), key=lambda item: item[0])]


def _features(path: Path, sink: _Sink) -> list[Any]:
    """The `features` array of the file, or [] with a problem."""
    text = _read_text(path, sink)
    if text is None:
        return []
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        sink.add(None, None, f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
        return []
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        sink.add(None, "type", "expected a GeoJSON FeatureCollection")
        return []
    features = document.get("features")
    if not isinstance(features, list):
        sink.add(None, "features", "expected a list of features")
        return []
    return features


def _feature_area(number: int, feature: Any, sink: _Sink) -> Area | None:
    """One feature as an Area, or None with a problem naming the field."""
    props = feature.get("properties") if isinstance(feature, dict) else None
    if not isinstance(props, dict):
        sink.add(number, "properties", "missing or not an object")
        return None
    level = _text(props.get("level")).lower()
    if level not in LEVELS:
        sink.add(number, "properties.level", f"{level!r} is not one of {', '.join(LEVELS)}")
        return None
    code = _text(props.get("code"))
    if not code.isdigit() or len(code) != CODE_LENGTHS[level]:
        sink.add(number, "properties.code", f"{code!r}: a {level} code has {CODE_LENGTHS[level]} digits")
        return None
    name = _text(props.get("name"))
    if not name or len(name) > MAX_NAME:
        reason = f"{len(name)} characters, a name has at most {MAX_NAME}" if name else "empty"
        sink.add(number, "properties.name", reason)
        return None
    usable, geometry = _feature_geometry(number, level, feature.get("geometry"), sink)
    if not usable:
        return None
    parent = _text(props.get("parent")) or None
    return Area(code=code, name=name, level=level, parent=parent, geometry=geometry)


def _text(value: Any) -> str:
    """A property as stripped text (numbers as written, None as empty)."""
    return "" if value is None else str(value).strip()


def _feature_geometry(number: int, level: str, raw: Any, sink: _Sink) -> tuple[bool, BaseGeometry | None]:
    """(usable?, polygon): the polygon repaired if invalid, None when absent and not required."""
    if raw is None:
        if level in ("community", "grid"):
            sink.add(number, "geometry", f"a {level} needs a Polygon or MultiPolygon")
            return False, None
        return True, None
    try:
        geometry = shape(raw)
    except (AttributeError, KeyError, TypeError, ValueError, shapely.errors.GEOSException) as exc:
        sink.add(number, "geometry", f"cannot read the geometry: {exc!r}")
        return False, None
    if geometry.geom_type not in _POLYGONAL or geometry.is_empty:
        kind = "an empty geometry" if geometry.is_empty else f"a {geometry.geom_type}"
        sink.add(number, "geometry", f"{kind}; expected a Polygon or MultiPolygon")
        return False, None
    min_x, min_y, max_x, max_y = geometry.bounds
    if not (valid_position(min_x, min_y) and valid_position(max_x, max_y)):
        sink.add(number, "geometry", f"coordinates {geometry.bounds} are not WGS-84 longitude/latitude")
        return False, None
    if geometry.is_valid:
        return True, geometry
    reason = shapely.is_valid_reason(geometry)
    repaired = _repair(geometry)
    if repaired is None:
        sink.add(number, "geometry", f"invalid polygon ({reason}) that cannot be repaired")
        return False, None
    sink.add(number, "geometry", f"invalid polygon ({reason}); repaired with make_valid, please fix the source")
    return True, repaired


def _repair(geometry: BaseGeometry) -> BaseGeometry | None:
    """The polygonal part of make_valid's answer, or None when nothing polygonal is left."""
    fixed = shapely.make_valid(geometry)
    if fixed.geom_type not in _POLYGONAL:
        parts = [p for p in shapely.get_parts(fixed) if p.geom_type in _POLYGONAL]
        fixed = shapely.union_all(parts) if parts else None
    return fixed if fixed is not None and not fixed.is_empty else None


def _check_hierarchy(parsed: dict[str, tuple[int, Area]], sink: _Sink) -> dict[str, tuple[int, Area]]:
    """Drop, with a problem, every area whose parent is missing, rejected or of the wrong level."""
    kept = dict(parsed)
    changed = True
    # Repeat until stable: dropping a parent makes its children dangling in turn.
    while changed:
        changed = False
        for code, (number, area) in list(kept.items()):
            reason = _parent_problem(area, kept, parsed)
            if reason:
                sink.add(number, "properties.parent", reason)
                del kept[code]
                changed = True
    return kept


def _parent_problem(area: Area, kept: dict[str, tuple[int, Area]], parsed: dict[str, tuple[int, Area]]) -> str | None:
    """Why the area's parent is unusable, or None."""
    if area.level == "city":
        return None
    if not area.parent:
        return f"a {area.level} needs a parent"
    if area.parent not in kept:
        state = "was rejected (see its own problem)" if area.parent in parsed else "is not in the file"
        return f"parent {area.parent} {state}; this {area.level} and its children are ignored"
    parent = kept[area.parent][1]
    if DEPTH[parent.level] != DEPTH[area.level] - 1:
        expected = LEVELS[DEPTH[area.level] - 1]
        return f"parent {parent.code} is a {parent.level}; a {area.level} belongs to a {expected}"
    # Codes nest by prefix; a district nests in its city by the city code without its trailing 00.
    prefix = parent.code[:4] if parent.level == "city" else parent.code
    if not area.code.startswith(prefix):
        return f"code {area.code} does not start with {prefix}, the code of its parent {parent.code}"
    return None


# --- CSV files ------------------------------------------------------------------------------


def read_key_persons(path: Path | str, problems: list[ReferenceProblem] | None = None) -> list[KeyPerson]:
    """The key-person list; a row without a name is dropped, other bad values are left empty."""
    path = Path(path)
    sink = _Sink(path, problems)
    persons: list[KeyPerson] = []
    seen: dict[str, int] = {}
    for row, values in _csv_rows(path, KEY_PERSON_COLUMNS, "姓名", sink):
        person = _key_person(row, values, sink)
        if person is None:
            continue
        if person.key in seen:
            sink.add(row, "身份证号", f"same entry as row {seen[person.key]} (key {person.key}); ignored")
            continue
        seen[person.key] = row
        persons.append(person)
    return persons


def _key_person(row: int, values: dict[str, str], sink: _Sink) -> KeyPerson | None:
    """One key-person row, or None with a problem."""
    name = values.get("姓名")
    if not name or len(name) > MAX_NAME:
        reason = f"{len(name)} characters, a name has at most {MAX_NAME}" if name else "empty"
        sink.add(row, "姓名", f"{reason}; row skipped")
        return None
    check = _id_number(values, "身份证号", row, sink)
    valid = check is not None and check.valid
    if check is None:
        sink.add(
            row,
            "身份证号",
            "empty; the entry can only be matched by name and birth date, and has no birth date",
        )
    return KeyPerson(
        row=row,
        name=name,
        id_number=check.value if check else None,
        id_valid=valid,
        # An entry whose check character is wrong still gets a birth date for its name|birth key.
        birth_date=check.birth_date if check and valid else _digits_birth_date(check.value if check else None),
        gender=check.gender if check else None,
        category=_optional(values, "人员类别"),
        control_level=_optional(values, "管控级别"),
        address=_optional(values, "现住地址"),
        record=_optional(values, "前科情况"),
        listed_at=_date(values, "列管日期", row, sink),
    )


def read_key_places(path: Path | str, problems: list[ReferenceProblem] | None = None) -> list[KeyPlace]:
    """The key-place list; a row without a name is dropped, a bad position or grid is left empty."""
    path = Path(path)
    sink = _Sink(path, problems)
    places: list[KeyPlace] = []
    for row, values in _csv_rows(path, KEY_PLACE_COLUMNS, "场所名称", sink):
        name = values.get("场所名称")
        if not name or len(name) > MAX_IDENTIFIER:
            reason = f"{len(name)} characters, a place name has at most {MAX_IDENTIFIER}" if name else "empty"
            sink.add(row, "场所名称", f"{reason}; row skipped")
            continue
        lng, lat = _position(values, row, sink)
        places.append(
            KeyPlace(
                row=row,
                name=name,
                kind=_optional(values, "场所类型"),
                address=_optional(values, "地址"),
                lng=lng,
                lat=lat,
                grid_code=_grid_code(values, row, sink),
            )
        )
    return places


def _position(values: dict[str, str], row: int, sink: _Sink) -> tuple[float | None, float | None]:
    """The (经度, 纬度) pair, or (None, None) with a problem when it is not a usable position."""
    lng_text, lat_text = values.get("经度"), values.get("纬度")
    if not lng_text and not lat_text:
        return None, None
    try:
        lng, lat = float(lng_text or "nan"), float(lat_text or "nan")
    except ValueError:
        sink.add(row, "经度/纬度", f"({lng_text}, {lat_text}) are not numbers; position left empty")
        return None, None
    if not valid_position(lng, lat):
        sink.add(row, "经度/纬度", f"({lng_text}, {lat_text}) is not a usable position; left empty")
        return None, None
    return lng, lat


def _grid_code(values: dict[str, str], row: int, sink: _Sink) -> str | None:
    """The 15-digit grid code, or None with a problem."""
    code = values.get("所属网格")
    if not code:
        return None
    if not code.isdigit() or len(code) != CODE_LENGTHS["grid"]:
        sink.add(row, "所属网格", f"{code!r} is not a 15-digit grid code; left empty")
        return None
    return code


def read_notices(path: Path | str, problems: list[ReferenceProblem] | None = None) -> list[Notice]:
    """The notices already sent; a row without 编号 or a repeated 编号 is dropped with a problem."""
    path = Path(path)
    sink = _Sink(path, problems)
    notices: list[Notice] = []
    seen: dict[str, int] = {}
    for row, values in _csv_rows(path, NOTICE_COLUMNS, "编号", sink):
        code = values.get("编号")
        if not code or len(code) > MAX_IDENTIFIER:
            reason = f"{len(code)} characters, a notice number has at most {MAX_IDENTIFIER}" if code else "empty"
            sink.add(row, "编号", f"{reason}; row skipped")
            continue
        if code in seen:
            sink.add(row, "编号", f"{code} repeats row {seen[code]}; ignored")
            continue
        seen[code] = row
        notices.append(_notice(row, code, values, sink))
    return notices


def _notice(row: int, code: str, values: dict[str, str], sink: _Sink) -> Notice:
    """One notice row."""
    check = _id_number(values, "身份证号", row, sink)
    id_number = check.value if check else None
    issued_at = _date(values, "下发日期", row, sink)
    if issued_at is None and not values.get("下发日期"):
        sink.add(row, "下发日期", "empty; the notice is kept without a date")
    if not values.get("对象姓名") and not id_number:
        sink.add(row, "对象姓名", "neither a name nor an ID number: the notice concerns nobody known")
    return Notice(
        row=row,
        code=code,
        issued_at=issued_at,
        name=_optional(values, "对象姓名"),
        id_number=id_number,
        id_valid=check is not None and check.valid,
        reason=_optional(values, "事由"),
        issuer=_optional(values, "下发单位"),
        receiver=_optional(values, "接收单位"),
        kind=notice_kind(code),
    )


def notice_kind(code: str) -> str | None:
    """工作提示函 or 风险警示函 from the 编号 prefix (TSH… / JSH…); None when the prefix says neither."""
    # The file has no kind column; the centre's numbering uses the pinyin initials of the letter type.
    prefix = code.split("-", 1)[0].upper()
    if prefix.endswith("TSH"):
        return "工作提示函"
    if prefix.endswith("JSH"):
        return "风险警示函"
    return None


# --- keyword libraries ----------------------------------------------------------------------


def read_keyword_libraries(
    directory: Path | str, problems: list[ReferenceProblem] | None = None
) -> dict[str, list[str]]:
    """One library per `*.txt` (name = file stem): words stripped, `#` comments and blanks skipped."""
    directory = Path(directory)
    libraries: dict[str, list[str]] = {}
    for path in sorted(directory.glob("*.txt")):
        sink = _Sink(path, problems, in_folder=True)
        words = _library_words(path, sink)
        if not words:
            sink.add(None, None, "the library has no words")
        libraries[path.stem] = words
    for name in EXPECTED_LIBRARIES:
        if name not in libraries:
            _Sink(directory / f"{name}.txt", problems, in_folder=True).add(None, None, "expected library is missing")
    return libraries


def _library_words(path: Path, sink: _Sink) -> list[str]:
    """The words of one library file, in file order without repeats."""
    text = _read_text(path, sink)
    if text is None:
        return []
    first_line: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        word = line.strip()
        if not word or word.startswith("#"):
            continue
        if word in first_line:
            sink.add(number, None, f"{word!r} repeats line {first_line[word]}; ignored")
            continue
        if len(word) > MAX_NAME:
            sink.add(number, None, f"{len(word)} characters, a keyword has at most {MAX_NAME}; ignored")
            continue
        first_line[word] = number
    return list(first_line)


# --- the whole directory --------------------------------------------------------------------


def read_reference_dir(path: Path | str) -> ReferenceSet:
    """Read every reference file present in the directory; missing files are listed, not fatal."""
    directory = Path(path)
    result = ReferenceSet(directory=str(directory))
    if not directory.is_dir():
        result.problems.append(ReferenceProblem(file=str(directory), reason="not a directory; nothing read"))
        result.missing = [AREAS_FILE, KEY_PERSONS_FILE, KEY_PLACES_FILE, NOTICES_FILE, KEYWORDS_DIR]
        return result
    problems, missing = result.problems, result.missing
    if path := _present(directory / AREAS_FILE, missing):
        result.areas = read_areas(path, problems)
    if path := _present(directory / KEY_PERSONS_FILE, missing):
        result.key_persons = read_key_persons(path, problems)
    if path := _present(directory / KEY_PLACES_FILE, missing):
        result.key_places = read_key_places(path, problems)
    if path := _present(directory / NOTICES_FILE, missing):
        result.notices = read_notices(path, problems)
    if path := _present(directory / KEYWORDS_DIR, missing, folder=True):
        result.keywords = read_keyword_libraries(path, problems)
    if result.areas:
        _check_place_grids(result)
    result.problems.sort(key=lambda problem: (problem.file, problem.row if problem.row is not None else -1))
    return result


def _present(path: Path, missing: list[str], *, folder: bool = False) -> Path | None:
    """The path when the file (or folder) exists, else None with its name added to `missing`."""
    if path.is_dir() if folder else path.is_file():
        return path
    missing.append(path.name)
    return None


def _check_place_grids(result: ReferenceSet) -> None:
    """Report key places whose grid is unknown or whose position lies outside their grid."""
    grids = {area.code: area for area in result.areas if area.level == "grid"}
    sink = _Sink(Path(KEY_PLACES_FILE), result.problems)
    for place in result.key_places:
        if place.grid_code is None:
            continue
        grid = grids.get(place.grid_code)
        if grid is None:
            sink.add(place.row, "所属网格", f"{place.grid_code} is not a grid of {AREAS_FILE}")
            continue
        if place.lng is None or place.lat is None or grid.geometry is None:
            continue
        if not shapely.intersects_xy(grid.geometry, place.lng, place.lat):
            sink.add(
                place.row,
                "经度/纬度",
                f"({place.lng}, {place.lat}) lies outside grid {grid.code} {grid.name}; GCJ-02 coordinates?",
            )
