"""`dutylist validate`: schema and cross-file checks of catalog files."""
