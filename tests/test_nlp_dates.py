"""Dates normalised with their precision, relative ones against the article's date."""

import pytest

from briefing.nlp.dates import normalise


@pytest.mark.parametrize("text, value, precision", [
    ("16 February 2026", "2026-02-16", "day"),
    ("March 7, 2011", "2011-03-07", "day"),
    ("Feb. 13", "2026-02-13", "day"),
    ("on Feb. 11", "2026-02-11", "day"),
    ("October 2018", "2018-10", "month"),
    ("2024", "2024", "year"),
    ("13.02.2026", "2026-02-13", "day"),
    ("2026-02-13", "2026-02-13", "day"),
    ("Friday", "2026-02-13", "day"),  # the article's own day is a Friday
    ("Tuesday", "2026-02-10", "day"),
    ("last July", "2025-07", "month"),
    ("last January", "2026-01", "month"),
    ("next March", "2026-03", "month"),
    ("this summer", "2026-summer", "season"),
    ("last year", "2025", "year"),
    ("next month", "2026-03", "month"),
    ("yesterday", "2026-02-12", "day"),
    ("two days", None, "unknown"),
    ("the years ahead", None, "unknown"),
])
def test_normalise(text, value, precision):
    assert normalise(text, "2026-02-13") == (value, precision)


def test_relative_dates_need_the_article_date():
    assert normalise("Friday", None) == (None, "unknown")
    assert normalise("Feb. 13", None) == (None, "unknown")
    assert normalise("October 2018", None) == ("2018-10", "month")
