"""NLP over cleaned articles: spaCy plus rules for people, roles, missions, quotes, dates."""

from briefing.nlp.child import analyse_articles

__all__ = ["analyse_articles"]
