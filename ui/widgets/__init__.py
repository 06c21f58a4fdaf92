"""Reusable widgets: the on-screen keyboard and the status symbol."""
