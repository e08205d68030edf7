#!/bin/sh
# tests/tools/format.sh [--fix] [FILE...]: C sources against .clang-format
# (clang-format 14, Debian 12's); by default every C file of the project.
# Lists each file clang-format would change and exits 1; with --fix,
# rewrites them. The generated Unicode tables (plugin/base/unitab_data.c,
# `make tables`) are left as written.
fix=no
if [ "${1:-}" = --fix ]; then fix=yes; shift; fi
CLANG_FORMAT=${CLANG_FORMAT:-clang-format}
if [ $# -gt 0 ]; then
  files=$*
else
  cd "$(dirname "$0")/../.." || exit 2
  files=$(git ls-files '*.c' '*.h' 2>/dev/null | grep -v '^plugin/base/unitab_data\.c$')
  [ -n "$files" ] || files=$(find include plugin tests -name '*.[ch]' ! -name unitab_data.c | sort)
fi
if [ $fix = yes ]; then
  echo "$files" | xargs "$CLANG_FORMAT" -i
  exit $?
fi
bad=0
for f in $files; do
  if ! "$CLANG_FORMAT" "$f" | cmp -s "$f" -; then
    echo "$f: not as .clang-format writes it (make format)"
    bad=1
  fi
done
exit $bad
