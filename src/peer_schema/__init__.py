"""peer_schema: exchange mental-health peer-support data safely and precisely.

The model lives in `schema/` (LinkML); what is generated from it ships in
`peer_schema.generated` and is reached through `peer_schema.artifacts`.

The API a program needs is importable from here: `validate`, what it returns (`Report`,
`Finding`, `Severity`), what it takes (`Limits`, `Config`, `load_config`) and what it raises
(`UsageError` and its kinds `ProfileRefused` and `MixedAccessRights`; `ConfigError` from
`load_config`; `ReadError` from the readers). They are imported on first use (the module
`__getattr__` below), so `import peer_schema`, and with it every start of the command, stays fast.
"""

# No `from __future__ import annotations`: importing __future__ before the Ctrl-C handler of the
# command is in place widens the start-up window (the annotations below are strings instead).
# `typing.TYPE_CHECKING` without importing typing at start-up: type checkers treat any name
# TYPE_CHECKING as true, Python sees False.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from datetime import date
    from pathlib import Path

    # `X as X`: a re-export, as mypy --strict wants it said
    from .config import Config as Config, ConfigError as ConfigError, load_config as load_config
    from .readers.errors import ReadError as ReadError
    from .readers.limits import Limits as Limits
    from .report.findings import Finding as Finding, Report as Report, Severity as Severity
    from .usage_errors import (MixedAccessRights as MixedAccessRights, ProfileRefused as ProfileRefused,
                               UsageError as UsageError)

# The package version, read by the build (pyproject: tool.hatch.version). A literal, because
# importlib.metadata would add ~50 ms to every start of the command.
__version__ = "0.2.0"

#: The version of the model this package carries (the schema's own `version`).
SCHEMA_VERSION = "0.2.0"

#: public name -> the module that defines it, imported when the name is first read
_LAZY = {
    "Report": ".report.findings", "Finding": ".report.findings", "Severity": ".report.findings",
    "UsageError": ".usage_errors", "ProfileRefused": ".usage_errors", "MixedAccessRights": ".usage_errors",
    "ReadError": ".readers.errors", "Limits": ".readers.limits",
    "Config": ".config", "ConfigError": ".config", "load_config": ".config",
}

__all__ = ["SCHEMA_VERSION", "__version__", "validate", "Report", "Finding", "Severity", "UsageError",
           "ProfileRefused", "MixedAccessRights", "ReadError", "Limits", "Config", "ConfigError", "load_config"]


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'peer_schema' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module, __name__), name)
    globals()[name] = value  # the next read does not come back here
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


def validate(
    paths: "Iterable[str | Path]",
    *,
    profile: "str | None" = None,
    purpose: "str | None" = None,
    lang: str = "en",
    limits: "Limits | None" = None,
    config: "Config | None" = None,
    max_errors: "int | None" = None,
    today: "date | None" = None,
    input_format: "str | None" = None,
    progress: "Callable[[int, int, str, int], None] | None" = None,
) -> "Report":
    """Validate files or folders against the model and return a `Report`.

    paths: files or folders (a folder is one registry: references resolve across its files).
    profile: "public", "research", "federation" or "internal"; by default each dataset's access
    rights decide (public -> public, restricted -> federation, non-public -> internal).
    purpose: a consent purpose code ("registry_exchange", "research"...) peer workers' fields are
    disclosed for: a field passes only where a consent in force names both the profile's
    audience and this purpose; by default the profile's own (federation: registry_exchange,
    research: research).
    lang: "en" or "fr", the language of `Report.lang` (messages and hints).
    limits: bounds on what the readers accept (`Limits()`); config: severity overrides
    (`load_config()` reads the project file; by default none); max_errors: stop collecting
    errors after this many (`Report.truncated`); today: the date consents and years are judged
    on; input_format: read every file as this format ("json", "yaml", "jsonl", "csv"...)
    whatever its extension; progress: called now and then with (files done, files, file, records).

    Files that cannot be read become `read.*` findings (`Report.unreadable`), not exceptions.
    Raises UsageError for a wrong call (a path that does not exist, an unknown profile, purpose
    or language), and its kind ProfileRefused for a profile looser than a dataset's access rights.
    """
    from .validation import validate as _validate

    return _validate(paths, profile=profile, purpose=purpose, lang=lang, limits=limits, config=config,
                     max_errors=max_errors, today=today, input_format=input_format, progress=progress)
