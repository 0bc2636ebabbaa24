"""Agreement with hand-judged labels, scored by the shared scorer: a guard against regressions.

Four label sets. Two are DEVELOPMENT sets (the rules were tuned on them): ``../shared/articles``
and the dev split's articles 1xx and 2xx (``tests/fixtures/claims_corpus/dev``). The third, the dev
split's articles 3xx, is the VALIDATION fold: labelled after the rules of rounds 1 and 2 were
tuned, it is read for its results only (a rule written from one of its examples must also be
justified by a 1xx/2xx example), and it has its own assertion. The fourth,
``tests/fixtures/claims_corpus/heldout`` (articles 400-1574), holds twenty held-out sets
scored once at first sight (``SOURCES_400-759.md``, ``SOURCES_760-819.md``,
``SOURCES_820-879.md``, ``SOURCES_880-939.md``, ``SOURCES_940-999.md``,
``SOURCES_1000-1059.md``, ``SOURCES_1060-1119.md``, ``SOURCES_1120-1179.md``,
``SOURCES_1180-1239.md``, ``SOURCES_1240-1299.md``, ``SOURCES_1300-1359.md``,
``SOURCES_1360-1419.md``, ``SOURCES_1420-1474.md``, ``SOURCES_1475-1514.md`` and
``SOURCES_1515-1574.md`` give those figures) and read afterwards: a development set now. The
floors below are what the checker reached on each when its rules were last changed, rounded down;
a change that falls below one of them is a regression. The corpus's ``test`` split is never read here (it is scored once, by hand,
with ``../shared/tools/claims_eval.py``, after the rules are final).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from thesis.claims import check_article

DEV = Path(__file__).resolve().parents[1] / "fixtures" / "claims_corpus" / "dev"
HELDOUT = DEV.parent / "heldout"

# floors: (contradicted precision, contradicted recall, supported recall, contradicted judged supported)
FLOORS = {
    "shared": (1.0, 1.0, 1.0, 0),  # reached: 6/6 precision, 6/6 recall, 25/25 supported
    "dev": (1.0, 0.6, 0.66, 1),  # 1xx/2xx reached: 12/12, 12/20, 152/228, 1 judged supported
    # 400-1574 reached: 87/136, 87/426, 3,852/7,664, 16 judged supported (batch 4's one fabricated
    # article, 628, is contradicted on each of its figures; the scorer pairs one claim a label)
    "heldout": (0.63, 0.2, 0.5, 16),
}
#: the validation fold (dev 3xx): contradicted precision first (issue 8's target, 0.9)
VALIDATION = (0.9, 0.6, 0.61, 0)  # reached: 7/7, 7/11, 103/167 (0.617), 0 judged supported


def _fold(labels: Path, keep: str, tmp: Path) -> Path:
    """The label files of the articles whose number starts with one of ``keep``, with their
    texts, in a folder of their own (the scorer reads a whole folder)."""
    out = tmp / "labels"
    out.mkdir()
    for lf in sorted(labels.glob("*.labels.jsonl")):
        n = lf.name.split(".")[0]
        if n[:1] in keep:
            shutil.copy(lf, out / lf.name)
            for art in labels.glob(f"{n}*.txt"):
                shutil.copy(art, out / art.name)
    return out


def _score(labels: Path, store, out: Path, scorer: Path) -> tuple[float, float, float, int, str]:
    out.mkdir()
    for lf in sorted(labels.glob("*.labels.jsonl")):
        n = lf.name.split(".")[0]
        art = labels / (f"{n}-full.txt" if (labels / f"{n}-full.txt").exists() else f"{n}.txt")
        (out / f"{n}.json").write_text(json.dumps(check_article(art, store).to_list()))
    res = subprocess.run(
        [sys.executable, str(scorer), str(labels), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    summary = res.stdout.strip().splitlines()[-1]
    m = re.search(
        r"contradicted recall ([\d.]+).*precision ([\d.]+).*supported recall ([\d.]+).*judged supported (\d+)",
        summary,
    )
    assert m, summary
    return float(m[2]), float(m[1]), float(m[3]), int(m[4]), res.stdout


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_agreement_with_dev_labels(name, claims_store, shared_articles, tmp_path):
    labels = {"shared": shared_articles, "heldout": HELDOUT}.get(name, DEV)
    if not labels.exists():
        pytest.skip(f"{labels} is absent")
    if name == "dev":
        labels = _fold(labels, "12", tmp_path)
    scorer = shared_articles.parent / "tools" / "claims_eval.py"
    precision, recall, s_recall, c_as_s, report = _score(
        labels, claims_store, tmp_path / "out", scorer
    )
    print(report)
    p0, r0, s0, c0 = FLOORS[name]
    assert precision >= p0 and recall >= r0 and s_recall >= s0 and c_as_s <= c0, report


def test_validation_fold(claims_store, shared_articles, tmp_path):
    """Dev 3xx, the validation fold: contradicted precision at least 0.9, and no regression."""
    if not DEV.exists():
        pytest.skip(f"{DEV} is absent")
    labels = _fold(DEV, "3", tmp_path)
    scorer = shared_articles.parent / "tools" / "claims_eval.py"
    precision, recall, s_recall, c_as_s, report = _score(
        labels, claims_store, tmp_path / "out", scorer
    )
    print(report)
    p0, r0, s0, c0 = VALIDATION
    assert precision >= p0 and recall >= r0 and s_recall >= s0 and c_as_s <= c0, report
