"""Catalogs as loaded from disk or git: documents, jurisdictions, assessment tables."""
