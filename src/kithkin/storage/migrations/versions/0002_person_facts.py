"""person facts: per-person aggregates for Today; indexes for open follow-ups and ledger dates

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 22:30:00

The data step fills ``person_facts`` from the moments and ledger already stored, with
the aggregated query of ``kithkin.storage.facts_repo`` (a later change to the facts
comes with its own migration that rebuilds them again).
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "person_facts",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("moments", sa.Integer(), nullable=False),
        sa.Column("rated", sa.Integer(), nullable=False),
        sa.Column("fuelled", sa.Integer(), nullable=False),
        sa.Column("drained", sa.Integer(), nullable=False),
        sa.Column("by_me", sa.Integer(), nullable=False),
        sa.Column("by_them", sa.Integer(), nullable=False),
        sa.Column("by_both", sa.Integer(), nullable=False),
        sa.Column("outreach", sa.Integer(), nullable=False),
        sa.Column("replied", sa.Integer(), nullable=False),
        sa.Column("awaiting", sa.Integer(), nullable=False),
        sa.Column("unanswered", sa.Integer(), nullable=False),
        sa.Column("gave_count", sa.Integer(), nullable=False),
        sa.Column("gave_size", sa.Integer(), nullable=False),
        sa.Column("received_count", sa.Integer(), nullable=False),
        sa.Column("received_size", sa.Integer(), nullable=False),
        sa.Column("gives_since_received", sa.Integer(), nullable=False),
        sa.Column("w_fast", sa.Float(), nullable=False),
        sa.Column("w_slow", sa.Float(), nullable=False),
        sa.Column("ew_fast", sa.Float(), nullable=False),
        sa.Column("ew_slow", sa.Float(), nullable=False),
        sa.Column("e_fast", sa.Float(), nullable=False),
        sa.Column("e_slow", sa.Float(), nullable=False),
        sa.Column("dw_fast", sa.Float(), nullable=False),
        sa.Column("dw_slow", sa.Float(), nullable=False),
        sa.Column("d_fast", sa.Float(), nullable=False),
        sa.Column("d_slow", sa.Float(), nullable=False),
        sa.Column("first_day", sa.Integer(), nullable=True),
        sa.Column("last_day", sa.Integer(), nullable=True),
        sa.Column("oldest_awaiting_day", sa.Integer(), nullable=True),
        sa.Column("last_gave_day", sa.Integer(), nullable=True),
        sa.Column("last_received_day", sa.Integer(), nullable=True),
        sa.Column("last_offer_day", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_person_facts_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_person_facts_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_person_facts")),
    )
    op.create_index("ix_person_facts_account", "person_facts", ["account_id"])
    op.create_index("ix_ledger_account_date", "ledger", ["account_id", "occurred_on"])
    op.create_index("ix_follow_ups_open", "follow_ups", ["account_id", "done_on"])

    from kithkin.storage.facts_repo import rebuild

    rebuild(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_follow_ups_open", table_name="follow_ups")
    op.drop_index("ix_ledger_account_date", table_name="ledger")
    op.drop_index("ix_person_facts_account", table_name="person_facts")
    op.drop_table("person_facts")
