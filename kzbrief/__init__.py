"""kzbrief: read a contested issue through several sources at once."""

__version__ = "0.1.0"
