"""Every query on the embedded store is bounded in time and in rows, and its rows are streamed.

pyoxigraph cannot interrupt a query, and one step of it (a join, a sort) can run for ever or
fill the memory. So the query runs in a child process, forked (a few milliseconds; `spawn` where
there is no fork: Windows, where a script calling the library needs the usual
`if __name__ == "__main__":` guard), which sends the rows back in batches as the engine finds them.
Not `forkserver` or `spawn` on POSIX: they import the caller's main script again in the child,
and cost a fresh interpreter. The child only opens the store and runs the query; if it ever
deadlocked on a lock another thread of the caller held at the fork, the time limit ends it.
The parent stops it (SIGKILL) as soon as:

- the engine has worked longer than `timeout` seconds (the time this process waits for rows;
  time spent writing them to a slow reader does not count);
- it has more than `max_rows` rows (the child stops by itself after `max_rows + 1`).

Either raises `LimitExceeded` (a QueryError: exit code 2), naming the limit and its flag. A child
that dies (the system's memory killer, a crash of the engine) is a QueryError too, never a hang.
Checking a deadline between solutions in this process would not do: a single long join yields
no solution to check between.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .sparql_guard import QueryError

#: seconds of engine time a query may take (`peer-schema query --timeout`); the saved questions take
#: milliseconds on a registry of thousands of records
DEFAULT_TIMEOUT = 60.0
#: rows an answer may have (`peer-schema query --max-rows`); every saved question's answer is far smaller
DEFAULT_MAX_ROWS = 100_000
#: rows sent from the child in one message
_BATCH = 500


@dataclass(frozen=True)
class Limits:
    """timeout: seconds (None: none); max_rows: rows (None: none)."""

    timeout: float | None = DEFAULT_TIMEOUT
    max_rows: int | None = DEFAULT_MAX_ROWS

    def __post_init__(self):
        if self.timeout is not None and not self.timeout > 0:
            raise ValueError("timeout: a number of seconds above 0, or None")
        if self.max_rows is not None and self.max_rows < 0:
            raise ValueError("max_rows: a number of rows (0 or more), or None")


class LimitExceeded(QueryError):
    """The query ran longer than its time limit, or its answer has more rows than allowed."""


@dataclass
class Answer:
    """An answer being streamed: its kind ("select", "ask", "graph"), its columns, and its rows
    (an iterator: read it once; it raises LimitExceeded or the query's error when that happens)."""

    kind: str
    columns: list[str]
    rows: Iterator[tuple]


def _context():
    return multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")


def _child(conn, job: Callable, max_rows: int | None) -> None:
    """In the child: run `job()` -> (kind, columns, rows) and send head, batches, end (or error)."""
    try:
        kind, columns, rows = job()
        conn.send(("head", kind, columns))
        batch: list[tuple] = []
        count = 0
        for row in rows:
            count += 1
            if max_rows is not None and count > max_rows:
                if batch:
                    conn.send(("rows", batch))
                conn.send(("more",))
                return
            batch.append(row)
            if len(batch) >= _BATCH:
                conn.send(("rows", batch))
                batch = []
        if batch:
            conn.send(("rows", batch))
        conn.send(("end",))
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent as an error
        try:
            conn.send(("error", exc))
        except Exception:  # noqa: BLE001 - an exception that cannot be pickled
            conn.send(("error", QueryError(str(exc))))
    finally:
        conn.close()


def run_bounded(job: Callable, limits: Limits) -> Answer:
    """Run `job` (a picklable callable returning (kind, columns, row iterator)) in a child
    process under `limits`; the answer's rows come as the child finds them."""
    ctx = _context()
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(sender, job, limits.max_rows), daemon=True)
    process.start()
    sender.close()
    clock = _Clock(limits.timeout)

    def stop() -> None:
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()

    try:
        message = _receive(receiver, clock, process)
    except BaseException:
        stop()
        raise
    if message[0] != "head":
        stop()
        raise QueryError(f"the query process answered {message[0]!r}")
    _, kind, columns = message

    def rows() -> Iterator[tuple]:
        count = 0
        try:
            while True:
                message = _receive(receiver, clock, process)
                if message[0] == "rows":
                    count += len(message[1])
                    yield from message[1]
                elif message[0] == "more":
                    raise LimitExceeded(
                        f"the answer has more than {limits.max_rows} rows (the limit): narrow the query "
                        f"(LIMIT, FILTER, a parameter) or raise the limit with --max-rows N (0: no limit)")
                elif message[0] == "end":
                    return
        finally:
            stop()

    return Answer(kind, list(columns), rows())


class _Clock:
    """The engine time left: the time spent waiting for the child, not the time spent writing."""

    def __init__(self, timeout: float | None):
        self.timeout = timeout
        self.waited = 0.0

    def remaining(self) -> float | None:
        return None if self.timeout is None else max(self.timeout - self.waited, 0.0)


def _receive(receiver, clock: _Clock, process) -> tuple:
    started = time.monotonic()
    try:
        ready = receiver.poll(clock.remaining())
    finally:
        clock.waited += time.monotonic() - started
    if not ready:
        raise LimitExceeded(
            f"the query ran longer than {clock.timeout:g} s (the time limit) and was stopped: narrow it, or raise "
            f"the limit with --timeout SECONDS")
    try:
        message = receiver.recv()
    except EOFError:
        process.join(5)
        code = process.exitcode
        how = f"it was killed (signal {-code})" if code is not None and code < 0 else f"exit code {code}"
        raise QueryError(f"the query process ended without an answer ({how}; out of memory?): narrow the query, "
                         "or lower --timeout / --max-rows") from None
    if message[0] == "error":
        raise message[1]
    return message


__all__ = ["DEFAULT_MAX_ROWS", "DEFAULT_TIMEOUT", "Answer", "LimitExceeded", "Limits", "run_bounded"]
