"""Reporters: results to text, JSON, Markdown, GitHub annotations, Excel.

Only this package and cli.py know rich, typer or print."""
