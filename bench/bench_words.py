"""Words worth learning: which word segmenter, measured on gold segmentation.

1. ``segment``: pyvi and underthesea (both CRF models that ship inside their wheels) on
   hand-segmented sentences: the first 103 sentences of the Universal Dependencies
   Vietnamese treebank's test set (UD_Vietnamese-VTB, ``vi_vtb-ud-test.conllu``, CC BY-SA
   4.0), stored here as ``bench/data/ud_vtb_test_1-103.seg.txt`` (a sentence a line, the
   syllables of a word joined by ``_``). Sentences 1-51 chose the library; 52-103 are
   reported. Scores are word-boundary precision, recall and F1 (a word is right when both
   its ends are), and the same for words of two or more syllables alone (the words a
   learner is shown), beside each library's own published figure.
2. ``speed``: both on real news paragraphs (``shared/corpus/unc``).

    .venv/bin/python bench/bench_words.py [segment|speed]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "data" / "ud_vtb_test_1-103.seg.txt"
CORPUS = ROOT.parent / "shared" / "corpus" / "unc"
CHOOSE = 51
"""Sentences 1-51 choose; the rest are reported."""

PUBLISHED = {
    "pyvi": "F1 0.985 (pyvi 0.1 README, its own test data)",
    "underthesea": "F1 97 (undertheseanlp/playground, VLSP 2013 test, CRF)",
}

Segmenter = Callable[[str], str]
"""Raw text → the same text with the syllables of each word joined by ``_``."""


def segmenters() -> dict[str, Segmenter]:
    """pyvi (what vnmedia uses), and underthesea when installed (``pip install
    underthesea``: not a vnmedia dependency; its own pins may clash with gTTS's click pin,
    so install it in a throwaway environment)."""
    from pyvi import ViTokenizer

    found: dict[str, Segmenter] = {"pyvi": ViTokenizer.tokenize}
    try:
        from underthesea import word_tokenize
    except ImportError:
        print("underthesea is not installed: pyvi alone")
    else:
        found["underthesea"] = lambda text: word_tokenize(text, format="text")
    return found


def spans(segmented: str, multi_only: bool = False) -> set[tuple[int, int]]:
    """Each word as its (start, end) in the text's characters, spaces and ``_`` left out:
    tokenizers that split punctuation differently still compare on the same positions."""
    found, at = set(), 0
    for word in segmented.split():
        length = len(word.replace("_", ""))
        if not multi_only or "_" in word.strip("_"):
            found.add((at, at + length))
        at += length
    return found


def score(gold: list[str], predicted: list[str], multi_only: bool) -> tuple[float, float, float]:
    right = guessed = wanted = 0
    for truth, guess in zip(gold, predicted, strict=True):
        g, p = spans(truth, multi_only), spans(guess, multi_only)
        right, guessed, wanted = right + len(g & p), guessed + len(p), wanted + len(g)
    precision, recall = right / max(1, guessed), right / max(1, wanted)
    return precision, recall, 2 * precision * recall / max(1e-9, precision + recall)


def segment() -> None:
    gold = GOLD.read_text(encoding="utf-8").splitlines()
    halves = {"1-51 (choose)": gold[:CHOOSE], f"52-{len(gold)} (report)": gold[CHOOSE:]}
    for name, segmenter in segmenters().items():
        print(f"{name}: published {PUBLISHED[name]}")
        for label, sentences in halves.items():
            predicted = [segmenter(line.replace("_", " ")) for line in sentences]
            words = sum(len(s.split()) for s in sentences)
            every = score(sentences, predicted, multi_only=False)
            multi = score(sentences, predicted, multi_only=True)
            print(
                f"  sentences {label}, {words} words: P {every[0]:.3f} R {every[1]:.3f} "
                f"F1 {every[2]:.3f}; multi-syllable words P {multi[0]:.3f} R {multi[1]:.3f} "
                f"F1 {multi[2]:.3f}"
            )


def speed() -> None:
    paragraphs = [
        line.strip()
        for path in sorted(CORPUS.glob("*.txt"))[:100]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    characters = sum(len(p) for p in paragraphs)
    for name, segmenter in segmenters().items():
        segmenter(paragraphs[0])  # load the model first
        started = time.perf_counter()
        for paragraph in paragraphs:
            segmenter(paragraph)
        seconds = time.perf_counter() - started
        print(
            f"{name}: {len(paragraphs)} news paragraphs ({characters} characters) in "
            f"{seconds:.2f} s ({characters / seconds / 1000:.0f} k characters/s)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", nargs="?", choices=["segment", "speed"], default="segment")
    {"segment": segment, "speed": speed}[parser.parse_args().what]()


if __name__ == "__main__":
    main()
