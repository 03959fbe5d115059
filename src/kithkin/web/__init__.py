"""The local web app and JSON API (`kith serve`): thin routes over the same services
the CLI calls. Imported only by `kith serve` and the tests, never by other commands."""
