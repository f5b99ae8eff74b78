"""Alembic environment: migrations run on the connection the store hands over.

``pmiek.adapters.store.migrate`` builds the Alembic configuration in code (no alembic.ini)
and puts an open connection in ``config.attributes["connection"]``; batch mode lets the same
migrations alter tables on SQLite.
"""

from __future__ import annotations

from alembic import context

from pmiek.adapters.store.models import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached when alembic is run by hand
    raise RuntimeError("run migrations through 'pmiek db upgrade' (it passes the connection)")

context.configure(connection=connection, target_metadata=metadata,
                  render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
with context.begin_transaction():
    context.run_migrations()
