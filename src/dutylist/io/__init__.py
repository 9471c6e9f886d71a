"""Input and output: YAML with positions, tables, git revisions, atomic writes."""
