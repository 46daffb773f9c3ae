"""Drill patterns: what each sentence pair plays, in order (``--pattern "vi en vi@0.75"``).

A pattern is a list of steps separated by spaces. A step is a language (``vi``, ``en``),
optionally at another pace (``vi@0.75``: three quarters of the usual speed, pitch kept),
and ``_`` marks where the ``--pause-repeat`` pause goes (after the step before it: time to
say that step again aloud). Without ``_`` the pause follows the pair's last step, as it
does without a pattern. Every step is a segment of its own in the manifest, the
transcripts and the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from ..errors import ConfigError
from ..models import Lang

PACE_RANGE = (0.5, 2.0)
"""Paces a step may ask for (those ``--speed`` takes)."""
REPEAT_MARK = "_"


@dataclass(frozen=True)
class DrillStep:
    """One step of a pattern: a sentence heard in one language, at one pace."""

    lang: Lang
    pace: float = 1.0
    """How fast, relative to the language's usual pace (``--speed``)."""
    repeat_after: bool = False
    """Whether the ``--pause-repeat`` pause follows this step."""


def parse_pattern(text: str) -> tuple[DrillStep, ...]:
    """``"vi en vi@0.75"`` → its steps; ``""`` → no pattern (``()``). Raises ConfigError."""
    steps: list[DrillStep] = []
    example = 'write it as "vi en vi@0.75" (languages vi, en; "_" for a pause to repeat)'
    for token in text.split():
        if token == REPEAT_MARK:
            if not steps or steps[-1].repeat_after:
                raise ConfigError(f'pattern {text!r}: "_" must follow a step; {example}')
            steps[-1] = DrillStep(steps[-1].lang, steps[-1].pace, repeat_after=True)
            continue
        lang, at, pace_text = token.partition("@")
        if lang not in ("vi", "en") or (at and not pace_text):
            raise ConfigError(f"pattern {text!r}: step {token!r} is not a language; {example}")
        try:
            pace = float(pace_text) if at else 1.0
        except ValueError:
            raise ConfigError(f"pattern {text!r}: {token!r} has no number after @") from None
        if not PACE_RANGE[0] <= pace <= PACE_RANGE[1]:
            raise ConfigError(
                f"pattern {text!r}: pace {pace_text} must be between {PACE_RANGE[0]} and "
                f"{PACE_RANGE[1]}"
            )
        steps.append(DrillStep(cast(Lang, lang), pace))
    if steps and not any(step.repeat_after for step in steps):
        steps[-1] = DrillStep(steps[-1].lang, steps[-1].pace, repeat_after=True)
    return tuple(steps)


def steps_for(order: Sequence[Lang]) -> tuple[DrillStep, ...]:
    """The pattern of ``--order`` alone: each language once, the repeat pause at the end."""
    return parse_pattern(" ".join(order))


def pattern_languages(steps: Sequence[DrillStep]) -> list[Lang]:
    """The languages a pattern speaks, each once, in the order first heard."""
    return list(dict.fromkeys(step.lang for step in steps))
