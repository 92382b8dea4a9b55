#!/usr/bin/env python3
"""Checks a workbook written by `collab export --form --format xlsx` or `collab stats
--format xlsx` (tests/e2e/test_export_xlsx.sh), cell by cell with openpyxl.

xlsx_files.py FILE [--sheet NAME]... [--text SHEET TEXT]... [--table SHEET HEADER ROWS]...
                   [--date SHEET YYYY-MM-DD]... [--datetime SHEET YYYY-MM-DD HH:MM]...
                   [--number SHEET VALUE]... [--percent SHEET VALUE]... [--zone ZONE]

Always: no text cell holds what should be a date, a date and time or a number; dates have a
date number format; every column is at least as wide as its widest field or table cell
(display columns, a CJK character counting two, plus two, at most 60; a sheet's title in A1
and a note, a lone cell after a blank row, spill over and are not counted).
--sheet: a worksheet of that name. --text: a text cell equal to TEXT. --table: the sheet's
panes are frozen below a header row holding HEADER, followed by ROWS rows. --date,
--datetime: a date cell of that value. --number, --percent: a number cell of that value
(a percent's as shown: 60 for 60%, with a % format). --zone: every date-and-time cell's
number format names ZONE (Excel's date-times have none; the workbook says which it holds),
and there is at least one. Prints every failure; exits 1 on any.
"""
import datetime
import re
import sys
import unicodedata

import openpyxl
from openpyxl.utils import get_column_letter

failures = []


def fail(text):
    failures.append(text)


def display_width(text):
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or ch in "\u200d\ufe0f":
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def shown(cell):
    """The text a cell stands for, as the document had it."""
    value = cell.value
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M" if "hh" in cell.number_format else "%Y-%m-%d")
    if isinstance(value, float) and "%" in cell.number_format:
        return f"{value * 100:g}%"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def wanted_width(text):
    return min(max(display_width(line) for line in text.split("\n")) + 2, 60)


def check_cells(ws):
    rows = list(ws.iter_rows())
    widths = {}
    previous_empty = False
    for index, row in enumerate(rows):
        cells = [c for c in row if c.value is not None]
        lone_after_blank = previous_empty and len(cells) == 1 and cells[0].column == 1
        previous_empty = not cells
        for cell in cells:
            value = cell.value
            if isinstance(value, str):
                if re.fullmatch(r"\d{4}-\d\d-\d\d( \d\d:\d\d)?", value):
                    fail(f"{ws.title}!{cell.coordinate}: the date {value!r} is text")
                if re.fullmatch(r"-?(0|[1-9]\d{0,14})(\.\d+)?%?", value):
                    fail(f"{ws.title}!{cell.coordinate}: the number {value!r} is text")
            elif isinstance(value, datetime.datetime):
                if "yy" not in cell.number_format:
                    fail(f"{ws.title}!{cell.coordinate}: a date without a date format")
            elif not isinstance(value, (int, float)) or isinstance(value, bool):
                fail(f"{ws.title}!{cell.coordinate}: unexpected {value!r}")
            if index == 0 or lone_after_blank:
                continue  # the title and notes spill over
            letter = get_column_letter(cell.column)
            widths[letter] = max(widths.get(letter, 0), wanted_width(shown(cell)))
    for letter, want in widths.items():
        have = ws.column_dimensions[letter].width if letter in ws.column_dimensions else None
        if have is None or have < want:
            fail(f"{ws.title}: column {letter} is {have} wide, its widest cell needs {want}")


def cells_of(wb, name):
    if name not in wb.sheetnames:
        fail(f"no sheet {name!r} (sheets: {wb.sheetnames})")
        return []
    return [c for row in wb[name].iter_rows() for c in row if c.value is not None]


def check_table(wb, name, header, count):
    if name not in wb.sheetnames:
        fail(f"no sheet {name!r} (sheets: {wb.sheetnames})")
        return
    ws = wb[name]
    frozen = ws.freeze_panes
    if not frozen or not re.fullmatch(r"A\d+", frozen):
        fail(f"{name}: panes are not frozen below a header ({frozen!r})")
        return
    first = int(frozen[1:])
    header_cells = [c.value for c in ws[first - 1]]
    if header not in header_cells:
        fail(f"{name}: the frozen row {first - 1} is {header_cells}, without {header!r}")
    rows = 0
    for row in ws.iter_rows(min_row=first):
        if all(c.value is None for c in row):
            break
        rows += 1
    if rows != count:
        fail(f"{name}: {rows} rows under the header, expected {count}")
    if not ws.cell(first - 1, 1).font.b:
        fail(f"{name}: the header row is not bold")


def main(argv):
    path = argv[1]
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        check_cells(ws)
    args = argv[2:]
    while args:
        option = args.pop(0)
        if option == "--sheet":
            name = args.pop(0)
            if name not in wb.sheetnames:
                fail(f"no sheet {name!r} (sheets: {wb.sheetnames})")
        elif option == "--text":
            name, text = args.pop(0), args.pop(0)
            if not any(c.value == text for c in cells_of(wb, name)):
                fail(f"{name}: no text cell {text!r}")
        elif option == "--table":
            check_table(wb, args.pop(0), args.pop(0), int(args.pop(0)))
        elif option in ("--date", "--datetime"):
            name, text = args.pop(0), args.pop(0)
            fmt = "%Y-%m-%d" if option == "--date" else "%Y-%m-%d %H:%M"
            want = datetime.datetime.strptime(text, fmt)
            if not any(isinstance(c.value, datetime.datetime) and c.value == want
                       for c in cells_of(wb, name)):
                fail(f"{name}: no date cell {text}")
        elif option == "--zone":
            zone = args.pop(0)
            times = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row
                     if isinstance(c.value, datetime.datetime) and "hh" in c.number_format]
            if not times:
                fail("no date-and-time cell")
            for c in times:
                if f'"{zone}"' not in c.number_format:
                    fail(f"{c.parent.title}!{c.coordinate}: the format {c.number_format!r} does not name {zone}")
        elif option in ("--number", "--percent"):
            name, value = args.pop(0), float(args.pop(0))
            percent = option == "--percent"
            if not any(isinstance(c.value, (int, float)) and not isinstance(c.value, bool)
                       and abs(c.value * (100 if percent else 1) - value) < 1e-9
                       and (("%" in c.number_format) == percent)
                       for c in cells_of(wb, name)):
                fail(f"{name}: no {option[2:]} cell {value:g}")
        else:
            fail(f"unknown option {option}")
    for text in failures:
        print(f"{path}: {text}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
