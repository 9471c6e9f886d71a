"""`dutylist audit`: the annual review, its rules and their settings."""
