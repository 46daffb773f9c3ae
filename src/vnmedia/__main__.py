"""``python -m vnmedia`` runs the command line."""

from .cli import main

main()
