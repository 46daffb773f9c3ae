"""Benchmark: what translation costs in requests, and how good it is.

    .venv/bin/python bench/bench_translate.py requests [--corpus ../shared/corpus/articles]
    .venv/bin/python bench/bench_translate.py quality --reference vi.txt en.txt
                                              [--translator google] [--glossary FILE]
                                              [--ct2-model DIR]
    .venv/bin/python bench/bench_translate.py ct2 [--model DIR] [--corpus ...]

``requests``: every corpus article translated by ``google`` (its real adapter against a
faked HTTP layer) and by ``llm`` (the real openai client against the tests' local fake chat
server, tests/fake_llm.py): requests per article for each. Fewer requests is the point of
translating an article whole — and what keeps a newsroom under a free endpoint's limits.

``quality``: scores a configured translator on a reference set of line-aligned Vietnamese
and English news sentences (one sentence a line, same line count; a blank line in both ends
an article) with chrF and BLEU (sacrebleu), and reports consistency: for each glossary
term found in the Vietnamese, how often the translation used the glossary's English; and
for each name (two to four capitalized syllables inside a sentence) said in several lines
of one article, whether its English kept one form throughout (with diacritics, without,
or left out) — "Vương Đình Huệ" once and "Vuong Dinh Hue" later counts as inconsistent. It skips, saying why, when the
translator cannot be reached (no network here, no reference set shipped).

``ct2``: sentences per second of the CTranslate2 translator over the corpus, one batched
call per article against one call per sentence. Without ``--model`` it builds the tests'
tiny model (tests/tiny_ct2.py): a plumbing figure (tokenizing, batching, decoding), not the
speed of a real OPUS-MT model.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from vnmedia.text.letters import VIETNAMESE_LETTERS, without_marks

ROOT = Path(__file__).resolve().parents[1]
_UPPER = "A-Z" + VIETNAMESE_LETTERS.upper()
sys.path.insert(0, str(ROOT / "tests"))


def count_requests(corpus: Path) -> int:
    import responses

    from vnmedia import load_settings
    from vnmedia.engines import translators
    from vnmedia.sources.files import read_articles
    from vnmedia.translation.memory import TranslationMemory
    from vnmedia.translation.translate import TranslationService, translate_article

    from fake_google import GOOGLE_URL
    from fake_llm import FakeLlm, serve

    articles = [a for path in sorted(corpus.glob("*.txt")) for a in read_articles(path)]
    if not articles:
        print(f"no articles under {corpus}", file=sys.stderr)
        return 1
    fake = FakeLlm()
    server = serve(fake)
    try:
        settings = load_settings(llm_url=fake.url, llm_model="bench-model")
        rows = {}
        with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
            mock.add_passthru(fake.url)
            mock.add(responses.GET, GOOGLE_URL, body='<div class="result-container">EN</div>')
            for name in ("google", "llm"):
                service = TranslationService(
                    TranslationMemory(), translators.create(name, settings)
                )
                for article in articles:
                    translate_article(article, service)
                rows[name] = service.calls.get(name)
    finally:
        server.shutdown()
    texts = sum(1 + len(a.paragraphs) for a in articles)
    print(f"{len(articles)} articles, {texts} titles and paragraphs")
    print(f"{'translator':<12}{'requests':>10}{'per article':>13}")
    for name, requests in rows.items():
        print(f"{name:<12}{requests:>10}{requests / len(articles):>13.2f}")
    return 0


def ct2_speed(corpus: Path, model: Path | None) -> int:
    import tempfile
    import time

    from vnmedia import load_settings
    from vnmedia.engines import translators
    from vnmedia.engines.ct2 import model_sentences
    from vnmedia.sources.files import read_articles

    articles = [a for path in sorted(corpus.glob("*.txt")) for a in read_articles(path)]
    with tempfile.TemporaryDirectory() as scratch:
        if model is None:
            from tiny_ct2 import build_model

            model = build_model(Path(scratch) / "tiny")
            print("the tests' tiny model: a plumbing figure, not a real model's speed", flush=True)
        engine = translators.create("ct2", load_settings(ct2_model=str(model)))
        texts = [[a.title, *(p.text for p in a.paragraphs)] for a in articles]
        sentences = sum(len(model_sentences(t)) for group in texts for t in group)
        engine.translate("Xin chào.", "vi", "en")  # load the model outside the timing
        started = time.perf_counter()
        for group in texts:
            engine.translate_batch(group, "vi", "en")
        batched = time.perf_counter() - started
        started = time.perf_counter()
        for group in texts:
            for text in group:
                for sentence in model_sentences(text):
                    engine.translate(sentence, "vi", "en")
        single = time.perf_counter() - started
    print(f"{len(articles)} articles, {sentences} sentences")
    print(f"one call per article:  {sentences / batched:8.0f} sentences/s")
    print(f"one call per sentence: {sentences / single:8.0f} sentences/s")
    print(f"batching is {single / batched:.1f}x as fast")
    return 0


_NAME = re.compile(rf"(?<=\w )[{_UPPER}]\w*(?: [{_UPPER}]\w*){{1,3}}")


def name_consistency(sources: list[str], outputs: list[str]) -> tuple[int, int]:
    """(names kept in one form, names said in several lines) over the articles of a
    line-aligned set (articles end at blank lines)."""
    consistent = total = 0
    article: dict[str, list[str]] = {}
    for source, output in [*zip(sources, outputs, strict=True), ("", "")]:
        if not source.strip():
            for forms in article.values():
                if len(forms) > 1:
                    total += 1
                    consistent += len(set(forms)) == 1
            article = {}
            continue
        for name in {m.group(0) for m in _NAME.finditer(source)}:
            form = (
                "kept"
                if name in output
                else "plain"
                if without_marks(name) in output
                else "missing"
            )
            article.setdefault(name, []).append(form)
    return consistent, total


def quality(
    vietnamese: Path, english: Path, translator: str, glossary: list[str], ct2_model: str
) -> int:
    from vnmedia import load_settings
    from vnmedia.errors import VnmediaError
    from vnmedia.services import choose_engines
    from vnmedia.text.glossary import Glossary
    from vnmedia.translation.translate import TranslationService

    sources = vietnamese.read_text(encoding="utf-8").splitlines()
    references = english.read_text(encoding="utf-8").splitlines()
    if len(sources) != len(references) or not sources:
        print("the two files must have the same, non-zero, number of lines", file=sys.stderr)
        return 1
    try:
        import sacrebleu
    except ImportError:
        print("skipped: sacrebleu is not installed (pip install sacrebleu)")
        return 0
    settings = load_settings(translator=translator, glossary=tuple(glossary), ct2_model=ct2_model)
    try:
        engines = choose_engines(settings)
    except VnmediaError as exc:
        print(f"skipped: {exc}")
        return 0
    if engines.translator is None:
        print(f"skipped: {translator} cannot be reached from here")
        return 0
    service = TranslationService(
        engines.memory, engines.translator, fallbacks=engines.translator_fallbacks
    )
    try:
        outputs = [t.text or "" for t in service.translate_all(sources)]
    except VnmediaError as exc:
        print(f"skipped: {exc}")
        return 0
    chrf = sacrebleu.corpus_chrf(outputs, [references]).score
    bleu = sacrebleu.corpus_bleu(outputs, [references]).score
    print(f"{engines.translator_names}: chrF {chrf:.1f}  BLEU {bleu:.1f}  ({len(sources)} lines)")
    terms = Glossary.load(glossary)
    used = found = 0
    for source, output in zip(sources, outputs, strict=True):
        hits = terms.terms_in(source)
        found += len(hits)
        used += len(hits) - len(terms.misses(source, output))
    if found:
        print(f"glossary terms rendered as the glossary says: {used}/{found} ({used / found:.0%})")
    consistent, names = name_consistency(sources, outputs)
    if names:
        print(f"names kept in one form within their article: {consistent}/{names}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    requests = commands.add_parser("requests")
    requests.add_argument("--corpus", type=Path, default=ROOT.parent / "shared/corpus/articles")
    scored = commands.add_parser("quality")
    scored.add_argument("--reference", nargs=2, type=Path, required=True, metavar=("VI", "EN"))
    scored.add_argument("--translator", default="google")
    scored.add_argument("--glossary", action="append", default=[])
    scored.add_argument("--ct2-model", default="")
    local = commands.add_parser("ct2")
    local.add_argument("--model", type=Path)
    local.add_argument("--corpus", type=Path, default=ROOT.parent / "shared/corpus/articles")
    args = parser.parse_args()
    if args.command == "requests":
        return count_requests(args.corpus)
    if args.command == "ct2":
        return ct2_speed(args.corpus, args.model)
    return quality(*args.reference, args.translator, args.glossary, args.ct2_model)


if __name__ == "__main__":
    sys.exit(main())
