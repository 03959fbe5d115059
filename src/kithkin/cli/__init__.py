"""The ``kith`` command: parse, call a service, render."""
