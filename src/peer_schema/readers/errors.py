from __future__ import annotations


class ReadError(Exception):
    """The input could not be read. `code` is stable (see the catalogue); `message` is for people."""

    def __init__(self, code: str, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column
