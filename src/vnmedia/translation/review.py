"""What happens to a translation the check doubts (``translation/faithful.py``).

Every machine translation of an article (and, with ``check_memory``, every human one) is
checked against its Vietnamese. A doubtful machine text is asked again once, alone with the
other doubtful texts of the article: from the next translator of ``--translator`` when there
is one (``google,llm``: the model answers instead), else from the same one, which the
language model is told what was found. An answer the check finds nothing in replaces the
first. A text still doubtful then follows ``--on-doubt``:

- ``vietnamese`` (the default): its English is left out, so nothing doubtful is spoken —
  the Vietnamese is, and the report names the text with the evidence. Unattended, a wrong
  number or name read to listeners is the costliest mistake; a missing English sentence is
  a small one, and an editor can add it to the translation memory;
- ``keep``: spoken as it is, and named in the report;
- ``fail``: the article is not built (a bulletin leaves it out).

Every doubt — fixed, kept or left out — is recorded with its findings (:class:`Doubt`):
the manifest, ``report.json`` and the build's summary line carry them. Answers asked
again are cached like translations, so a rerun asks nothing; the check itself is
recomputed from the cached texts (it takes microseconds), so a new names table or
glossary takes effect without a request.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import DoubtfulTranslationError
from .faithful import KINDS, Checker, Finding
from .translate import TranslatedText, TranslationService

OUTCOMES = ("fixed", "kept", "left out")


@dataclass(frozen=True)
class Text:
    """One translated text of an article: where it is, its Vietnamese and its English."""

    where: str
    """``title``, ``paragraph 3`` or ``paragraph 3 sentence 2``."""
    vietnamese: str
    english: TranslatedText


@dataclass(frozen=True)
class Doubt:
    """A text whose English the check doubted, and what became of it."""

    where: str
    vietnamese: str
    english: str
    """The English that was doubted (the first answer)."""
    findings: tuple[Finding, ...]
    """What the check found in it."""
    outcome: str
    """``fixed`` (asked again, the answer is clean), ``kept`` or ``left out``."""
    answered_by: str | None
    """The translator of the English now spoken (``None`` when it is left out; ``memory``
    for a human translation)."""
    remaining: tuple[Finding, ...] = ()
    """What the check still finds in the English now spoken (or in the second answer, when
    the English is left out)."""

    def to_dict(self) -> dict[str, Any]:
        """The doubt as JSON-ready data (manifest, report)."""
        return {
            "where": self.where,
            "outcome": self.outcome,
            "findings": [f.to_dict() for f in self.findings],
            "remaining": [f.to_dict() for f in self.remaining],
            "vietnamese": self.vietnamese,
            "english": self.english,
            "answered_by": self.answered_by,
        }


def review(
    texts: Sequence[Text],
    service: TranslationService,
    checker: Checker,
    *,
    on_doubt: str = "vietnamese",
    check_memory: bool = False,
) -> tuple[list[TranslatedText], list[Doubt]]:
    """The English to speak for each of ``texts`` (in order), and the doubts.

    Raises DoubtfulTranslationError for a text still doubtful with ``on_doubt="fail"``.
    """
    result = [t.english for t in texts]
    first: dict[int, list[Finding]] = {}
    for index, text in enumerate(texts):
        english = text.english
        checked = english.origin == "machine" or (english.origin == "memory" and check_memory)
        if english.text is not None and checked:
            findings = checker.check(text.vietnamese, english.text)
            if findings:
                first[index] = findings
    machine = [i for i in first if texts[i].english.origin == "machine"]
    second = service.ask_again(
        [texts[i].vietnamese for i in machine],
        [texts[i].english for i in machine],
        [[f.describe() for f in first[i]] for i in machine],
    )
    again = dict(zip(machine, second, strict=True))
    doubts = []
    for index, findings in first.items():
        text = texts[index]
        answer = again.get(index)
        remaining = findings
        if answer is not None and answer.text:
            remaining = checker.check(text.vietnamese, answer.text)
            if _cost(remaining) <= _cost(findings):
                result[index] = answer  # the second answer is no worse: it is spoken
            else:
                remaining = findings
        if not remaining:
            outcome = "fixed"
        elif text.english.origin == "memory" or on_doubt == "keep":
            outcome = "kept"
        elif on_doubt == "fail":
            raise DoubtfulTranslationError(
                f"{text.where}: the English is still doubtful after asking again "
                f"({'; '.join(f.describe() for f in remaining)}); --on-doubt fail"
            )
        else:
            outcome = "left out"
            result[index] = TranslatedText(None, "missing")
        spoken = result[index]
        if spoken.text is None:
            answered_by = None
        else:
            answered_by = spoken.engine if spoken.origin == "machine" else spoken.origin
        doubts.append(
            Doubt(
                text.where,
                text.vietnamese,
                text.english.text or "",
                tuple(findings),
                outcome,
                answered_by,
                tuple(remaining) if outcome != "fixed" else (),
            )
        )
    return result, doubts


def outcome_counts(doubts: Sequence[dict[str, Any]]) -> dict[str, int]:
    """How many doubts each outcome had (the report and the summary line)."""
    counts = dict.fromkeys(OUTCOMES, 0)
    for doubt in doubts:
        counts[doubt["outcome"]] = counts.get(doubt["outcome"], 0) + 1
    return counts


def _cost(findings: list[Finding]) -> tuple[int, ...]:
    """How bad a set of findings is, compared kind by kind in :data:`KINDS` order: a changed
    number costs more than any count of the kinds after it (a listener who hears a wrong
    figure is misinformed; one who misses a sentence is not), so an answer that trades a
    left-out sentence for a wrong number is worse, not "as good"."""
    return tuple(sum(f.kind == kind for f in findings) for kind in KINDS)
