"""The project file: raise or lower a code's severity, or switch a rule off.

Read from `peer-schema.toml`, or `[tool.peer-schema]` in `pyproject.toml`, in the current
folder (or the file given with --config):

    [severity]                                  # in pyproject.toml: [tool.peer-schema.severity]
    "rules.session-too-long" = "error"          # raise
    "rules.country-outside-coe" = "info"        # lower
    "rules.basic-elements-missing" = "off"      # switch off

`read.*` codes cannot be changed: a file that cannot be read is never valid.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .report import Severity
from .report.catalogue import CATALOGUE

OFF = "off"


class ConfigError(Exception):
    """The project file is wrong: exit code 2, with this message."""


@dataclass
class Config:
    #: code -> a severity, or OFF
    severity: dict[str, Severity | str] = field(default_factory=dict)
    source: str | None = None


def _parse(table: object, source: str) -> Config:
    if not isinstance(table, dict):  # `[tool] peer-schema = 3` in pyproject.toml
        raise ConfigError(f"{source}: must be a table of settings, not {table!r}")
    unknown = set(table) - {"severity"}
    if unknown:
        raise ConfigError(f"{source}: unknown setting(s) {', '.join(sorted(unknown))} (only [severity] is read)")
    severity: dict[str, Severity | str] = {}
    overrides = table.get("severity", {})
    if not isinstance(overrides, dict):  # `severity = 3`: a value where a table belongs
        raise ConfigError(f'{source}: "severity" must be a table of codes, such as [severity] then '
                          '"rules.session-too-long" = "error" on the next line')
    for code, level in overrides.items():
        if code not in CATALOGUE:
            raise ConfigError(f'{source}: "{code}" is not a finding code (see docs/codes.md)')
        if code.startswith("read."):
            raise ConfigError(f'{source}: "{code}" cannot be changed: a file that cannot be read is never valid')
        if not isinstance(level, str):  # a number, a list, a table: say what is wrong, never crash
            raise ConfigError(f'{source}: "{code}" = {level!r}: write one of "error", "warning", "info" or "off", '
                              "in quotes")
        if level == OFF:
            severity[code] = OFF
        elif level in {s.value for s in Severity}:
            severity[code] = Severity(level)
        else:
            raise ConfigError(f'{source}: "{code}" = "{level}": use error, warning, info or off')
    return Config(severity, source)


def load_config(path: Path | None = None, folder: Path | None = None) -> Config:
    """The given file, else peer-schema.toml or pyproject.toml's [tool.peer-schema] in `folder`."""
    folder = folder or Path.cwd()
    candidates = [path] if path else [folder / "peer-schema.toml", folder / "pyproject.toml"]
    for candidate in candidates:
        if candidate is None or not candidate.is_file():
            if path is not None:
                raise ConfigError(f"{path}: no such file")
            continue
        try:
            data = tomllib.loads(candidate.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{candidate}: not valid TOML ({exc})") from None
        except OSError as exc:  # a folder, a file we may not read
            raise ConfigError(f"{candidate}: cannot be read ({exc.strerror or exc})") from None
        if candidate.name == "pyproject.toml" and path is None:
            tool = data.get("tool", {})
            table = tool.get("peer-schema") if isinstance(tool, dict) else None
            if table is None:
                continue
            return _parse(table, f"{candidate} [tool.peer-schema]")
        return _parse(data, str(candidate))
    return Config()
