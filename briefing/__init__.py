"""briefing: a folder of newsroom copy in, a cited briefing out."""

__version__ = "0.1.0"
