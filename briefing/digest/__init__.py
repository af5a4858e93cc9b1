"""Across articles: entities merged, stories grouped, the summary written."""

from briefing.digest.build import assemble_briefing

__all__ = ["assemble_briefing"]
