"""Briefing site generator: news articles in, a cross-linked briefing website out."""

__version__ = "0.1.0"
