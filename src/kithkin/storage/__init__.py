"""SQLAlchemy Core tables, migrations and the repository functions: the only SQL."""
