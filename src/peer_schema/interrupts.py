"""Ctrl-C (SIGINT) as the command's users expect it: one line, exit code 130, no traceback,
whenever it comes, even while Python is still importing the program. (Only a Ctrl-C in the
first milliseconds, while the Python interpreter itself starts, before any of this program
runs, is Python's to handle: the process then ends as any program killed by SIGINT.)

- While the program starts (imports), nothing has been written yet: the process says
  "interrupted" and ends at once (`quiet_start`).
- Once a command runs, Ctrl-C raises KeyboardInterrupt as usual, so every writer's cleanup
  runs (temporary files removed, earlier outputs left as they were); `cli.main` turns it into
  the one line and 130. A second Ctrl-C while that line is written is ignored.
Only the `peer-schema` program (and `python -m peer_schema`) changes the handler: a program
that calls `cli.main()` itself keeps its own Ctrl-C, and a SIGINT its parent told it to ignore
stays ignored.
"""

from __future__ import annotations

import os

# `_signal`, not `signal`: the C module itself, already loaded by Python, so the handler is in
# place a few microseconds after this module starts (`signal` imports enum first)
import _signal

EXIT_INTERRUPTED = 130
MESSAGE = "peer-schema: interrupted (Ctrl-C)\n"
_as_command = False


def _while_starting(signum, frame) -> None:  # noqa: ARG001 (a signal handler's signature)
    os.write(2, MESSAGE.encode())
    os._exit(EXIT_INTERRUPTED)


def quiet_start() -> None:
    """Called first thing by the program: a Ctrl-C during the imports ends it quietly."""
    global _as_command
    # SIGINT ignored by whoever started us (`cmd &` in a script, nohup): it stays ignored
    if _signal.getsignal(_signal.SIGINT) is _signal.SIG_IGN:
        return
    try:
        _signal.signal(_signal.SIGINT, _while_starting)
    except ValueError:  # not the main thread: leave Ctrl-C to whoever runs us
        return
    _as_command = True


def command_started() -> None:
    """From now on Ctrl-C raises KeyboardInterrupt, so that writers clean up."""
    if _as_command and _signal.getsignal(_signal.SIGINT) is _while_starting:
        _signal.signal(_signal.SIGINT, _signal.default_int_handler)


def command_ending() -> None:
    """Nothing left to clean up: a late Ctrl-C (while the last line is written, or Python exits)
    is ignored rather than shown as a traceback."""
    if _as_command:
        _signal.signal(_signal.SIGINT, _signal.SIG_IGN)


def run() -> None:
    """The `peer-schema` program."""
    quiet_start()
    import sys

    from .cli import main

    code = main()
    command_ending()
    sys.exit(code)
