#!/usr/bin/env bash
# The subset reader (parse, first), the libyaml reader and the yaml-cpp reference agree
# (same trees, same marks, same refusals) on every record collab-gen-workspace writes for
# 50 requests, and the subset reader reads every one of them itself (the unit test
# test_yaml_differential covers the hand-made corpus and mutations in depth).
. "$(dirname "$0")/../e2e/lib.sh"
: "${GEN_BIN:?set GEN_BIN to the collab-gen-workspace binary}"
: "${YAML_BENCH_BIN:?set YAML_BENCH_BIN to the collab-yaml-bench binary}"

run "$GEN_BIN" --requests 50 --seed 3 "$E2E_ROOT/ws"
expect_rc 0 "generate a workspace of 50 requests"
files=$(find "$E2E_ROOT/ws" -name '*.yaml' | wc -l | tr -d ' ')
if [ "$files" -ge 300 ]; then pass; else fail "at least 300 YAML files, not $files"; fi

run "$YAML_BENCH_BIN" --check "$E2E_ROOT/ws"
expect_rc 0 "the readers agree on every generated file"
expect_contains "$OUT" "$files files, $files read by the subset reader, 0 differ" \
    "every file was compared, and read by the subset reader"

run "$YAML_BENCH_BIN" --check "$COLLAB_SOURCE_DIR/tests/fixtures/yaml-corpus"
expect_rc 0 "the readers agree on the hand-made corpus"

run "$YAML_BENCH_BIN" --rounds 1 "$E2E_ROOT/ws"
expect_rc 0 "the benchmark runs"
expect_contains "$OUT" "subset reader (parse):" "it times the subset reader"
expect_contains "$OUT" "libyaml reader (parse_libyaml):" "the libyaml reader"
expect_contains "$OUT" "yaml-cpp reader (parse_reference):" "and the reference"
finish
