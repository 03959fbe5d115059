"""covering indexes for a person's moments

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22 09:30:00

A person's page lists every moment with them, newest first, by id, date and energy.
With the person's moment ids in their own index, and each moment's date and energy in
one beside its id, PostgreSQL reads that list from the two indexes alone: before, each
moment cost a read of its ``moment_people`` row and of its ``moments`` row. SQLite reads
the ids from the first index and finds each moment by its rowid, as cheap as the second
index would be. No data changes.
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("moment_people", schema=None) as batch_op:
        batch_op.drop_index("ix_moment_people_person")
        batch_op.create_index("ix_moment_people_person", ["person_id", "moment_id"], unique=False)
    with op.batch_alter_table("moments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_moments_id_date_energy", ["id", "occurred_on", "energy"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("moments", schema=None) as batch_op:
        batch_op.drop_index("ix_moments_id_date_energy")
    with op.batch_alter_table("moment_people", schema=None) as batch_op:
        batch_op.drop_index("ix_moment_people_person")
        batch_op.create_index("ix_moment_people_person", ["person_id"], unique=False)
