"""peer_schema: exchange mental-health peer-support data safely and precisely.

The model lives in `schema/` (LinkML); what is generated from it ships in
`peer_schema.generated` and is reached through `peer_schema.artifacts`.
"""

# The package version, read by the build (pyproject: tool.hatch.version). A literal, because
# importlib.metadata would add ~50 ms to every start of the command.
__version__ = "0.2.0"

#: The version of the model this package carries (the schema's own `version`).
SCHEMA_VERSION = "0.2.0"

__all__ = ["SCHEMA_VERSION", "__version__"]


def validate(paths, **options):
    """Validate files or folders against the model and return a `Report`.

    Options: profile, purpose, lang, limits, config, max_errors, today, input_format, progress;
    see `peer_schema.validation.validate`. `purpose` (a consent purpose code such as
    "registry_exchange" or "research") is what peer workers' fields are disclosed for: a field
    passes only where a consent in force names both the profile's audience and this purpose; by
    default the profile's own purpose (federation: registry_exchange, research: research).
    """
    from .validation import validate as _validate

    return _validate(paths, **options)


__all__ += ["validate"]
