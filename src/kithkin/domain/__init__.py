"""Pure logic: records, validation, scoring. No I/O, no clock, no database."""
