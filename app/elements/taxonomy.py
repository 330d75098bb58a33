"""The dispute taxonomy (config/taxonomy.yaml): 28 categories, cue words and channel-label mappings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from app.elements.lexicon import CONFIG_DIR, RELATIONS

DEFAULT_TAXONOMY_PATH = CONFIG_DIR / "taxonomy.yaml"
OTHER = "其他纠纷"
CATEGORY_CODES: tuple[str, ...] = (
    "婚姻家庭", "邻里纠纷", "物业纠纷", "劳资纠纷", "房屋宅基地", "山林土地", "征地拆迁", "医疗纠纷",
    "交通事故", "消费纠纷", "合同债务", "损害赔偿", "环境污染", "校园纠纷", "民间借贷", "婚恋情感",
    "继承赡养", "租赁纠纷", "工程建设", "农村土地承包", "噪音扰民", "施工扰民", "停车纠纷", "宠物纠纷",
    "集资金融", "网络购物", "保险理赔", OTHER,
)
LABELLED_CHANNELS = ("police", "grid", "department")
# Weight given to a label that is not in the mapping but names a category code outright
# (e.g. a new police code 纠纷-租赁纠纷): as strong as a mapped exact label.
UNMAPPED_EXACT_LABEL_WEIGHT = 4.0


class TaxonomyError(ValueError):
    """The taxonomy file is malformed; the message says what to fix."""


@dataclass(frozen=True)
class Category:
    """One dispute category."""

    code: str
    description: str
    relation: str
    cues: dict[str, float]
    labels: dict[str, dict[str, float]]


class Taxonomy:
    """The loaded taxonomy with its lookup structures."""

    def __init__(self, version: str, categories: dict[str, Category]) -> None:
        """Index cues and labels for fast lookup."""
        self.version = version
        self.categories = categories
        self.cue_index: dict[str, list[tuple[str, float]]] = {}
        for category in categories.values():
            for cue, weight in category.cues.items():
                self.cue_index.setdefault(cue, []).append((category.code, weight))
        self._labels: dict[str, dict[str, dict[str, float]]] = {ch: {} for ch in LABELLED_CHANNELS}
        for category in categories.values():
            for channel, mapping in category.labels.items():
                for label, weight in mapping.items():
                    self._labels[channel].setdefault(_norm_label(label), {})[category.code] = weight

    def label_weights(self, channel: str, label: str | None) -> dict[str, float]:
        """Category weights implied by a channel's own label (empty when the label says nothing)."""
        if not label or not label.strip():
            return {}
        key = _norm_label(label)
        mapped = self._labels.get(channel, {}).get(key)
        if mapped:
            return dict(mapped)
        # Labels of other channels are tried next: a grid app may send a department sector name.
        for table in self._labels.values():
            if key in table:
                return dict(table[key])
        bare = key.removeprefix("纠纷-").removesuffix("类")
        for code in self.categories:
            if code in (bare, bare + "纠纷") or (len(bare) >= 2 and code.startswith(bare)):
                return {code: UNMAPPED_EXACT_LABEL_WEIGHT}
        return {}

    def relation_of(self, code: str | None) -> str | None:
        """The usual relation of a category's parties."""
        return self.categories[code].relation if code in self.categories else None


def _norm_label(label: str) -> str:
    """Normalise a channel label for lookup (full-width dash, spaces)."""
    return label.strip().replace("－", "-").replace("—", "-").replace(" ", "")


def _weights(code: str, what: str, raw: object) -> dict[str, float]:
    """Validate a word -> weight mapping."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise TaxonomyError(f"{code}: {what} must be a mapping of word to weight")
    result: dict[str, float] = {}
    for word, weight in raw.items():
        if not isinstance(weight, int | float) or weight <= 0:
            raise TaxonomyError(f"{code}: {what} weight of {word!r} must be a positive number")
        result[str(word)] = float(weight)
    return result


def _category(code: str, raw: object) -> Category:
    """Validate one category entry."""
    if not isinstance(raw, dict):
        raise TaxonomyError(f"{code}: entry must be a mapping")
    description = str(raw.get("description") or "").strip()
    if not description:
        raise TaxonomyError(f"{code}: description is missing")
    relation = str(raw.get("relation") or "其他")
    if relation not in RELATIONS:
        raise TaxonomyError(f"{code}: unknown relation {relation!r}")
    labels_raw = raw.get("labels") or {}
    unknown = set(labels_raw) - set(LABELLED_CHANNELS)
    if unknown:
        raise TaxonomyError(f"{code}: labels for unknown channels {sorted(unknown)}")
    labels = {ch: _weights(code, f"labels.{ch}", labels_raw.get(ch)) for ch in LABELLED_CHANNELS}
    return Category(code, description, relation, _weights(code, "cues", raw.get("cues")), labels)


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """Load and validate the taxonomy: a version and exactly the 28 canonical categories."""
    path = Path(path or DEFAULT_TAXONOMY_PATH)
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    version = data.get("version")
    if not version:
        raise TaxonomyError(f"{path}: 'version' is missing")
    raw_categories = data.get("categories") or {}
    missing = [c for c in CATEGORY_CODES if c not in raw_categories]
    extra = [c for c in raw_categories if c not in CATEGORY_CODES]
    if missing or extra:
        raise TaxonomyError(f"{path}: categories must be exactly the 28 codes; missing {missing}, unknown {extra}")
    categories = {code: _category(code, raw_categories[code]) for code in CATEGORY_CODES}
    return Taxonomy(str(version), categories)
