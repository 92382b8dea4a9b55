#!/usr/bin/env python3
"""Checks a site written by `collab site` (tests/e2e/test_site.sh).

site_files.py DIR LANG [--page PATH]... [--contains PATH TEXT]... [--absent PATH TEXT]...
    [--links PATH TARGET]... [--count PATH TEXT N]...

Every *.html under DIR: well-formed XML (xml.etree: every element closed, in order,
attributes quoted; the pages are XHTML-compatible HTML5), <html lang="LANG">, a UTF-8
meta, no <script, no on* attribute, no javascript: URL; every href and src relative
(no scheme, no leading /) and resolving to a file inside DIR. --page: the page exists.
--contains/--absent: the page's text (as shown: entities decoded) has / lacks TEXT.
--links: the page links to TARGET (a path in the site). --count: TEXT appears N times in
the page's text. Prints every failure; exits 1 on any.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET
from urllib.parse import unquote, urlsplit


def local(tag):
    return tag.rsplit("}", 1)[-1]


def page_text(root):
    return "".join(root.itertext())


def check_page(site, rel, lang, errors, pages):
    path = os.path.join(site, rel)
    raw = open(path, "rb").read().decode("utf-8")
    if not raw.startswith("<!DOCTYPE html>"):
        errors.append(f"{rel}: no <!DOCTYPE html>")
    if re.search(r"<script", raw, re.I):
        errors.append(f"{rel}: has <script")
    try:
        root = ET.fromstring(raw.encode("utf-8"))
    except ET.ParseError as e:
        errors.append(f"{rel}: not well-formed: {e}")
        return
    if root.get("lang") != lang:
        errors.append(f"{rel}: <html lang={root.get('lang')!r}>, wanted {lang!r}")
    if not any(local(e.tag) == "meta" and e.get("charset") == "utf-8" for e in root.iter()):
        errors.append(f"{rel}: no <meta charset=utf-8>")
    links = set()
    for e in root.iter():
        for name, value in e.attrib.items():
            name = local(name)
            if name.startswith("on"):
                errors.append(f"{rel}: <{local(e.tag)} {name}=...>")
            if name not in ("href", "src"):
                continue
            if value.lower().startswith("javascript:"):
                errors.append(f"{rel}: javascript: URL")
            parts = urlsplit(value)
            if local(e.tag) == "use" or value.startswith("#") or (local(e.tag) == "path" and name == "href"):
                continue
            if parts.scheme or parts.netloc or value.startswith("/"):
                errors.append(f"{rel}: {name}={value!r} is not relative")
                continue
            target = os.path.normpath(os.path.join(os.path.dirname(rel), unquote(parts.path)))
            if target.startswith(".."):
                errors.append(f"{rel}: {name}={value!r} leaves the site")
            elif not os.path.isfile(os.path.join(site, target)):
                errors.append(f"{rel}: {name}={value!r} resolves to no file ({target})")
            links.add(target)
    pages[rel] = (page_text(root), links)


def main(argv):
    site, lang, rest = argv[1], argv[2], argv[3:]
    errors, pages = [], {}
    for folder, _, files in os.walk(site):
        for name in sorted(files):
            if name.endswith(".html"):
                rel = os.path.relpath(os.path.join(folder, name), site)
                check_page(site, rel, lang, errors, pages)
    if not pages:
        errors.append("no pages")
    i = 0
    while i < len(rest):
        option = rest[i]
        if option == "--page":
            if rest[i + 1] not in pages:
                errors.append(f"no page {rest[i + 1]}")
            i += 2
            continue
        rel = rest[i + 1]
        text, links = pages.get(rel, ("", set()))
        if rel not in pages:
            errors.append(f"{option}: no page {rel}")
        if option == "--contains":
            if rest[i + 2] not in text:
                errors.append(f"{rel}: does not contain {rest[i + 2]!r}")
            i += 3
        elif option == "--absent":
            if rest[i + 2] in text:
                errors.append(f"{rel}: contains {rest[i + 2]!r}")
            i += 3
        elif option == "--links":
            if rest[i + 2] not in links:
                errors.append(f"{rel}: no link to {rest[i + 2]} (links: {sorted(links)})")
            i += 3
        elif option == "--count":
            found = text.count(rest[i + 2])
            if found != int(rest[i + 3]):
                errors.append(f"{rel}: {rest[i + 2]!r} {found} times, wanted {rest[i + 3]}")
            i += 4
        else:
            errors.append(f"unknown option {option}")
            break
    for error in errors:
        print(error)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
