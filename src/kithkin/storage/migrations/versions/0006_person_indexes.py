"""indexes for a person's page and the people search

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 03:10:00

A person's page lists the introductions they are part of: without an index on each side
every introduction of the account is read for each page. Who loves a phrase comes from
the interests index alone (it now holds the person too). The people search lists
matches by name: with the account's people in name order, their folded name and name
beside it, the matches are found in order without reading a row or sorting. No data
changes.
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("introductions", schema=None) as batch_op:
        batch_op.create_index("ix_introductions_person_a", ["person_a_id"], unique=False)
        batch_op.create_index("ix_introductions_person_b", ["person_b_id"], unique=False)
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.create_index("ix_people_introduced_by", ["introduced_by_id"], unique=False)
    with op.batch_alter_table("interests", schema=None) as batch_op:
        batch_op.drop_index("ix_interests_phrase")
        batch_op.create_index(
            "ix_interests_phrase_person", ["phrase_id", "person_id"], unique=False
        )
    columns: list[Any] = ["account_id", sa.text("lower(display_name)")]
    if op.get_bind().dialect.name == "sqlite":  # covering: the search reads no row
        columns += ["search_name", "display_name"]
    # PostgreSQL caps an index entry at 2704 bytes: a long name in several scripts (the
    # folded name holds up to 900 characters) would not fit, so only the order is kept.
    op.create_index("ix_people_account_name", "people", columns, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("interests", schema=None) as batch_op:
        batch_op.drop_index("ix_interests_phrase_person")
        batch_op.create_index("ix_interests_phrase", ["phrase_id"], unique=False)
    op.drop_index("ix_people_account_name", table_name="people")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_index("ix_people_introduced_by")
    with op.batch_alter_table("introductions", schema=None) as batch_op:
        batch_op.drop_index("ix_introductions_person_b")
        batch_op.drop_index("ix_introductions_person_a")
