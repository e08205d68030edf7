#!/bin/sh
# The C sources as .clang-format writes them (tests/tools/format.sh), and
# the check itself checked: a file with a line out of format must fail it.
# The style is clang-format 14's (Debian 12): another major version may
# format otherwise, so it skips rather than fail on that.
cd "$(dirname "$0")/../.." || exit 1
. tests/suites/skip.sh
need_cmd clang-format clang-format
major=$(clang-format --version | sed -n 's/.*version \([0-9]*\)\..*/\1/p')
[ "$major" = 14 ] || skip_all_anyway "the style is clang-format 14's; this is clang-format $major"
echo "1..2"
if out=$(sh tests/tools/format.sh 2>&1); then
  echo "ok 1 - every C source is as .clang-format writes it"
else
  echo "not ok 1 - C sources out of format (make format rewrites them)"
  echo "$out" | sed 's/^/# /'
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cp .clang-format "$tmp/"
printf 'int  main(void){return 0;}\n' > "$tmp/bad.c"
if sh tests/tools/format.sh "$tmp/bad.c" >/dev/null; then
  echo "not ok 2 - a file out of format is seen as such"
else
  echo "ok 2 - a file out of format is seen as such"
fi
