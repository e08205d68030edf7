# page_suite.sh: sourced by the suites that test pages in Chromium
# (html.t, timeline.t) with `page` set to the suite's name. Sets `out`
# ($BUILD/test-output/PAGE, emptied of an earlier run's pages, DOM dumps,
# net logs and screenshots), `abs` (out, absolute) and `tmp` (removed on
# exit); the suite reports with tap.sh's helpers.
out=$BUILD/test-output/$page
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$out" || exit 1
rm -f "$out"/*.html "$out"/*.json "$out"/*.png "$out"/*.dom "$out"/*.netlog
abs=$(cd "$out" && pwd)

