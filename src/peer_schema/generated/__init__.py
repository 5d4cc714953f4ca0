"""Artifacts generated from the LinkML model by `python scripts/generate.py`. Never edit by hand."""
