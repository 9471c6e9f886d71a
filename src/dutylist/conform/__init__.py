"""Guidance catalogs (指导目录, spec section 13): what each list adopted from its guide,
what it added beyond it, and the same item kept under different names across counties."""
