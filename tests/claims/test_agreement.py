"""Agreement with hand-judged labels, scored by the shared scorer: a guard against regressions.

Two label sets, both DEVELOPMENT sets (the rules were tuned on them): ``../shared/articles`` and
the dev split of the repository's corpus, ``tests/fixtures/claims_corpus/dev``. The floors below
are what the checker reached on them when its rules were last changed, rounded down; a change that
falls below one of them is a regression. The corpus's ``test`` split is never read here (it is
scored once, by hand, with ``../shared/tools/claims_eval.py``, after the rules are final).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from thesis.claims import check_article

DEV = Path(__file__).resolve().parents[1] / "fixtures" / "claims_corpus" / "dev"

#: the dev articles the rules were tuned on (numbers 1xx and 2xx) and the later ones (3xx), kept
#: as a validation fold: labelled after the tuning, they measure how the rules generalise
FOLDS = {"dev": ("1", "2"), "dev-3xx": ("3",)}

# floors: (contradicted precision, contradicted recall, supported recall, contradicted judged supported)
FLOORS = {
    "shared": (1.0, 1.0, 1.0, 0),  # reached: 6/6 precision, 6/6 recall, 25/25 supported
    "dev": (1.0, 0.55, 0.55, 1),  # reached: 11/11, 11/20, 127/228, 1 contradicted judged supported
    # the validation fold as measured when it arrived (2/19, 2/11, 83/167): the rules do not
    # generalise yet; this floor only guards against getting worse
    "dev-3xx": (0.1, 0.18, 0.49, 0),
}


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


def _fold(dev: Path, prefixes: tuple[str, ...], into: Path) -> Path:
    """A folder with the fold's articles and labels (links into ``dev``)."""
    into.mkdir()
    for f in dev.iterdir():
        if f.name.startswith(prefixes):
            (into / f.name).symlink_to(f)
    return into


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_agreement_with_dev_labels(name, claims_store, shared_articles, tmp_path):
    labels = shared_articles if name == "shared" else _fold(DEV, FOLDS[name], tmp_path / "labels")
    if not labels.exists():
        pytest.skip(f"{labels} is absent")
    scorer = shared_articles.parent / "tools" / "claims_eval.py"
    precision, recall, s_recall, c_as_s, report = _score(
        labels, claims_store, tmp_path / "out", scorer
    )
    print(report)
    p0, r0, s0, c0 = FLOORS[name]
    assert precision >= p0 and recall >= r0 and s_recall >= s0 and c_as_s <= c0, report
