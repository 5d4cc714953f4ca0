"""Exchange between organisations: data bundles (a zip with a Frictionless Data Package
manifest), keyed pseudonyms per recipient, and the merge of bundles from several associations.
See docs/federation-guide.md."""
