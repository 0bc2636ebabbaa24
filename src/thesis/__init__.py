"""thesis: turn a market thesis into evidence, numbers and a written outlook that can be trusted.

The public names are imported lazily so that ``import thesis`` (and ``thesis --help``) stay fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_LAZY = {
    "Fact": "thesis.facts",
    "FactSheet": "thesis.facts",
    "Source": "thesis.facts",
    "Store": "thesis.data.store",
    "ThesisSpec": "thesis.spec",
    "load_thesis": "thesis.spec",
    "parse_thesis": "thesis.spec",
    "run_thesis": "thesis.pipeline",
    "RunResult": "thesis.pipeline",
    "Outlook": "thesis.outlook",
    "ThesisError": "thesis.errors",
}

__all__ = [
    "Fact",
    "FactSheet",
    "Outlook",
    "RunResult",
    "Source",
    "Store",
    "ThesisError",
    "ThesisSpec",
    "__version__",
    "load_thesis",
    "parse_thesis",
    "run_thesis",
]

if TYPE_CHECKING:
    from thesis.data.store import Store
    from thesis.errors import ThesisError
    from thesis.facts import Fact, FactSheet, Source
    from thesis.outlook import Outlook
    from thesis.pipeline import RunResult, run_thesis
    from thesis.spec import ThesisSpec, load_thesis, parse_thesis


def __getattr__(name: str) -> Any:
    mod = _LAZY.get(name)
    if mod is None:
        raise AttributeError(f"module 'thesis' has no attribute {name!r}")
    return getattr(import_module(mod), name)
