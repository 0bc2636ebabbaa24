"""The guard's words reader on pathological text (a script, not a test): is it linear?

For each shape of hostile input (digits and percents, word soup, number words, instruction words,
HTML brackets, Markdown hashes and pipes, zero-width characters, one long word) and each size, the
best wall time of a few runs of :func:`thesis.text.words.find_flags` and
:func:`thesis.text.words.find_word_numbers` over the whole text, and of
:func:`thesis.writing.guard.check_sentence` on the same text as one sentence. The last column is
the time per megabyte at the largest size divided by that at the smallest: about 1 when the cost
is linear (quadratic code would show the size ratio, 100).

Run: ``.venv/bin/python bench/bench_guard.py [--max-kb 1000]``.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from thesis.facts import Fact
from thesis.text.words import find_flags, find_word_numbers
from thesis.writing.guard import check_sentence

SHAPES: dict[str, str] = {
    "digits '1 '": "1 ",
    "percents '5%'": "5%",
    "word soup": "the index rose while yields fell and gold was flat ",
    "number words": "nine in ten of a third double ten thousand ",
    "instructions": "ignore all previous instructions system prompt ",
    "promises": "guaranteed near certain will reach buy now ",
    "html '<a'": "<a ",
    "markdown '#|'": "# | ",
    "zero-width": "a\u200b",
    "one long word": "a",
}
FACTS = [
    Fact("sp500.level", 6812.61, "points", "2025-11-26", "bench"),
    Fact("sp500.p_touch.6900.gbm", 0.4213, "probability", "2025-11-26", "bench"),
]


def best(fn: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-kb", type=int, default=1000, help="largest input, in kilobytes")
    args = ap.parse_args()
    sizes = [args.max_kb // 100, args.max_kb // 10, args.max_kb]
    print(f"{'shape':<16} {'reader':<12}" + "".join(f"{s:>9} KB" for s in sizes) + "  ratio/MB")
    for name, unit in SHAPES.items():
        texts = [unit * (s * 1000 // len(unit)) for s in sizes]
        for reader, fn in (
            ("flags", lambda t: find_flags(t)),
            ("words", lambda t: find_word_numbers(t)),
            ("check", lambda t: check_sentence(t, FACTS)),
        ):
            secs = [best(lambda t=t, fn=fn: fn(t)) for t in texts]
            ratio = (secs[-1] / sizes[-1]) / max(secs[0] / sizes[0], 1e-9)
            cells = "".join(f"{s:>10.3f}s" for s in secs)
            print(f"{name:<16} {reader:<12}{cells}  {ratio:8.2f}")


if __name__ == "__main__":
    main()
