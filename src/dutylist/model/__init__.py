"""pydantic models of the catalog format (spec sections 2-4), one module per file kind.

The package imports nothing itself: its pydantic-free modules (`constants`, `rules`, `codes`,
`assessment`, `frozen`) are read on the way to `validate` without pydantic's import.
"""
