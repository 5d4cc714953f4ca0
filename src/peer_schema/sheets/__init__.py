"""Spreadsheets: the template an association fills and the export of data back into it, from the
layout of the model as sheets and columns (table_layout.py, below the readers, which share it).
Reading a filled workbook is in readers/workbook.py, with the CSV reader it shares its rules with."""
