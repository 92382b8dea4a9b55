#!/usr/bin/env bash
# Tables stay aligned on a terminal when their cells hold emoji, ZWJ sequences, flags,
# combining marks and CJK text: `collab task list` with such task names puts every
# column after NAME at the same display column on every row. Display columns are
# counted here independently of collab, with Python's unicodedata (East Asian Width W
# and F are two columns; combining marks, format characters and variation selectors
# none; a ZWJ joins the next emoji into one glyph; two regional indicators are one flag).
# The third task's name is woman-ZWJ-laptop (one glyph), the flag of China, and "cafe"
# with a combining acute accent.
. "$(dirname "$0")/lib.sh"

new_workspace "$E2E_ROOT/ws" || exit 1
cd "$E2E_ROOT/ws" || exit 1
RID=$(req 2026-09-14 "上线 🚀 ✅" --due 2026-10-30) || exit 1
final "$RID" 2026-09-15
collab --now 2026-09-16T10:00 --as zhang split "$RID" \
    --task "name=上线 🚀 ✅;owner=chen;deadline=2026-09-24;deliverable=Flow chart;covers=1" \
    --task "name=Plain name;owner=zhang;deadline=2026-10-14;deliverable=Tool v1;covers=1" \
    --task "name=👩‍💻 在 🇨🇳 café;owner=chen;deadline=2026-10-21;deliverable=Notes;covers=1" \
    --task "name=ＡＢ 全角;owner=zhang;deadline=2026-10-21;deliverable=Notes;covers=1" \
    >/dev/null || fail "the split"
commit "split"

run collab --now 2026-09-28T10:00 task list
expect_rc 0 "task list"
expect_contains "$OUT" "上线 🚀 ✅" "the emoji task is listed"
run python3 - "$OUT" <<'PY'
import re
import sys
import unicodedata

def width(text):
    total = 0
    joined = False      # the previous character was a ZWJ
    regional = 0        # regional indicators seen in a row
    for ch in text:
        code = ord(ch)
        if 0x1F1E6 <= code <= 0x1F1FF:
            regional += 1
            total += 2 if regional % 2 == 1 else 0
            continue
        regional = 0
        if joined:
            joined = False
            continue
        if code == 0x200D:
            joined = True
            continue
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf") \
                or 0xFE00 <= code <= 0xFE0F:
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total

lines = [line for line in sys.argv[1].splitlines() if line.strip()]
columns = {}
for line in lines[:5]:  # the header and the four tasks; day-count notes may follow
    # Cells are separated by two or more spaces; the third cell is OWNER's.
    starts = [m.end() for m in re.finditer(r" {2,}", line)]
    columns[line] = [width(line[:start]) for start in starts[:3]]
if len({tuple(c) for c in columns.values()}) != 1:
    for line, cols in columns.items():
        print(cols, line)
    sys.exit(1)
PY
expect_rc 0 "every column starts at the same display column on every row"

finish
