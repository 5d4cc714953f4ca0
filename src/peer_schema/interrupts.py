"""Ctrl-C (SIGINT) as the command's users expect it: one line, exit code 130, no traceback,
whenever it comes, even while Python is still importing the program.

- While the program starts (imports), nothing has been written yet: the process says
  "interrupted" and ends at once (`quiet_start`).
- Once a command runs, Ctrl-C raises KeyboardInterrupt as usual, so every writer's cleanup
  runs (temporary files removed, earlier outputs left as they were); `cli.main` turns it into
  the one line and 130. A second Ctrl-C while that line is written is ignored.
Only the `peer-schema` program (and `python -m peer_schema`) changes the handler: a program
that calls `cli.main()` itself keeps its own Ctrl-C.
"""

from __future__ import annotations

import os
import signal
import threading

EXIT_INTERRUPTED = 130
MESSAGE = "peer-schema: interrupted (Ctrl-C)\n"
_as_command = False


def _while_starting(signum, frame) -> None:  # noqa: ARG001 (a signal handler's signature)
    os.write(2, MESSAGE.encode())
    os._exit(EXIT_INTERRUPTED)


def quiet_start() -> None:
    """Called first thing by the program: a Ctrl-C during the imports ends it quietly."""
    global _as_command
    if threading.current_thread() is threading.main_thread():
        _as_command = True
        signal.signal(signal.SIGINT, _while_starting)


def command_started() -> None:
    """From now on Ctrl-C raises KeyboardInterrupt, so that writers clean up."""
    if _as_command and signal.getsignal(signal.SIGINT) is _while_starting:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def command_ending() -> None:
    """Nothing left to clean up: a late Ctrl-C (while the last line is written, or Python exits)
    is ignored rather than shown as a traceback."""
    if _as_command:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def run() -> None:
    """The `peer-schema` program."""
    import sys

    quiet_start()
    from .cli import main

    code = main()
    command_ending()
    sys.exit(code)
