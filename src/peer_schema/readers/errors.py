from __future__ import annotations


class ReadError(Exception):
    """The input could not be read. `code` is stable (see the catalogue); `params` fill its
    message; `message` is the English wording for programs that only log."""

    def __init__(self, code: str, message: str, line: int | None = None, column: int | None = None,
                 params: dict | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.params = params or {}
