"""Element recognition (要素识别): category, flags, keywords and facts of one dispute record."""

from __future__ import annotations

import copy
import math
import re
import threading
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from pydantic import ValidationError

from app.elements.cleaning import clause_bounds, clean_text, has_delimiter
from app.elements.entities import (
    NameIndex,
    OrgSyntax,
    Span,
    admin_spans,
    find_text_persons,
    merge_persons,
    organization_spans,
    place_spans,
)
from app.elements.lexicon import (
    TaggingTokenizer,
    build_tokenizer,
    default_keyword_libraries,
    idf_table,
    load_lexicons,
)
from app.elements.matcher import Match, MultiScanner, resolve
from app.elements.models import Elements, HitField, KeywordHit, PartyFacts
from app.elements.quantities import Quantity, find_amounts, find_people_counts
from app.elements.settings import RecognitionSettings, load_settings
from app.elements.taxonomy import CATEGORY_CODES, load_taxonomy

BEIJING = timezone(timedelta(hours=8))
_CHANNEL_ALIASES = {"hotline": "hotline12345", "police": "police110", "110": "police110", "12345": "hotline12345"}
_LABEL_CHANNEL = {"police110": "police", "grid": "grid", "department": "department"}
# "已经反映过3次", "投诉了两回", "报警三次": the same problem reported or raised again and again.
_COUNTED_CONTACT = re.compile(
    r"(?:反映|投诉|报警|来电|打电话|找|上门|沟通|协商|举报|上访)(?:过|了)?\s*(?:[2-9]|\d{2,}|[两二三四五六七八九十几数]+)\s*[次回趟遍]"
)
_LIBRARY_PREFIX = "library:"
_RELATION_ORDER = ("前夫妻", "夫妻", "恋人", "亲属", "业主与物业", "劳资", "租赁", "医患", "邻里", "其他")


@dataclass
class _Segment:
    """One cleaned field: tokens, word boundaries, negation positions and named-entity spans."""

    field: HitField
    text: str
    tokens: list[tuple[str, int, int]]
    starts: set[int] = field(default_factory=set)
    ends: set[int] = field(default_factory=set)
    # Token indexes of negation words, and of the tokens that stop a negation from reaching further.
    negations: list[int] = field(default_factory=list)
    stoppers: set[int] = field(default_factory=set)
    places: list[Span] = field(default_factory=list)
    organizations: list[Span] = field(default_factory=list)
    # Spans whose tokens are names (places, organisations, people, address parts), not issue words.
    named: list[tuple[int, int]] = field(default_factory=list)
    # Spans of exclusion phrases (村集体, 动手术) inside which no lexicon word counts.
    excluded: list[tuple[int, int]] = field(default_factory=list)
    # Phrase-set name -> longest phrase at each position (MultiScanner.scan).
    candidates: dict[str, list[Match]] = field(default_factory=dict)


@dataclass
class _Found:
    """A lexicon word found in a segment, after exclusions and negation."""

    word: str
    start: int
    end: int
    field: HitField
    negated: bool


class Recognizer:
    """Recognises the elements of dispute records; thread-safe once built, reuse one instance."""

    def __init__(
        self,
        *,
        taxonomy_path: Path | None = None,
        lexicon_dir: Path | None = None,
        keyword_libraries: Mapping[str, Sequence[str]] | None = None,
        area_names: Sequence[str] = (),
        org_names: Sequence[str] = (),
        settings_path: Path | None = None,
    ) -> None:
        """Load taxonomy, lexicons and settings; build matchers and the private jieba tokenizer."""
        self.taxonomy = load_taxonomy(taxonomy_path)
        self.lexicons = lex = load_lexicons(lexicon_dir)
        self.settings: RecognitionSettings = load_settings(settings_path)
        self.area_names = tuple(sorted({n for n in area_names if n}, key=len, reverse=True))
        self.org_names = tuple(sorted({n for n in org_names if n}, key=len, reverse=True))
        self._area_index = NameIndex(self.area_names)
        self._org_syntax = OrgSyntax(lex.organizations, self.area_names)
        extra = tuple((n, "ns") for n in self.area_names) + tuple((n, "nt") for n in self.org_names)
        self._tokenizer: TaggingTokenizer = build_tokenizer(lex.user_words, extra)
        self._phrase_sets: dict[str, Iterable[str]] = {
            "escalation": lex.escalation, "relations": lex.relations, "occupations": lex.occupations,
            "conflict": lex.conflict, "nondispute": lex.nondispute, "severity": lex.severity,
            "repeat": [w for w in lex.repeat if len(w) > 1], "exclusions": lex.exclusions,
            "cues": self.taxonomy.cue_index,
        }
        self._boosted = frozenset(lex.dispute_vocab) | frozenset(self.taxonomy.cue_index)
        self._negation_lengths = sorted({len(w) for w in lex.negations})
        # Per-word facts that only depend on the dictionary, memoised across records.
        self._stopper_memo: dict[str, bool] = {}
        self._keyword_memo: dict[str, tuple[str, float] | None] = {}
        self._set_libraries(default_keyword_libraries() if keyword_libraries is None else keyword_libraries)

    def _set_libraries(self, libraries: Mapping[str, Sequence[str]]) -> None:
        """Compile the centre's keyword libraries."""
        self.keyword_libraries = {name: list(words) for name, words in libraries.items()}
        # One scan per field finds the words of every lexicon, library and cue list at once.
        library_sets = {_LIBRARY_PREFIX + name: words for name, words in self.keyword_libraries.items()}
        self._scanner = MultiScanner(self._phrase_sets | library_sets)

    def with_keyword_libraries(self, libraries: Mapping[str, Sequence[str]]) -> Recognizer:
        """A copy that uses other keyword libraries (reference data reloaded); cheap, shares the rest."""
        clone = copy.copy(self)
        clone._set_libraries(libraries)
        return clone

    # ---------------------------------------------------------------- public entry point

    def recognize(
        self,
        *,
        text: str,
        title: str = "",
        channel: str,
        channel_label: str | None = None,
        request_type: str | None = None,
        parties: Sequence[PartyFacts | Mapping[str, object]] = (),
        involved_count: int | None = None,
        reported_at: datetime | None = None,
        address: str | None = None,
    ) -> Elements:
        """Recognise the elements of one record. Never raises on odd text; empty text gives a bare result."""
        channel = _normal_channel(channel)
        limit = self.settings.max_text_chars
        cleaned_text, truncated = _clean_limited(text, limit)
        cleaned_title, _ = _clean_limited(title, 500)
        party_list = [_party(p) for p in parties]
        names = [p.name for p in party_list if p.name and len(p.name) >= 2]
        segments = [self._segment("title", cleaned_title, names), self._segment("text", cleaned_text, names)]
        segments = [s for s in segments if s.text]
        address_segment = self._segment("address", clean_text(address)[:500] if address else "", names)

        hits = self._keyword_hits(segments)
        escalation = self._found(segments, "escalation", negatable=True)
        amounts = [q for s in segments for q in find_amounts(s.text)]
        people, people_evidence = self._people(segments, involved_count)
        is_dispute, dispute_conf, category, confidence, evidence = self._classify(
            segments, channel, channel_label, request_type
        )
        relation, relation_evidence = self._relation(segments, category)
        flags = self._flags(segments, hits, escalation, amounts, people, people_evidence)
        located = [address_segment, *segments]
        return Elements(
            taxonomy_version=self.taxonomy.version,
            is_dispute=is_dispute,
            dispute_confidence=dispute_conf,
            category=category,
            category_confidence=confidence,
            category_evidence=evidence,
            keywords=self._keywords(segments),
            places=_unique(name for s in located for name, _, _ in s.places),
            time_of_day=self._time_of_day(reported_at),
            season=self._season(reported_at),
            relation=relation,
            relation_evidence=relation_evidence,
            amounts=_unique_values(amounts),
            people_count=people,
            persons=self._persons(segments, party_list, reported_at),
            flags=flags,
            keyword_hits=hits,
            escalation_words=self._escalation_words(escalation, hits),
            organizations=_unique(name for s in [*segments, address_segment] for name, _, _ in s.organizations),
            truncated=truncated,
        )

    # ---------------------------------------------------------------- segments and negation

    def _segment(self, field_name: HitField, text: str, party_names: Sequence[str]) -> _Segment:
        """Tokenise a field; index word boundaries, negations, breakers and named entities."""
        if field_name == "address":
            # The address is only searched for places and organisations.
            return _Segment(field_name, text, [], places=place_spans(text, self._area_index),
                            organizations=self._organizations(text))
        tokens = self._tokenizer.tokens(text) if text else []
        segment = _Segment(field_name, text, tokens)
        lex = self.lexicons
        for index, (word, start, end) in enumerate(tokens):
            segment.starts.add(start)
            segment.ends.add(end)
            if word in lex.negations:
                segment.negations.append(index)
            elif self._is_stopper(word):
                segment.stoppers.add(index)
        if text:
            segment.candidates = self._scanner.scan(text)
            segment.excluded = [(m.start, m.end) for m in resolve(segment.candidates["exclusions"], (), ())]
            segment.places = place_spans(text, self._area_index)
            segment.organizations = self._organizations(text)
            segment.named = [(a, b) for _, a, b in segment.places + segment.organizations] + admin_spans(text)
            for name in party_names:
                pos = text.find(name)
                while pos >= 0:
                    segment.named.append((pos, pos + len(name)))
                    pos = text.find(name, pos + len(name))
        return segment

    def _is_stopper(self, word: str) -> bool:
        """Whether a token stops a negation: a breaker, or a verb that is not transparent (memoised)."""
        known = self._stopper_memo.get(word)
        if known is None:
            lex = self.lexicons
            known = word in lex.breakers or (self._tokenizer.tag(word).startswith("v") and word not in lex.transparent)
            if len(self._stopper_memo) < 200_000:
                self._stopper_memo[word] = known
        return known

    def _organizations(self, text: str) -> list[Span]:
        """Organizations named in a field (config/lexicons/organizations.txt, known areas and organizations)."""
        return organization_spans(text, self._org_syntax, self.org_names, is_generic=self._is_generic_name)

    def _is_generic_name(self, candidate: str) -> bool:
        """Whether a would-be organisation name is made of ordinary dispute vocabulary."""
        lex = self.lexicons
        for word, _, _ in self._tokenizer.tokens(candidate):
            if word in self._boosted or word in lex.conflict or word in lex.stopwords or word in lex.negations:
                return True
        return False

    def _is_negated(self, segment: _Segment, start: int) -> bool:
        """Whether a word at `start` is negated (see docs/recognition.md, "Negation")."""
        text, tokens = segment.text, segment.tokens
        window = self.settings.negation.window_chars
        for index in segment.negations:
            end = tokens[index][2]
            if end > start or start - end > window or has_delimiter(text, end, start):
                continue
            if not self._stopped(segment, index, start):
                return True
        # jieba sometimes glues a negation to the next word (没打 / 人); catch it from the text.
        negations = self.lexicons.negations
        return any(text[start - k : start] in negations for k in self._negation_lengths if k <= start)


    @staticmethod
    def _stopped(segment: _Segment, negation: int, start: int) -> bool:
        """Whether a stopper token (breaker, or a verb the negation applies to) lies before `start`."""
        tokens = segment.tokens
        k = negation + 1
        while k < len(tokens) and tokens[k][2] <= start:
            if k in segment.stoppers:
                return True
            k += 1
        return False

    def _found(
        self, segments: Iterable[_Segment], phrase_set: str, *, negatable: bool, whole_words: bool = True
    ) -> list[_Found]:
        """Occurrences of a matcher's phrases, minus exclusions, with their negation.

        With whole_words, a phrase must start and end on token boundaries: our lexicon words are in
        the tokenizer's dictionary, so inside a longer token they are part of another word (没完 in
        没完工). Facts that stay facts inside a longer word (撞伤 in 车撞伤, 多次 in 多次沟通) and the
        centre's libraries are matched as substrings, whole words preferred.
        """
        result: list[_Found] = []
        for segment in segments:
            excluded = segment.excluded
            for m in resolve(segment.candidates.get(phrase_set, []), segment.starts, segment.ends):
                if whole_words and not (m.start in segment.starts and m.end in segment.ends):
                    continue
                if any(s <= m.start and m.end <= e for s, e in excluded):
                    continue
                negated = negatable and self._is_negated(segment, m.start)
                result.append(_Found(m.phrase, m.start, m.end, segment.field, negated))
        return result

    def _keyword_hits(self, segments: Sequence[_Segment]) -> list[KeywordHit]:
        """Hits of every keyword library, negated ones included (marked)."""
        hits: list[KeywordHit] = []
        for library in self.keyword_libraries:
            for f in self._found(segments, _LIBRARY_PREFIX + library, negatable=True, whole_words=False):
                hits.append(KeywordHit(library=library, word=f.word, start=f.start, end=f.end,
                                       negated=f.negated, field=f.field))
        hits.sort(key=lambda h: (h.field != "title", h.start, h.library))
        return hits

    # ---------------------------------------------------------------- dispute and category

    def _cue_scores(self, segments: Sequence[_Segment]) -> tuple[dict[str, float], dict[str, list[str]]]:
        """Category scores from cue words (each cue once per record) and the cues per category."""
        scores: dict[str, float] = {}
        words: dict[str, list[str]] = {}
        seen: set[str] = set()
        for segment in segments:
            for m in resolve(segment.candidates["cues"], segment.starts, segment.ends):
                if m.phrase in seen or any(s <= m.start and m.end <= e for s, e in segment.excluded):
                    continue
                seen.add(m.phrase)
                for code, weight in self.taxonomy.cue_index[m.phrase]:
                    scores[code] = scores.get(code, 0.0) + weight
                    words.setdefault(code, []).append(m.phrase)
        return scores, words

    def _classify(
        self, segments: Sequence[_Segment], channel: str, channel_label: str | None, request_type: str | None
    ) -> tuple[bool, float, str | None, float, list[str]]:
        """(is dispute, its confidence, category, category confidence, evidence)."""
        cue_scores, cue_words = self._cue_scores(segments)
        label_weights = self.taxonomy.label_weights(_LABEL_CHANNEL.get(channel, channel), channel_label)
        is_dispute, dispute_conf, nondispute_words = self._decide_dispute(
            segments, channel, request_type, cue_scores, label_weights
        )
        if not is_dispute:
            return False, dispute_conf, None, 0.0, nondispute_words
        category, confidence, evidence = self._choose_category(cue_scores, cue_words, label_weights, channel_label)
        return True, dispute_conf, category, confidence, evidence

    def _decide_dispute(
        self,
        segments: Sequence[_Segment],
        channel: str,
        request_type: str | None,
        cue_scores: Mapping[str, float],
        label_weights: Mapping[str, float],
    ) -> tuple[bool, float, list[str]]:
        """Dispute or not, the confidence of that decision, and the non-dispute evidence."""
        cfg = self.settings.dispute
        weights = cfg.request_types.get((request_type or "").strip())
        conflict_found = [f for f in self._found(segments, "conflict", negatable=True) if not f.negated]
        conflict = sum(self.lexicons.conflict[w] for w in {f.word for f in conflict_found})
        evidence = max(cue_scores.values(), default=0.0) + min(conflict, cfg.conflict_cap)
        nondispute_words = _unique(f.word for f in self._found(segments, "nondispute", negatable=False))
        nondispute = sum(self.lexicons.nondispute[w] for w in nondispute_words)
        if weights:
            evidence += weights.dispute
            nondispute += weights.nondispute
        if request_type and weights and weights.nondispute:
            nondispute_words = [f"诉求类型:{request_type}", *nondispute_words]
        minimum = cfg.evidence_channels.get(channel)
        if minimum is not None:
            is_dispute = evidence >= minimum and evidence > nondispute
        else:
            fallback = self.settings.category.fallback
            evidence += max((w for c, w in label_weights.items() if c != fallback), default=0.0)
            is_dispute = not (nondispute >= cfg.clear_nondispute_min and nondispute > evidence)
        confidence = 0.5 + 0.5 * math.tanh(abs(evidence - nondispute) / 4.0)
        return is_dispute, round(confidence, 3), nondispute_words

    def _choose_category(
        self,
        cue_scores: Mapping[str, float],
        cue_words: Mapping[str, list[str]],
        label_weights: Mapping[str, float],
        channel_label: str | None,
    ) -> tuple[str, float, list[str]]:
        """Best category from label weights plus cue scores; ties go to the taxonomy order."""
        cfg = self.settings.category
        scores = Counter(label_weights)
        scores.update(cue_scores)
        ranked = sorted((s, -CATEGORY_CODES.index(c), c) for c, s in scores.items() if s > 0)
        if not ranked:
            return cfg.fallback, cfg.fallback_confidence, []
        best_score, _, best = ranked[-1]
        runner_up = ranked[-2][0] if len(ranked) > 1 else 0.0
        confidence = best_score / (best_score + runner_up + cfg.smoothing)
        evidence = [f"label:{channel_label}"] if label_weights.get(best) else []
        evidence += cue_words.get(best, [])
        if best == cfg.fallback and not cue_words.get(best):
            confidence = min(confidence, cfg.fallback_confidence)
        return best, round(confidence, 3), evidence

    # ---------------------------------------------------------------- relation, flags, keywords

    def _relation(self, segments: Sequence[_Segment], category: str | None) -> tuple[str | None, list[str]]:
        """The parties' relation from relation words, favouring the category's usual relation."""
        scores: dict[str, float] = {}
        words: dict[str, list[str]] = {}
        for word in _unique(f.word for f in self._found(segments, "relations", negatable=False)):
            relation, weight = self.lexicons.relations[word]
            scores[relation] = scores.get(relation, 0.0) + weight
            words.setdefault(relation, []).append(word)
        if not scores:
            return None, []
        usual = self.taxonomy.relation_of(category)
        if usual in scores:
            scores[usual] += self.settings.category.relation_category_bonus
        best = max(scores, key=lambda r: (scores[r], -_RELATION_ORDER.index(r)))
        return best, words[best]

    def _people(self, segments: Sequence[_Segment], involved_count: int | None) -> tuple[int | None, str | None]:
        """Head count (the larger of the channel's count and the text's) and its evidence."""
        counts = [q for s in segments for q in find_people_counts(s.text)]
        best_text = max(counts, key=lambda q: q.value, default=None)
        given = involved_count if involved_count and involved_count > 0 else None
        if best_text is not None and (given is None or best_text.value >= given):
            return int(best_text.value), best_text.text
        if given is not None:
            return given, f"涉及{given}人"
        return None, None

    def _flags(
        self,
        segments: Sequence[_Segment],
        hits: Sequence[KeywordHit],
        escalation: Sequence[_Found],
        amounts: Sequence[Quantity],
        people: int | None,
        people_evidence: str | None,
    ) -> dict[str, list[str]]:
        """Flags (major, group, sensitive, repeat) with the words and facts that set them."""
        severity = [f.word for f in self._found(segments, "severity", negatable=True, whole_words=False)
                    if not f.negated]
        repeat = self._repeat_words(segments)
        flags: dict[str, list[str]] = {}
        for name, source in self.settings.flags.items():
            reasons = [h.word for h in hits if not h.negated and h.library in source.libraries]
            reasons += [f.word for f in escalation
                        if not f.negated and self.lexicons.escalation[f.word] in source.escalation_kinds]
            if source.severity_words:
                reasons += severity
            if source.repeat_words:
                reasons += repeat
            if source.min_amount is not None:
                reasons += [q.text for q in amounts if q.value >= source.min_amount]
            if source.min_people is not None and people is not None and people >= source.min_people:
                reasons.append(people_evidence or f"涉及{people}人")
            if reasons:
                flags[name] = _unique(reasons)
        return flags

    def _repeat_words(self, segments: Sequence[_Segment]) -> list[str]:
        """Repeat words (多次, 再次, 又 as a whole token) and counted contacts (反映过3次)."""
        phrases = self._found(segments, "repeat", negatable=True, whole_words=False)
        found = [f.word for f in phrases if not f.negated]
        found += [m.group() for s in segments for m in _COUNTED_CONTACT.finditer(s.text)]
        singles = {w for w in self.lexicons.repeat if len(w) == 1}
        for segment in segments:
            for word, start, _ in segment.tokens:
                parallel = word in singles and self._parallel(segment.text, start, word)
                if word in singles and not parallel and not self._is_negated(segment, start):
                    found.append(word)
        return found

    @staticmethod
    def _parallel(text: str, start: int, word: str) -> bool:
        """Whether 又 is part of "既…又…" or "又…又…" (a list of qualities, not a repetition)."""
        lo, hi = clause_bounds(text, start)
        clause = text[lo:hi]
        return "既" in clause or clause.count(word) > 1

    def _escalation_words(self, escalation: Sequence[_Found], hits: Sequence[KeywordHit]) -> list[str]:
        """Escalation words that count: the escalation lexicon plus extreme-library hits."""
        found = [(f.field != "title", f.start, f.word) for f in escalation if not f.negated]
        found += [(h.field != "title", h.start, h.word) for h in hits if not h.negated and h.library == "extreme"]
        return _unique(word for _, _, word in sorted(found))

    def _keywords(self, segments: Sequence[_Segment]) -> list[str]:
        """Top similarity keywords: tf-idf over allowed POS, stopwords out, synonyms merged."""
        counts: Counter[str] = Counter()
        weights: dict[str, float] = {}
        for segment in segments:
            for word, start, end in segment.tokens:
                candidate = self._keyword_candidate(word)
                if candidate is None or any(a < end and start < b for a, b in segment.named):
                    continue
                canonical, weight = candidate
                counts[canonical] += 1
                weights[canonical] = weight
        scored = sorted((-tf * weights[word], word) for word, tf in counts.items())
        return [word for _, word in scored[: self.settings.keywords.top_k]]

    def _keyword_candidate(self, word: str) -> tuple[str, float] | None:
        """(canonical form, idf x boost) if a token may be a keyword, else None (memoised)."""
        if word in self._keyword_memo:
            return self._keyword_memo[word]
        cfg, lex = self.settings.keywords, self.lexicons
        canonical = lex.synonyms.get(word, word)
        result: tuple[str, float] | None = None
        eligible = (
            len(canonical) >= cfg.min_length
            and word not in lex.stopwords and canonical not in lex.stopwords and word not in lex.conflict
            and not any(ch.isdigit() for ch in word)
            and (word in lex.synonyms or canonical in self._boosted or self._tokenizer.tag(word) in cfg.allowed_pos)
        )
        if eligible:
            idf, median = idf_table()
            boost = cfg.lexicon_boost if canonical in self._boosted else 1.0
            result = (canonical, idf.get(canonical, median) * boost)
        if len(self._keyword_memo) < 200_000:
            self._keyword_memo[word] = result
        return result

    # ---------------------------------------------------------------- entities and time

    def _persons(self, segments: Sequence[_Segment], parties: Sequence[PartyFacts], reported_at: datetime | None):
        """Persons from parties, completed and extended with ages/occupations stated in the text."""
        party_names = [p.name for p in parties if p.name]
        text_persons = []
        for segment in segments:
            occupations = [(m.phrase, m.start) for m in
                           resolve(segment.candidates.get("occupations", []), segment.starts, segment.ends)]
            text_persons += find_text_persons(segment.text, occupations=occupations, party_names=party_names,
                                              tokens=segment.tokens, tag=self._tokenizer.tag)
        year = _beijing(reported_at).year if reported_at else None
        return merge_persons(parties, text_persons, year)

    def _time_of_day(self, reported_at: datetime | None) -> str | None:
        """Time-of-day bucket of the report, Beijing time."""
        return self.settings.time_of_day_for(_beijing(reported_at).hour) if reported_at else None

    def _season(self, reported_at: datetime | None) -> str | None:
        """Season of the report, Beijing time."""
        return self.settings.season_for(_beijing(reported_at).month) if reported_at else None


def _party(raw: PartyFacts | Mapping[str, object]) -> PartyFacts:
    """A party from a PartyFacts or a mapping; malformed fields are dropped rather than raised."""
    if isinstance(raw, PartyFacts):
        return raw
    try:
        return PartyFacts.model_validate(raw)
    except ValidationError:
        name, role = raw.get("name"), raw.get("role")
        return PartyFacts(name=str(name) if name else None, role=str(role) if role else None)


def _beijing(moment: datetime) -> datetime:
    """The moment in Beijing time; naive datetimes are taken as Beijing time already."""
    return moment if moment.tzinfo is None else moment.astimezone(BEIJING)


def _normal_channel(channel: str) -> str:
    """Canonical channel name (hotline12345, police110, grid, qrcode, department)."""
    key = (channel or "").strip().lower()
    return _CHANNEL_ALIASES.get(key, key)


def _clean_limited(raw: str | None, limit: int) -> tuple[str, bool]:
    """Clean a field and cut it to `limit` characters; raw input is pre-cut to bound the work."""
    if not raw:
        return "", False
    raw = str(raw)
    pre_cut = len(raw) > limit * 4
    cleaned = clean_text(raw[: limit * 4] if pre_cut else raw)
    return cleaned[:limit], pre_cut or len(cleaned) > limit


def _unique(items: Iterable[str]) -> list[str]:
    """Items without duplicates, first occurrence kept."""
    return list(dict.fromkeys(items))


def _unique_values(quantities: Iterable[Quantity]) -> list[float]:
    """Distinct quantity values in order of appearance."""
    return list(dict.fromkeys(q.value for q in quantities))


_default: Recognizer | None = None
_default_lock = threading.Lock()


def get_recognizer() -> Recognizer:
    """The process-wide default recognizer (config/ data, shipped keyword libraries), built once."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Recognizer()
    return _default


def set_recognizer(recognizer: Recognizer | None) -> None:
    """Replace the process-wide recognizer (e.g. after reference data reload); None resets it."""
    global _default
    with _default_lock:
        _default = recognizer
