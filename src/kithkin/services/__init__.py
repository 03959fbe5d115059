"""Use cases shared by the CLI and the web app; each write is one transaction."""
