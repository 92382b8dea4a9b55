#!/usr/bin/env python3
"""Checks a form written by `collab export --form` (tests/e2e/test_export_forms.sh).

form_files.py md|html|csv FILE [--contains TEXT]... [--rows SECTION N]... [--header SECTION CELL]...

md: GitHub pipe tables (a header, a --- row, every row of a table with the same number of
    cells, `|` in a cell escaped). html: a complete page (doctype, UTF-8, A4 @page, the CJK
    font list), well-formed (every element closed in order). csv: a UTF-8 BOM, CRLF line
    ends, RFC 4180 rows, sections separated by a blank row and headed by their title.
--contains: the text (as shown: unescaped) is in the document. --rows: the table of the
section titled SECTION has N rows besides its header (in CSV, the header is the row with the
cell a --header before it named, else the first row of more than two cells). --header: that
table's header has CELL. Prints every failure; exits 1 on any.
"""
import csv
import io
import re
import sys
from html.parser import HTMLParser

VOID = {"meta", "br", "hr", "img", "link", "input", "col", "area", "base", "wbr"}


def md_cells(line):
    body = line.strip()
    assert body.startswith("|") and body.endswith("|"), line
    cells, cell, i = [], "", 1
    while i < len(body) - 1:
        if body[i] == "\\" and i + 1 < len(body) - 1:
            cell += body[i + 1]
            i += 2
            continue
        if body[i] == "|":
            cells.append(cell.strip())
            cell = ""
        else:
            cell += body[i]
        i += 1
    cells.append(cell.strip())
    return cells


def read_md(raw, errors):
    text = raw.decode("utf-8")
    tables = {}  # section -> list of tables (list of rows, header first)
    section, table = "", None
    for line in text.split("\n"):
        if line.startswith("#"):
            section = line.lstrip("#").strip()
        if line.startswith("|"):
            if table is None:
                table = []
                tables.setdefault(section, []).append(table)
            table.append(md_cells(line))
        else:
            table = None
    for section, found in tables.items():
        for rows in found:
            widths = {len(r) for r in rows}
            if len(widths) != 1:
                errors.append(f"md: table under '{section}' has rows of {sorted(widths)} cells")
            if len(rows) < 2 or any(not re.fullmatch(r"-{3,}", c) for c in rows[1]):
                errors.append(f"md: table under '{section}' has no --- row")
            else:
                del rows[1]
    plain = text.replace("\\|", "|").replace("<br>", "\n").replace("&lt;", "<").replace("&amp;", "&")
    return plain, tables


class Page(HTMLParser):
    def __init__(self, errors):
        super().__init__(convert_charrefs=True)
        self.errors, self.stack, self.text = errors, [], []
        self.tables, self.section, self.row, self.table = {}, "", None, None
        self.in_h2 = False
        self.cell = None

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)
        if tag == "h2":
            self.in_h2, self.section = True, ""
        elif tag == "table" and dict(attrs).get("class") == "rows":
            self.table = []
            self.tables.setdefault(self.section, []).append(self.table)
        elif tag == "tr" and self.table is not None:
            self.row = []
            self.table.append(self.row)
        elif tag in ("td", "th") and self.row is not None:
            self.cell = ""

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"html: </{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
        else:
            self.stack.pop()
        if tag == "h2":
            self.in_h2 = False
        elif tag == "table":
            self.table, self.row = None, None
        elif tag in ("td", "th") and self.row is not None and self.cell is not None:
            self.row.append(self.cell.strip())
            self.cell = None

    def handle_data(self, data):
        self.text.append(data)
        if self.in_h2:
            self.section += data
        if self.cell is not None:
            self.cell += data


def read_html(raw, errors):
    text = raw.decode("utf-8")
    for needle in ("<!DOCTYPE html>", '<meta charset="utf-8">', "@page", "size: A4",
                   '"Noto Sans CJK SC"', '"Source Han Sans SC"', '"Microsoft YaHei"',
                   '"PingFang SC"', "sans-serif", "break-before: page"):
        if needle not in text:
            errors.append(f"html: no {needle}")
    page = Page(errors)
    page.feed(text)
    page.close()
    if page.stack:
        errors.append(f"html: unclosed {page.stack}")
    return "".join(page.text), page.tables


def read_csv(raw, errors):
    if not raw.startswith(b"\xef\xbb\xbf"):
        errors.append("csv: no UTF-8 BOM")
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    # Every record ends in CRLF: outside quotes no bare LF.
    quoted = False
    for i, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted
        elif ch == "\n" and not quoted and (i == 0 or text[i - 1] != "\r"):
            errors.append("csv: a line ends without CR")
            break
    # Each section's rows after its title; its table is found by check_table.
    tables, section = {"": [[]]}, ""
    for row in rows[1:]:
        if not row:
            section = None
        elif section is None:
            section = row[0]
            tables[section] = [[]]
        else:
            tables[section][0].append(row)
    plain = "\n".join(",".join(r) for r in rows)
    return plain, tables


def main(argv):
    fmt, path, rest = argv[1], argv[2], argv[3:]
    errors = []
    with open(path, "rb") as f:
        raw = f.read()
    reader = {"md": read_md, "html": read_html, "csv": read_csv}[fmt]
    text, tables = reader(raw, errors)
    headers = {}

    def table_of(section):
        found = tables.get(section)
        if not found:
            return None
        if fmt != "csv":
            return found[-1]  # after the table of fields
        # CSV: the header is the row with the cell --header named, else the first row
        # of more than two cells; the table is it and the rows of its width after it.
        rows = found[0]
        start = next((i for i, r in enumerate(rows)
                      if (headers.get(section) in r if section in headers else len(r) > 2)), None)
        if start is None:
            return None
        width = len(rows[start])
        return [rows[start]] + [r for r in rows[start + 1:] if len(r) == width]

    i = 0
    while i < len(rest):
        opt = rest[i]
        if opt == "--contains":
            if rest[i + 1] not in text:
                errors.append(f"{fmt}: no '{rest[i + 1]}'")
            i += 2
        elif opt == "--rows":
            table = table_of(rest[i + 1])
            want = int(rest[i + 2])
            if not table:
                errors.append(f"{fmt}: no table under '{rest[i + 1]}' (sections: {list(tables)})")
            elif len(table) - 1 != want:
                errors.append(f"{fmt}: '{rest[i + 1]}' has {len(table) - 1} rows, not {want}")
            i += 3
        elif opt == "--header":
            headers[rest[i + 1]] = rest[i + 2]
            table = table_of(rest[i + 1])
            if not table or rest[i + 2] not in table[0]:
                errors.append(f"{fmt}: '{rest[i + 1]}' has no column '{rest[i + 2]}'")
            i += 3
        else:
            errors.append(f"unknown option {opt}")
            i += 1
    for error in errors:
        print(f"{path}: {error}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
