"""``python -m kithkin`` runs the ``kith`` command."""

from kithkin.cli.main import main

if __name__ == "__main__":
    main()
