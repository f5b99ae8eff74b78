"""Regression tests of issue 13: hostile but realistic inputs, paths and names."""
