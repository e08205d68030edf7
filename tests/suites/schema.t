#!/bin/sh
# kiji.json output of every fixture article against doc/kiji-doc.schema.json
# (the JSON Schema of doc/SCHEMA.md) and the offsets checked on the original
# bytes, after the docs: doc/SCHEMA.md and doc/ANNOTATION.md name every field
# of the schema, README links them and no ../shared/ file, their links
# lead somewhere (TAP, tests/schema/validate_docs.py).
# Skipped without lua5.4, its kiji.core, python3 or jsonschema (skip.sh).
set -e
cd "$(dirname "$0")/../.."
. tests/suites/skip.sh
need_cmd lua5.4 lua5.4
need_core 5.4
need_cmd python3 python3
need_py_mod jsonschema python3-jsonschema
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/texts"
for lang in en ja; do
  for f in tests/fixtures/annotate/$lang/*.txt; do cp "$f" "$tmp/texts/$lang-$(basename "$f")"; done
done
cp tests/fixtures/sample-en.txt tests/fixtures/sample-ja.txt "$tmp/texts/"
printf '' > "$tmp/texts/empty.txt"
printf 'Tabs\tand "quotes" \\ and \001 control: Kyodo denied it.\n' > "$tmp/texts/escapes.txt"
(
  export LUA_PATH="lua/?.lua;lua/?/init.lua;;" LUA_CPATH="${BUILD:-build}/5.4/?.so;;"
  if [ -n "${ASAN_PRELOAD:-}" ]; then export LD_PRELOAD="$ASAN_PRELOAD"; fi
  lua5.4 tests/tools/annotate_dir.lua "$tmp/texts" "$tmp/docs.jsonl" --full-ids 2>/dev/null
)
exec python3 tests/schema/validate_docs.py doc/kiji-doc.schema.json "$tmp/texts" "$tmp/docs.jsonl" \
  --doc-check README.md doc/SCHEMA.md doc/ANNOTATION.md
