"""semantic matching: phrase vectors, your own interests, saved-item matches

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 23:40:00

Vectors and matches are derived data: they start empty and are computed on first use
(or by `kith reindex`).
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "phrase_vectors",
        sa.Column("phrase_id", sa.Integer(), nullable=False),
        sa.Column("encoder", sa.String(40), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["phrase_id"],
            ["phrases.id"],
            name=op.f("fk_phrase_vectors_phrase_id_phrases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("phrase_id", "encoder", name=op.f("pk_phrase_vectors")),
    )
    op.create_table(
        "own_interests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("phrase_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_own_interests_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["phrase_id"], ["phrases.id"], name=op.f("fk_own_interests_phrase_id_phrases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_own_interests")),
        sa.UniqueConstraint("account_id", "phrase_id", name="uq_own_interests_account_phrase"),
    )
    op.create_table(
        "saved_matches",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("topic", sa.String(300), nullable=False),
        sa.Column("interest", sa.String(300), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_saved_matches_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["saved_items.id"],
            name=op.f("fk_saved_matches_item_id_saved_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_saved_matches_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("item_id", "person_id", name=op.f("pk_saved_matches")),
    )
    op.create_index("ix_saved_matches_person", "saved_matches", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_saved_matches_person", table_name="saved_matches")
    op.drop_table("saved_matches")
    op.drop_table("own_interests")
    op.drop_table("phrase_vectors")
