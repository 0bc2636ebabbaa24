"""Agreement with the hand-judged labels in ../shared/articles, scored by the shared scorer.

Prints the scorer's summary and a per-kind table (found / missed / judged differently). The floors
are set below what the checker reaches on these four articles so that the test guards against
regressions without being tuned to them.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter

from thesis.claims import check_article


def _overlap(a: str, b: str) -> float:
    from difflib import SequenceMatcher

    def norm(s: str) -> str:
        return re.sub(r"\s+", " ", s).strip().lower().lstrip("-– ")

    a, b = norm(a), norm(b)
    if not a or not b:
        return 0.0
    if a in b or b in a:
        return 1.0
    m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return m.size / min(len(a), len(b))


def test_agreement_with_labels(claims_store, shared_articles, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    per_kind: dict[str, Counter] = {}
    supported_as_contra_001 = 0
    for lf in sorted(shared_articles.glob("*.labels.jsonl")):
        n = lf.name.split(".")[0]
        art = shared_articles / (
            f"{n}-full.txt" if (shared_articles / f"{n}-full.txt").exists() else f"{n}.txt"
        )
        rep = check_article(art, claims_store)
        claims = rep.to_list()
        (out / f"{n}.json").write_text(json.dumps(claims))
        for lab in map(json.loads, filter(str.strip, lf.read_text().splitlines())):
            best, score = None, 0.0
            for c in claims:
                s = _overlap(lab["quote"], c["quote"])
                if s >= 0.5:
                    s += 0.25 if c["kind"] == lab["kind"] else 0
                    s += 0.1 if lab["expected_verdict"] == c["verdict"] == "contradicted" else 0
                    if s > score:
                        best, score = c, s
            exp = lab["expected_verdict"]
            got = best["verdict"] if best else "missed"
            cnt = per_kind.setdefault(lab["kind"], Counter())
            cnt[
                f"{exp}:{'agree' if got == exp else ('missed' if got == 'missed' else 'differ')}"
            ] += 1
            if n == "001" and exp == "supported" and got == "contradicted":
                supported_as_contra_001 += 1
    res = subprocess.run(
        [
            sys.executable,
            str(shared_articles.parent / "tools" / "claims_eval.py"),
            str(shared_articles),
            str(out),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    print(res.stdout)
    for kind, cnt in sorted(per_kind.items()):
        print(f"{kind:>18}: " + ", ".join(f"{k} {v}" for k, v in sorted(cnt.items())))
    summary = res.stdout.strip().splitlines()[-1]
    m = re.search(
        r"contradicted recall ([\d.]+).*precision ([\d.]+).*supported recall ([\d.]+).*judged supported (\d+)",
        summary,
    )
    assert m, summary
    recall, precision, s_recall, c_as_s = float(m[1]), float(m[2]), float(m[3]), int(m[4])
    assert recall >= 0.6 and precision >= 0.6 and s_recall >= 0.6 and c_as_s <= 1, summary
    assert supported_as_contra_001 == 0
