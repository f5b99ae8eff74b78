"""Alembic migrations of the store (``pmiek db upgrade``)."""
