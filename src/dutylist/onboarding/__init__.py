"""Getting catalogs in and out: import, fmt, init, export."""
