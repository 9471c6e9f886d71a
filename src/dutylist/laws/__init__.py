"""Legal bases (spec section 12): citations of `《title》` in an item's basis, the laws
registry of laws.yaml, the checks on both, and the index of which items cite which law."""
