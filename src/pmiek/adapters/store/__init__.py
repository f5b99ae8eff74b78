"""The store: workspaces and their versions, editions, runs, users and the audit log.

SQLite by default (``pmiek.db`` in the working directory), PostgreSQL for teams
(``PMIEK_DATABASE_URL``); the same code and the same Alembic migrations on both.
"""
