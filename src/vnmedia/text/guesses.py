"""Readings that are guesses: what a producer checks before an episode is published.

Most tokens the normalizer reads it reads from a table (the lexicons, the abbreviations a
text defines) or by a rule that knows the token's kind from its shape and the words around
it (a date after "sáng nay", a score after "thắng"). Some readings are guesses:

- capitals no table holds, spelled letter by letter (``CSĐT`` "xê ét đê tê", where a
  newsreader says "cảnh sát điều tra"), a name in mixed case cut at its capitals, a code
  of letters and digits spelled, ``a/b`` read as a fraction because nothing made it a
  date, a long run of digits read as one number, a web address's path, an abbreviation's
  sense as a dictionary gave it: :data:`GUESSING_STEPS`;
- a token left to sea-g2p that it reads with a word Vietnamese cannot write
  (``Redmi9`` "redmi chín", ``Note9`` "note chín"): the voice then guesses how to say it.

A guess readers have judged right in the team's judged sets is not asked again
(``data/checked_readings.tsv``), as long as the rules still read it as it was judged. A
build lists the rest in each episode's manifest and in ``report.json``
(``readings_to_check``); a line in the producer's lexicon settles one for good. On two sets
judged blind after the list was made (``bench/bench_guesses.py``) it held 12 % of the judged
tokens and 11 of the 16 wrong readings; the others were read by tables and rules that were
sure and wrong, which no list of guesses can hold.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace
from functools import cache
from typing import Any

from ..models import Unit
from ..runtime.cache import Cache, cache_key
from .acronyms import _acronyms, _camel_case, _codes
from .chunking import split_sentences
from .letters import is_vietnamese_syllable
from .marks import _addresses
from .normalize import Reading, TextNormalizer, explain_readings, lexicon_step_name, step_name
from .numbers import _fractions, _group_thousands
from .spoken_words import data_rows, sea_normalizer, tidy

BY_CONTEXT = frozenset(map(step_name, (_fractions, _group_thousands)))
"""The guessing steps whose reading is right or wrong by the words around the token (``a/b``
a fraction or a date): a reader's judgement of one use does not hold for the next."""
GUESSING_STEPS = BY_CONTEXT | {
    *map(step_name, (_acronyms, _camel_case, _codes, _addresses)),
    lexicon_step_name("data/abbreviations.tsv"),
}
"""The steps (by their ``--explain`` name) whose reading is a guess: the rules that read a
token by its shape alone, knowing neither the token nor anything around it that decides its
kind; a web address's path said piece by piece; and the abbreviations taken whole from
soe-vinorm's dictionary, whose sense nobody here chose. On the judged sets, as each was read
when scored blind (``bench/blind_miss_kinds.py --by-step``), each of these read from 3.6 %
(codes) to 29 % (fractions; long digit runs 5 of 6) of its tokens wrong, against 1.3 % for
sea-g2p and 1.2 % for our own lexicon; of the other steps only decimals came close (4.2 %)."""

_WORD = re.compile(r"[^\W\d_]+")
_LAYOUT = 2
"""The layout of a cached list (2: with the ``sentence``), in its cache key: a list cached in
another layout is not taken."""


@cache
def checked_readings() -> dict[str, tuple[str, str]]:
    """The guessed readings readers judged right (``data/checked_readings.tsv``, written by
    ``bench/fit_checked_readings.py``): written token → the step that read it and its
    spoken form, read alone."""
    rows = data_rows("checked_readings.tsv")
    return {written: (step, spoken) for written, step, spoken, *_ in rows}


@cache
def _guess_identity() -> str:
    """What decides which readings are listed, besides the normalizer: the guessing steps
    and the checked readings, as one hash."""
    blob = json.dumps([sorted(GUESSING_STEPS), sorted(checked_readings().items())])
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def is_guess(written: str, step: str) -> bool:
    """Whether ``step`` (a rule's ``--explain`` name, or ``"sea-g2p"``) guessed the reading
    of the token ``written``."""
    if step in GUESSING_STEPS:
        return True
    if step != "sea-g2p":
        return False
    spoken = tidy(sea_normalizer()(written))
    return not all(map(is_vietnamese_syllable, _WORD.findall(spoken)))


def to_check(normalizer: TextNormalizer, reading: Reading) -> Reading | None:
    """``reading`` with its spoken form (the token read alone) when it is a guess to check;
    ``None`` when it is no guess, or one readers judged right (:func:`checked_readings`)
    that the rules still read so."""
    if not is_guess(reading.written, reading.rule):
        return None
    spoken = normalizer.normalize(reading.written, "vi")
    if checked_readings().get(reading.written) == (reading.rule, spoken):
        return None
    return replace(reading, spoken=spoken)


def readings_to_check(normalizer: TextNormalizer, text: str) -> list[Reading]:
    """The guessed readings of Vietnamese ``text`` (an article: the abbreviations it defines
    count) to check, each once (:func:`to_check`)."""
    found = (to_check(normalizer, r) for r in explain_readings(normalizer, normalizer.user, text))
    return [reading for reading in found if reading]


def units_to_check(
    normalizer: TextNormalizer | None, units: list[Unit], cache: Cache | None = None
) -> list[dict[str, str]]:
    """The guessed readings of what an episode says in Vietnamese, for its manifest:
    ``written``, ``spoken``, the ``rule`` that guessed and the ``sentence`` it is first heard
    in. Cached like the spoken forms
    (finding them costs about one more reading of the text): a rerun over unchanged
    episodes does not look for them again."""
    if normalizer is None:
        return []
    texts = [s.text for unit in units for s in unit if s.lang == "vi" and s.text]
    text = "\n".join(texts)
    store = cache or Cache(None)
    # Kept with the spoken forms, which they go with (and are evicted with); what decides a
    # guess is in the key too, so a new table of checked readings makes a new list.
    key = cache_key(
        "checks", text=text, rules=normalizer.identity, guesses=_guess_identity(), layout=_LAYOUT
    )
    found = store.get_text("spoken", key)
    if found is None:
        found = json.dumps(
            [
                {
                    "written": r.written,
                    "spoken": r.spoken,
                    "rule": r.rule,
                    "sentence": heard_in(r.written, texts),
                }
                for r in readings_to_check(normalizer, text)
            ],
            ensure_ascii=False,
        )
        store.put_text("spoken", key, found)
    return list(json.loads(found))


def heard_in(token: str, texts: list[str]) -> str:
    """The first sentence of ``texts`` that holds ``token``, where a producer listens for it
    (``""`` when its markup hid it: an address in a link)."""
    for text in texts:
        for sentence in split_sentences(text):
            if token in sentence:
                return sentence
    return ""


def lexicon_lines(checks: dict[str, dict[str, Any]]) -> str:
    """A build's readings to check (``report.json``'s ``readings_to_check``) as a lexicon
    file: a comment naming the rule, the episodes and the sentence it is heard in, then
    ``written<TAB>spoken``. Corrected
    where wrong and kept where right, it is passed with ``--lexicon``, and the next build
    lists none of them."""
    lines = [
        "# The readings the last build guessed, most heard first. Listen for each: correct",
        "# the spoken form where it is wrong, keep it where it is right, then pass this file",
        "# with --lexicon (the next build lists none of them).",
    ]
    for written, check in checks.items():
        episodes = check.get("episodes", [])
        lines.append(f"# {check['rule']}, {len(episodes)} episode(s): {', '.join(episodes)}")
        if check.get("sentence"):
            lines.append(f"#   {check['sentence']}")
        lines.append(f"{written}\t{check['spoken']}")
    return "\n".join(lines) + "\n"
