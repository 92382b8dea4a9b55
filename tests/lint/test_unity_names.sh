#!/usr/bin/env bash
# The unity build (CMakeLists.txt) compiles eight sources of a target as one translation
# unit, and which eight changes as files are added. Two files of one target that define
# the same function (same name, same parameters) or the same type or constant in an
# anonymous namespace build alone but not together: this finds such pairs before a new
# file moves them into one batch. Overloads (other parameters) are allowed.
set -u
exec python3 - "$COLLAB_SOURCE_DIR" <<'PY'
import collections, glob, os, re, sys

root = sys.argv[1]
targets = {"collab_core": "src/core/**/*.cpp", "collab": "src/cli/*.cpp"}

def anonymous_definitions(path):
    """(kind, name, parameters) of what a file defines at the top of its anonymous namespaces."""
    text = open(path, encoding="utf-8").read()
    found, inside, lines = [], False, text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("namespace {"):
            inside = True
        elif re.match(r"^\} // (anonymous )?namespace\s*$", line):
            inside = False
        elif inside and line[:1].isalpha():
            kind = re.match(r"^(struct|class|enum class|enum)\s+(\w+)", line)
            if kind:
                found.append(("type", kind.group(2), ""))
                continue
            const = re.match(r"^(?:constexpr|const|static|inline)\b[^(=]*?\b(k_\w+)\b", line)
            if const:
                found.append(("constant", const.group(1), ""))
                continue
            function = re.match(r"^(?!using|namespace|return)[\w:<>,\s\*&]+?\b(\w+)\(", line)
            if function:
                signature = line[function.end():]
                j = i
                while ")" not in signature and j + 1 < len(lines):
                    j += 1
                    signature += " " + lines[j].strip()
                parameters = re.sub(r"\s+", " ", signature.split(")")[0])
                # Parameter names do not make an overload: keep the types.
                types = ",".join(re.sub(r"\s*\b\w+\s*(=.*)?$", "", p).strip()
                                 for p in parameters.split(",")) if parameters.strip() else ""
                if not signature.rstrip().endswith(";"):
                    found.append(("function", function.group(1), types))
    return found

status = 0
for target, pattern in targets.items():
    seen = collections.defaultdict(list)
    for path in sorted(glob.glob(os.path.join(root, pattern), recursive=True)):
        for definition in set(anonymous_definitions(path)):
            seen[definition].append(os.path.relpath(path, root))
    for (kind, name, types), paths in sorted(seen.items()):
        if len(paths) > 1:
            print(f"{target}: {kind} '{name}({types})' is defined in the anonymous namespaces of "
                  f"{' and '.join(paths)}; rename one, or share it from a header")
            status = 1
sys.exit(status)
PY
