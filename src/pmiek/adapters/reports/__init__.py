"""Outputs for people: maps and charts (PNG) now; the Dutch report later."""
