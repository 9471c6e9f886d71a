"""Command bodies, one module per group; cli.py registers them explicitly."""
