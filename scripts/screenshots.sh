#!/usr/bin/env bash
# Make the screenshots of the federation guides (docs/federation-guide.md,
# docs/guide-federation.fr.md): the workbooks as a person sees them in a spreadsheet.
#
#   scripts/screenshots.sh            # writes docs/images/*.png
#
# Needs: peer-schema and openpyxl (the dev install), LibreOffice Calc and poppler-utils
#   apt-get install -y --no-install-recommends libreoffice-calc poppler-utils
# PYTHON and PEER_SCHEMA name the interpreter and the command when they are not on the PATH.
#
# Each image is one sheet: a copy of the workbook keeps only that sheet, its print area and
# page setup are set with openpyxl, LibreOffice prints it to PDF (headless), and pdftoppm makes
# the PNG at 80 dpi, cropped to the printed text (found with pdftotext -bbox).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-python}"
PEER_SCHEMA="${PEER_SCHEMA:-peer-schema}"
OUT="$ROOT/docs/images"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"
for tool in soffice pdftoppm pdftotext; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install -y --no-install-recommends libreoffice-calc poppler-utils" >&2; exit 2; }
done

# The workbooks: the English template, the French template, and the example tables as a filled
# workbook (with one mistake added in row 7 of the Organisations sheet, as in the guides).
"$PEER_SCHEMA" template -o "$WORK/template.xlsx" --prefix ex --lang en
"$PEER_SCHEMA" template -o "$WORK/modele.xlsx" --prefix ex --lang fr
"$PEER_SCHEMA" export "$ROOT/examples/tables" --to xlsx -o "$WORK/filled.xlsx"

# one_sheet WORKBOOK SHEET RANGE OUT.xlsx [EXTRA]: a copy keeping only SHEET, printing RANGE
# landscape on one page wide. EXTRA: "wrap" (long lines of the read-me wrapped), "mistake" (the
# row 7 of the guide's worked example, its mistake in red), "consents" (one peer worker with
# two consents, the columns between the role and the consents hidden).
one_sheet() {
  "$PYTHON" - "$@" <<'EOF'
import sys
import openpyxl
from openpyxl.styles import Alignment, PatternFill
from openpyxl.worksheet.properties import PageSetupProperties

source, sheet, area, out = sys.argv[1:5]
extra = sys.argv[5] if len(sys.argv) > 5 else ""
book = openpyxl.load_workbook(source)
for ws in list(book.worksheets):
    if ws.title != sheet:
        book.remove(ws)
ws = book[sheet]
ws.sheet_state = "visible"
if extra == "wrap":
    ws.column_dimensions["A"].width = 110
    for row in ws.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            lines = -(-len(str(cell.value or "")) // 115) or 1  # a printed row fits about 115 characters
            ws.row_dimensions[cell.row].height = max(ws.row_dimensions[cell.row].height or 0, 15 * lines + 3)
if extra == "mistake":  # the guide's worked example, its mistake marked in red
    ws["A7"], ws["B7"], ws["E7"] = "ex:org/pairs-du-sud", "Pairs du Sud (fictional)", "France"
    ws["C7"] = "Asociation of peer support workers"
    ws["C7"].fill = PatternFill("solid", fgColor="FFC7CE")
    ws.column_dimensions["D"].hidden = True
    for col, width in zip("ABCE", (25, 30, 42, 9)):
        ws.column_dimensions[col].width = width
if extra == "consents":  # one pseudonymous peer worker, two consents
    for col, value in {"A": "ex:pw/4c81d2", "B": "Pair aidant", "J": "La fédération",
                       "K": "2026-09-01", "L": "Statut de pair | Rôle | Employeur",
                       "M": "Statistiques sur les pairs aidants en emploi"}.items():
        ws[f"{col}3"] = value
    for col in "CDEFGHI":
        ws.column_dimensions[col].hidden = True
    for col, width in zip("ABJKLM", (16, 16, 26, 20, 36, 36)):
        ws.column_dimensions[col].width = width
ws.print_area = area
ws.print_options.gridLines = True
ws.print_options.headings = True  # the column letters and row numbers, as on screen
ws.page_setup.orientation = "landscape"
ws.page_setup.paperSize = ws.PAPERSIZE_A4
ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
ws.page_setup.fitToWidth = 1
ws.page_setup.fitToHeight = 0
ws.page_margins.left = ws.page_margins.right = ws.page_margins.top = ws.page_margins.bottom = 0.3
ws.page_margins.header = ws.page_margins.footer = 0
ws.oddHeader.center.text = ws.oddFooter.center.text = ""
book.save(out)
EOF
}

# shoot NAME.xlsx NAME.png: the first page, cropped to what is printed on it
shoot() {
  local xlsx="$1" png="$2" base
  base="$(basename "$xlsx" .xlsx)"
  soffice --headless --norestore "-env:UserInstallation=file://$WORK/profile" \
    --convert-to pdf --outdir "$WORK" "$xlsx" >/dev/null 2>&1
  pdftotext -f 1 -l 1 -bbox "$WORK/$base.pdf" "$WORK/$base.html"
  # the box of the printed words, in points, and the page's size -> a crop in pixels at 80 dpi
  read -r x y w h < <("$PYTHON" - "$WORK/$base.html" <<'EOF'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
boxes = [tuple(map(float, m)) for m in re.findall(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', text)]
scale, pad = 80 / 72, 10
x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
x, y = max(0, int(x0 * scale) - pad), max(0, int(y0 * scale) - pad)
print(x, y, int(x1 * scale) + pad - x, int(y1 * scale) + pad - y)
EOF
)
  pdftoppm -png -r 80 -f 1 -l 1 -singlefile -x "$x" -y "$y" -W "$w" -H "$h" "$WORK/$base.pdf" "${png%.png}"
  echo "$png: $(stat -c %s "$png") bytes"
}

one_sheet "$WORK/template.xlsx" "Read me" "A1:A19" "$WORK/readme-en.xlsx" wrap
shoot "$WORK/readme-en.xlsx" "$OUT/template-read-me-en.png"

one_sheet "$WORK/filled.xlsx" "Organisations" "A1:E7" "$WORK/organisations-en.xlsx" mistake
shoot "$WORK/organisations-en.xlsx" "$OUT/organisations-sheet-en.png"

one_sheet "$WORK/modele.xlsx" "À lire" "A1:A19" "$WORK/a-lire-fr.xlsx" wrap
shoot "$WORK/a-lire-fr.xlsx" "$OUT/modele-a-lire-fr.png"

one_sheet "$WORK/modele.xlsx" "Travailleurs pairs" "A1:M4" "$WORK/travailleurs-pairs-fr.xlsx" consents
shoot "$WORK/travailleurs-pairs-fr.xlsx" "$OUT/modele-travailleurs-pairs-fr.png"
