"""Reading text: tokens, numbers, dates and periods, sentences and clauses.

One layer shared by everything that reads prose: the LLM writer's numeric guard
(:mod:`thesis.writing.guard`) and the claim checker (:mod:`thesis.claims`). Every function is
linear in the length of its input (tokenise first, then match on tokens), returns frozen
dataclasses with character offsets into the text it was given, and never raises on odd input.

>>> from thesis.text import find_quantities, find_dates, split_sentences
>>> [q.text for q in find_quantities("The S&P 500 rose 0.5% to 6,812.61, up 34 points.")]
['0.5%', '6,812.61', '34 points']
"""

from __future__ import annotations

from thesis.text.dates import (
    MONTH_NUMBERS,
    MONTHS,
    WEEKDAYS,
    ArticleDate,
    DateMention,
    Period,
    find_dates,
    find_periods,
    month_end,
    most_recent_weekday,
    parse_article_date,
)
from thesis.text.numbers import (
    NAME_PATTERNS,
    NumberSpan,
    Quantity,
    find_numbers,
    find_quantities,
    ordinal_value,
    word_value,
)
from thesis.text.phrases import PhraseMatch, PhraseMatcher
from thesis.text.sentences import (
    Clause,
    Sentence,
    paragraph_sentences,
    split_clauses,
    split_sentences,
)
from thesis.text.tokens import SpanSet, Token, tokenize

__all__ = [
    "MONTHS",
    "MONTH_NUMBERS",
    "NAME_PATTERNS",
    "WEEKDAYS",
    "ArticleDate",
    "Clause",
    "DateMention",
    "NumberSpan",
    "Period",
    "PhraseMatch",
    "PhraseMatcher",
    "Quantity",
    "Sentence",
    "SpanSet",
    "Token",
    "find_dates",
    "find_numbers",
    "find_periods",
    "find_quantities",
    "month_end",
    "most_recent_weekday",
    "ordinal_value",
    "paragraph_sentences",
    "parse_article_date",
    "split_clauses",
    "split_sentences",
    "tokenize",
    "word_value",
]
