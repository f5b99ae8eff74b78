"""Helpers of the test suite shared by several test packages (browser and PDF checks)."""
