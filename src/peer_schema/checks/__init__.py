"""The checks, in layers; each layer turns data into findings with codes from its own catalogue."""
