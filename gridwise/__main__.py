"""`python -m gridwise` runs the CLI."""

from gridwise.cli import run

run()
