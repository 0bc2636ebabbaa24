"""Writing: the outlook article, the LLM writer behind a numeric guard, and the claim checker.

``format`` is the one layer every number in generated text goes through; ``narrative`` builds the
sentences from facts; ``render`` writes Markdown, HTML and PDF; ``charts`` draws; ``guard`` and
``llm`` keep an LLM's prose to the facts; ``claims`` checks other people's articles.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["ArticleResult", "write_article"]

if TYPE_CHECKING:
    from thesis.writing.render import ArticleResult, write_article


def __getattr__(name: str) -> Any:
    if name in __all__:
        from thesis.writing import render

        return getattr(render, name)
    raise AttributeError(f"module 'thesis.writing' has no attribute {name!r}")
