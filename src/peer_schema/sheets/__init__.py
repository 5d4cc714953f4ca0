"""Spreadsheets: the layout of the workbook an association fills (one sheet per kind of record,
derived from the model), the template and the export of data back into it. Reading a filled
workbook is in readers/workbook.py, with the CSV reader it shares its rules with."""
