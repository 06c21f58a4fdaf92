"""The staff console: server-rendered pages at /staff/ for the people who run the building."""

from central.web.console import install

__all__ = ["install"]
