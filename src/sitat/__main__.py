"""`python -m sitat` runs the command line."""

from .cli import main

main()
