# page_suite.sh: sourced by the suites that test pages in Chromium
# (html.t, timeline.t) with `page` set to the suite's name. Sets `out`
# ($BUILD/test-output/PAGE, emptied of an earlier run's pages, DOM dumps,
# net logs and screenshots), `abs` (out, absolute) and `tmp` (removed on
# exit), and the TAP helpers: pass, fail, and check DESCRIPTION
# COMMAND... (ok when COMMAND succeeds, its output as diagnostics when
# not); the suite ends by its count n and `failed`.
out=$BUILD/test-output/$page
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$out" || exit 1
rm -f "$out"/*.html "$out"/*.json "$out"/*.png "$out"/*.dom "$out"/*.netlog
abs=$(cd "$out" && pwd)

n=0
failed=0
pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() { n=$((n + 1)); echo "not ok $n - $1"; failed=1; }
check() {
  desc=$1; shift
  if "$@" >"$tmp/log" 2>&1; then pass "$desc"; else fail "$desc"; sed 's/^/# /' "$tmp/log"; fi
}
