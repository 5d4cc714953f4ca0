"""peer_schema: exchange mental-health peer-support data safely and precisely.

The model lives in `schema/` (LinkML); what is generated from it ships in
`peer_schema.generated` and is reached through `peer_schema.artifacts`.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("peer_schema")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

#: The version of the model this package carries (the schema's own `version`).
SCHEMA_VERSION = "0.1.0"

__all__ = ["SCHEMA_VERSION", "__version__"]


def validate(paths, limits=None):
    """Validate files or folders against the model; see `peer_schema.validation.validate`."""
    from .validation import validate as _validate

    return _validate(paths, limits)


__all__ += ["validate"]
