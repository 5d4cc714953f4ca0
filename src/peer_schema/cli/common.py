"""What every command shares: exit codes, argument types, the one way a refusal is said, and the
progress bar on a terminal."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


class Failed(Exception):
    """Raised inside `refusals()`: the command ends with this exit code (the message is said)."""

    def __init__(self, code: int):
        super().__init__(code)
        self.code = code


def say(command: str, message: str) -> None:
    """One line on stderr: "peer-schema COMMAND: message"."""
    print(f"peer-schema {command}: {message}", file=sys.stderr)


@contextmanager
def refusals(command: str, *errors: type[BaseException], suffix: str = "",
             reword: Callable[[BaseException], str | None] | None = None) -> Iterator[None]:
    """The try/except ladder of the commands: an error of one of these types (the library's typed
    errors, a usage error, a file that cannot be read or written) becomes one line
    "peer-schema COMMAND: message" on stderr and exit code 2 (`Failed`). A ReadError says its
    message without the file's position; `reword(exc)` may say it otherwise (None: as is);
    `suffix` ends the line ("; nothing written")."""
    from ..readers import ReadError

    try:
        yield
    except errors as exc:
        text = reword(exc) if reword else None
        if text is None:
            text = (exc.message if isinstance(exc, ReadError) else str(exc)) + suffix
        say(command, text)
        raise Failed(EXIT_UNREADABLE) from None


def run_handler(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """A command's handler, with `Failed` turned into its exit code."""

    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except Failed as failed:
            return failed.code

    run.__name__ = handler.__name__
    return run


def progress_bar(*phases: str, unit: str = "files") -> Callable[[int, int, str, int], None] | None:
    """A one-line progress bar on stderr (files done, records), only when a person is watching
    it: `progress(done, total, name, records)`, the callback of the library's long runs. A run in
    several passes (`phases`: "checked", "written") labels each pass's line; a pass ends when
    done reaches total."""
    from ..report.text import terminal_safe

    stream = getattr(sys.stderr, "raw", sys.stderr)  # its own carriage returns pass; the file names are escaped
    if not stream.isatty():
        return None
    passes = iter(phases)
    label = [next(passes, "")]

    def show(done: int, total: int, name: str, records: int) -> None:
        width = 24
        filled = int(width * done / total) if total else width
        phase = f" {label[0]}" if label[0] else ""
        line = f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {unit}, {records:,} records{phase} " \
               f"{terminal_safe(name)[-40:]}"
        stream.write("\r" + line[:110].ljust(110))
        if done == total:
            stream.write("\n")
            label[0] = next(passes, label[0])
        stream.flush()

    return show


def _cannot_read_again(exc: BaseException) -> str | None:
    if isinstance(exc, OSError):  # a file deleted since it was validated
        return f"cannot read {exc.filename} again ({exc.strerror or exc}); nothing written"
    return None


def validated_datasets(command: str, paths, *, refusal: str | Callable[..., str], require_valid: bool = False,
                       **options):
    """The steps `import` and `export --to xlsx` share: validate, then read the datasets whole.
    When the data cannot be used the report is shown, then "peer-schema COMMAND: `refusal`"
    (`refusal(report)` when it is a function), and the command ends (`Failed`: 2 unreadable,
    else 1). Returns (report, datasets)."""
    from ..readers import ReadError
    from ..report.text import render_text
    from ..sheets.importer import read_validated
    from ..validation import UsageError

    with refusals(command, UsageError, ReadError, OSError, reword=_cannot_read_again):
        report, datasets = read_validated(paths, require_valid=require_valid, progress=progress_bar("checked"),
                                          **options)
    if datasets is None:
        print(render_text(report), file=sys.stderr)
        say(command, refusal(report) if callable(refusal) else refusal)
        raise Failed(EXIT_UNREADABLE if report.unreadable else EXIT_ERRORS)
    return report, datasets


def date_type(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("write the date as YYYY-MM-DD") from None


def rate(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return value


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("a number of seconds") from None
    if not 0 <= value < 1e9:
        raise argparse.ArgumentTypeError("a number of seconds, 0 or more (0: no limit)")
    return value


def count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("a whole number") from None
    if not 0 <= value < 1 << 62:
        raise argparse.ArgumentTypeError("a whole number, 0 or more (0: no limit)")
    return value


def add_purpose(p: argparse.ArgumentParser) -> None:
    from ..model import CONSENT_PURPOSES

    p.add_argument("--purpose", choices=CONSENT_PURPOSES, metavar="PURPOSE",
                   help="what peer workers' fields are disclosed for: a field goes only where a consent in force "
                        "names the profile's audience and this purpose (default: registry_exchange for the "
                        "federation profile, research for the research profile). One of: "
                        + ", ".join(CONSENT_PURPOSES))


def add_lang(p: argparse.ArgumentParser, help: str = "language of messages (default: en)") -> None:
    p.add_argument("--lang", choices=["en", "fr"], default="en", help=help)
