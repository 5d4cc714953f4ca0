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


class Notice:
    """Something a reader noticed that is not fatal (an unknown column): a finding with the
    catalogue's severity, at a line and column."""

    __slots__ = ("code", "params", "line", "column")

    def __init__(self, code: str, params: dict, line: int | None = None, column: int | None = None):
        self.code, self.params, self.line, self.column = code, params, line, column


class TableStart:
    """A table (a CSV file, a workbook's sheet) begins: its sheet's name, if any, and the header
    of each column as written, so findings can name the sheet, the cell and the column."""

    __slots__ = ("sheet", "cls", "labels", "names", "lang")

    def __init__(self, sheet: str | None, cls: str, labels: dict[int, str], names: dict[str, int] | None = None,
                 lang: str | None = None):
        self.sheet, self.cls, self.labels = sheet, cls, labels
        #: the field's path as the CSV tables name it (`membership.member_count`) -> its column
        self.names = names or {}
        #: the language of the header's labels ("en", "fr"), None when it names fields (`staff_count`)
        self.lang = lang
