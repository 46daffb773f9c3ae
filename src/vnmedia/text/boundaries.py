"""Pass 3 of reading a news file: where one article ends and the next begins.

No single rule tells it: titles look like subheadings, leads look like body text, and most
crawled files have no title line at all. So every piece that could open an article is
scored on several kinds of evidence at once, weighted by a logistic model fitted on real
Dân Trí articles run together (``bench/fit_boundaries.py``; the weights ship in
``data/boundaries.json``):

- how the piece looks: title-shaped (short, no final stop, ``Place: …``, ``A - B``), a
  long lead, a dateline opening (``Chiều 6-10, …``, ``(Dân trí) - Sáng nay …``);
- what comes before: a closing byline or teaser, a caption, a heading, a blank line;
- what comes after: a lead, a lead repeated (the sapo printed twice);
- vocabulary: whether the words before and after the piece belong to one story
  (TextTiling-style cohesion and its depth), and whether a short line's words carry on from
  the story before (a section) or announce the one after (a title). Words weigh by how
  rare they are in the file and in news at large (:class:`Vocabulary`): "được", "cho biết"
  tie every story to the next, "hồ chứa" ties one story together.

A producer's separator line always ends an article. :func:`find_boundaries` returns every
candidate with its evidence, so ``vnmedia split --explain`` can show why.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources

from .pieces import TITLE_MAX_WORDS, TITLE_SHAPE, Piece, ends_sentence, word_count

CANDIDATE_KINDS = {"short", "heading", "body"}
"""Pieces that can open an article (noise and table cells cannot)."""
CLOSING_KINDS = {"byline", "teaser", "name"}
WINDOW = 4
"""Pieces on each side compared for vocabulary."""
MIN_PIECES = 3
"""An article has at least this many pieces of text (title included)."""

_DATELINE = re.compile(
    r"^(?:\(?[A-ZĐ][\w ]{0,20}\)?\s*[-–]\s*)?"  # "(Dân trí) - ", "TTO - "
    r"(?:(?:Sáng|Chiều|Tối|Trưa|Đêm|Ngày|Hôm|Rạng sáng|Cuối|Đầu|Từ|Trong)\b[^,.]{0,25}?"
    r"(?:\d{1,2}\s*[/.-]\s*\d{1,2}|\bnay\b|\bqua\b)|Theo\s)",
)
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class Evidence:
    """One signal about a candidate boundary: its value and what it adds to the score."""

    name: str
    value: float
    contribution: float


@dataclass(frozen=True)
class Boundary:
    """A place where an article could start: before ``pieces[index]``."""

    index: int
    line: int
    score: float
    """Log-odds that an article starts here (the model's weighted sum of the evidence)."""
    evidence: tuple[Evidence, ...]
    accepted: bool = False
    reason: str = ""
    """Why it was accepted or rejected, in words."""

    @property
    def probability(self) -> float:
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, self.score))))


@dataclass(frozen=True)
class Vocabulary:
    """In how many of a set of news articles each syllable appears.

    A term's weight in the vocabulary signals is scaled by its rarity in news at large (the
    inverse document frequency over the articles the model was fitted on), on top of its
    rarity in the file: in a file of three Hanoi stories, "phát triển" is in every story and
    the file's own counts cannot tell it from a story's words, but it is in a third of all
    news. Syllables only (a table of pairs would be ten times larger and measured no
    better): a pair weighs the mean of its two syllables.
    """

    documents: int = 0
    frequency: Mapping[str, int] = field(default_factory=dict)

    @classmethod
    def count(cls, articles: Iterable[str]) -> Vocabulary:
        """The vocabulary of ``articles`` (whole texts)."""
        frequency = Counter[str]()
        documents = 0
        for text in articles:
            documents += 1
            frequency.update(set(_syllables(text)))
        return cls(documents, dict(sorted(frequency.items())))

    @cached_property
    def _rarities(self) -> dict[str, float]:
        # Worked out once per vocabulary, not once per term of every file read.
        return {
            term: math.log((self.documents + 1) / (n + 1)) for term, n in self.frequency.items()
        }

    def rarity(self, term: str) -> float:
        """log((N + 1) / (n + 1)) for a syllable used by n of the N articles; 1 without a
        vocabulary. A syllable never seen is as rare as can be."""
        if not self.documents:
            return 1.0
        if " " in term:
            first, second = term.split(" ", 1)
            return (self.rarity(first) + self.rarity(second)) / 2
        known = self._rarities.get(term)
        return math.log(self.documents + 1) if known is None else known


@dataclass(frozen=True)
class Model:
    """Weights of the boundary model (one per feature), its bias and its threshold."""

    weights: dict[str, float]
    bias: float
    threshold: float
    """Log-odds at or above which a boundary is drawn."""
    means: dict[str, float]
    scales: dict[str, float]
    """Features are standardized ((x - mean) / scale) before weighting, as when fitted."""
    like_other_starts: float = 0.0
    """Log-odds added to candidates shaped like a start the file has drawn (see
    :func:`choose`); cross-validated with the threshold."""
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    """The syllables of the articles it was fitted on (the vocabulary signals use it)."""

    def score(self, features: dict[str, float]) -> tuple[float, tuple[Evidence, ...]]:
        """The log-odds for ``features`` and each feature's part in it."""
        evidence = []
        total = self.bias
        for name, weight in self.weights.items():
            value = features.get(name, 0.0)
            part = weight * (value - self.means.get(name, 0.0)) / (self.scales.get(name) or 1.0)
            total += part
            evidence.append(Evidence(name, value, part))
        return total, tuple(evidence)


@cache
def load_model() -> Model:
    """The fitted model shipped with vnmedia."""
    text = resources.files("vnmedia").joinpath("data/boundaries.json").read_text(encoding="utf-8")
    data = json.loads(text)
    return Model(
        weights=data["weights"],
        bias=data["bias"],
        threshold=data["threshold"],
        means=data["means"],
        scales=data["scales"],
        like_other_starts=data.get("like_other_starts", 0.0),
        vocabulary=Vocabulary(**data.get("vocabulary", {})),
    )


# --- vocabulary ------------------------------------------------------------------------------


def _syllables(text: str) -> list[str]:
    """The syllables of ``text`` in lower case; numbers are no vocabulary."""
    return [t for t in _TOKEN.findall(text.lower()) if not t.isdigit()]


def _terms(text: str) -> Counter[str]:
    """Syllables and syllable pairs (Vietnamese words are often two syllables)."""
    tokens = _syllables(text)
    return Counter(tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)])


def _weighted(pieces: Sequence[Piece], vocabulary: Vocabulary) -> list[Counter[str]]:
    """Each piece's terms weighted by how telling they are in this file and in news at
    large (tf-idf twice).

    A term found in most pieces of the file ("Hà Nội" in a file of Hanoi news) says little
    about where one story ends; one found in a few pieces marks a story. Nor does a term
    most news uses ("được", "năm"), however few pieces of this file have it.
    """
    counts = [_terms(p.text) for p in pieces]
    frequency = Counter[str]()
    for terms in counts:
        frequency.update(terms.keys())
    total = max(1, len(pieces))
    weight = {t: math.log(1 + total / n) * vocabulary.rarity(t) for t, n in frequency.items()}
    return [Counter({t: min(c, 3) * weight[t] for t, c in terms.items()}) for terms in counts]


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(weight * b[term] for term, weight in a.items() if term in b)
    norm_a = math.sqrt(sum(w * w for w in a.values()))
    norm_b = math.sqrt(sum(w * w for w in b.values()))
    return dot / (norm_a * norm_b) if norm_a and norm_b else 0.0


def _contained(a: Counter[str], b: Counter[str]) -> bool:
    """Whether nearly all of ``a`` (by weight) is in ``b``, and ``a`` is no mere phrase."""
    return len(a) >= 10 and _share(a, set(b)) >= 0.85


def _share(own: Counter[str], window: set[str]) -> float:
    """Weighted share of a short line's terms that appear in ``window``."""
    total = sum(own.values())
    return sum(w for t, w in own.items() if t in window) / total if total else 0.0


# --- features --------------------------------------------------------------------------------

FEATURES = (
    "closing_before",
    "caption_before",
    "heading_before",
    "gap_before",
    "short",
    "title_words",
    "title_shape",
    "name_shape",
    "lead_after",
    "lead_words",
    "cohesion_near",
    "cohesion_wide",
    "long_lead",
    "dateline",
    "repeated_lead",
    "repeats_next",
    "short_sentence",
    "cohesion",
    "depth",
    "title_carries_on",
    "title_announces",
    "quote_start",
    "previous_open",
    "short_and_lead",
    "closing_and_short",
    "short_and_shift",
    "title_words_squared",
    "wide_below_0.05",
    "wide_below_0.1",
    "wide_below_0.2",
    "lead_and_shift",
    "sentence_carries_on",
    "sentence_announces",
    "ends_with_colon",
    "short_and_repeated_lead",
)


def title_like(piece: Piece) -> bool:
    """Whether a piece is shaped like a title: short, with no final stop, or ending with
    "?" or "!" ("Vietjet nói gì …?")."""
    words = word_count(piece.text)
    return words <= TITLE_MAX_WORDS and (
        piece.kind != "body" or (words <= 20 and piece.text.rstrip()[-1:] in "?!")
    )


def _features(
    pieces: Sequence[Piece],
    content: list[int],
    position: int,
    terms: list[Counter[str]],
    cohesion: list[float],
    cohesion_near: list[float],
    cohesion_wide: list[float],
) -> dict[str, float]:
    """The evidence for an article starting at ``pieces[content[position]]``."""
    index = content[position]
    piece = pieces[index]
    text = piece.text
    previous = pieces[content[position - 1]]
    between = pieces[content[position - 1] + 1 : index]
    following = pieces[content[position + 1]] if position + 1 < len(content) else None
    after_next = pieces[content[position + 2]] if position + 2 < len(content) else None
    words = word_count(text)
    short = title_like(piece)
    lead_words = word_count(following.text) if following and following.kind == "body" else 0
    lead = lead_words >= 20

    # Which terms of a title-like line the story before it, or after it, uses; the same for
    # a short sentence, which may be a title exported with a full stop.
    sentence = piece.kind == "body" and words <= 20 and text.rstrip().endswith(".")
    carries_on = announces = 0.0
    if short or sentence:
        before = set().union(*(terms[k] for k in content[max(0, position - WINDOW) : position]))
        after = set().union(*(terms[k] for k in content[position + 1 : position + 1 + WINDOW]))
        own = Counter({t: w for t, w in terms[index].items() if " " not in t})
        carries_on, announces = _share(own, before), _share(own, after)

    left = max(cohesion[max(1, position - 3) : position] or [cohesion[position]])
    right = max(cohesion[position + 1 : position + 4] or [cohesion[position]])
    opening = text if not short or following is None else following.text
    features = {
        "closing_before": float(any(p.kind in CLOSING_KINDS for p in between)),
        "caption_before": float(any(p.kind in {"caption", "widget"} for p in between)),
        "heading_before": float(previous.kind != "body"),
        "gap_before": float(min(piece.gap_before, 2)),
        "short": float(short),
        "title_words": min(words, TITLE_MAX_WORDS) / 10 if short else 0.0,
        "title_shape": float(short and bool(TITLE_SHAPE.search(text))),
        "name_shape": float(short and words <= 4 and all(w[:1].isupper() for w in text.split())),
        "lead_after": float(lead),
        "lead_words": min(lead_words, 60) / 20,
        "cohesion_near": cohesion_near[position],
        "cohesion_wide": cohesion_wide[position],
        "long_lead": float(piece.kind == "body" and words >= 25),
        "dateline": float(bool(_DATELINE.match(opening))),
        # A lead printed twice (alone, then again at the start of the next paragraph):
        # nearly all of one's terms are in the other.
        "repeated_lead": float(
            following is not None
            and after_next is not None
            and _contained(terms[content[position + 1]], terms[content[position + 2]])
        ),
        "repeats_next": float(
            following is not None and _contained(terms[index], terms[content[position + 1]])
        ),
        "short_sentence": float(sentence),
        "cohesion": cohesion[position],
        "depth": max(0.0, left - cohesion[position]) + max(0.0, right - cohesion[position]),
        "title_carries_on": carries_on if short else 0.0,
        "title_announces": announces if short else 0.0,
        "quote_start": float(text[:1] in "\"“'‘"),
        "previous_open": float(
            previous.text.rstrip()[-1:] in ":,;" or not ends_sentence(previous.text)
        ),
    }
    # Separate weights from a title's: a dotted title and a one-sentence paragraph differ.
    features["sentence_carries_on"] = carries_on if sentence else 0.0
    features["sentence_announces"] = announces if sentence else 0.0
    # A line that ends with a colon introduces what follows; no title does.
    features["ends_with_colon"] = float(text.rstrip().endswith(":"))
    # A lead printed twice after a title-like line is the mark of an export's article start;
    # after a paragraph it is a quotation repeated.
    features["short_and_repeated_lead"] = features["short"] * features["repeated_lead"]
    features["short_and_lead"] = features["short"] * features["lead_after"]
    features["closing_and_short"] = features["closing_before"] * features["short"]
    # A title-like line is a title where the story changes, a section where it goes on.
    # Titles run 8-20 words, subheadings fewer: a curve, not a line.
    features["title_words_squared"] = features["title_words"] ** 2
    # Vocabulary shift in steps, so a clear break can weigh more than a slight one.
    for step in (0.05, 0.1, 0.2):
        features[f"wide_below_{step}"] = float(cohesion_wide[position] < step)
    features["short_and_shift"] = features["short"] * (1.0 - cohesion_wide[position])
    features["lead_and_shift"] = features["lead_after"] * (1.0 - cohesion_wide[position])
    return features


def _cohesion_curve(vectors: list[Counter[str]], width: int) -> list[float]:
    """For each position p: the cosine between the ``width`` vectors before p and the
    ``width`` from p on.

    The two windows slide along the text, keeping their sums, norms and dot product up to
    date as one vector enters or leaves: each vector is touched four times, however wide
    the windows (adding up every window anew took most of the reading time).
    """
    windows: list[dict[str, float]] = [{}, {}]  # before, after
    norms = [0.0, 0.0]
    dot = 0.0

    def move(side: int, vector: Counter[str], sign: float) -> None:
        nonlocal dot
        window, other = windows[side], windows[1 - side]
        for term, weight in vector.items():
            old = window.get(term, 0.0)
            new = old + sign * weight
            norms[side] += new * new - old * old
            dot += sign * weight * other.get(term, 0.0)
            if abs(new) < 1e-9:
                window.pop(term, None)
            else:
                window[term] = new

    count = len(vectors)
    for k in range(min(width, count)):
        move(1, vectors[k], 1.0)
    curve = []
    for position in range(count):
        product = norms[0] * norms[1]
        curve.append(max(0.0, dot) / math.sqrt(product) if product > 1e-12 else 0.0)
        move(1, vectors[position], -1.0)
        if position + width < count:
            move(1, vectors[position + width], 1.0)
        move(0, vectors[position], 1.0)
        if position - width >= 0:
            move(0, vectors[position - width], -1.0)
    return curve


def candidate_features(
    pieces: Sequence[Piece], vocabulary: Vocabulary
) -> list[tuple[int, dict[str, float]]]:
    """(piece index, features) for every piece that could open an article but the first."""
    content = [i for i, p in enumerate(pieces) if p.kind in CANDIDATE_KINDS]
    terms = _weighted(pieces, vocabulary)
    vectors = [terms[k] for k in content]
    cohesion = _cohesion_curve(vectors, WINDOW)
    near = _cohesion_curve(vectors, 2)
    wide = _cohesion_curve(vectors, 4 * WINDOW)
    return [
        (content[position], _features(pieces, content, position, terms, cohesion, near, wide))
        for position in range(1, len(content))
    ]


def find_boundaries(pieces: Sequence[Piece], model: Model | None = None) -> list[Boundary]:
    """Every candidate boundary, scored; ``accepted`` marks those where an article starts."""
    model = model or load_model()
    scored = []
    for index, features in candidate_features(pieces, model.vocabulary):
        score, evidence = model.score(features)
        scored.append(Boundary(index, pieces[index].line, score, evidence))
    return choose(pieces, scored, model.threshold, model.like_other_starts)


def choose(
    pieces: Sequence[Piece],
    scored: list[Boundary],
    threshold: float,
    like_other_starts: float = 0.0,
) -> list[Boundary]:
    """Decide which scored candidates start an article.

    Separators always start a new article. Otherwise the strongest candidates at or above
    the threshold are taken first, and a candidate too close to a taken one (an article
    needs ``MIN_PIECES`` pieces of text) is rejected.

    Then, once a file has an article start, every candidate shaped like one of its starts
    (title-like or not) gets ``like_other_starts`` more log-odds and the choice is made
    again: one export lays its articles out alike, so a file that shows it holds several
    articles needs less evidence for the next of the same shape, while a single article has
    no start to copy. If none was drawn, two candidates of one shape that the bonus would
    lift vouch for each other and get it.
    """
    decided = _choose_once(pieces, scored, threshold)
    if not like_other_starts:
        return decided
    shape = {b.index: title_like(pieces[b.index]) for b in scored}
    shapes = {shape[b.index] for b in decided if b.accepted}
    if not shapes:
        # No start drawn: two candidates of one shape within reach of the bar vouch for
        # each other (one alone could be a subheading; two alike are a pattern).
        near = Counter(shape[b.index] for b in scored if b.score >= threshold - like_other_starts)
        shapes = next(({like} for like in (True, False) if near[like] >= 2), set())
    if not shapes:
        return decided
    boosted = [
        Boundary(
            b.index,
            b.line,
            b.score + like_other_starts,
            (*b.evidence, Evidence("like_other_starts", 1.0, like_other_starts)),
        )
        if shape[b.index] in shapes
        else b
        for b in scored
    ]
    return _choose_once(pieces, boosted, threshold)


def _choose_once(
    pieces: Sequence[Piece], scored: list[Boundary], threshold: float
) -> list[Boundary]:
    content = [i for i, p in enumerate(pieces) if p.kind in CANDIDATE_KINDS]
    rank = {index: position for position, index in enumerate(content)}
    # Positions (in pieces of text) of the starts drawn so far: the file's start, and the
    # first piece of text after each separator.
    taken: list[int] = [0]
    forced: set[int] = set()
    for i, piece in enumerate(pieces):
        if piece.kind == "separator":
            after = next((k for k in content if k > i), None)
            if after is not None and rank[after] > 0:
                forced.add(after)
                taken.append(rank[after])
    decided: dict[int, Boundary] = {}
    for boundary in sorted(scored, key=lambda b: -b.score):
        position = rank[boundary.index]
        if boundary.index in forced:
            decided[boundary.index] = _decide(boundary, True, "after a separator line")
        elif boundary.score < threshold:
            decided[boundary.index] = _decide(boundary, False, "below the threshold")
        elif any(abs(position - t) < MIN_PIECES for t in taken):
            decided[boundary.index] = _decide(boundary, False, "too close to a stronger start")
        else:
            taken.append(position)
            decided[boundary.index] = _decide(boundary, True, "above the threshold")
    return [decided[b.index] for b in scored]


def _decide(boundary: Boundary, accepted: bool, reason: str) -> Boundary:
    return Boundary(
        boundary.index, boundary.line, boundary.score, boundary.evidence, accepted, reason
    )
