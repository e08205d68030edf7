#!/bin/sh
# Line and branch coverage of the library (make coverage):
#   BUILD=build/cov sh tests/tools/coverage.sh TEST...
# BUILD is a tree built with --coverage (make coverage builds it: lib, the C
# tests, kiji.core for every ABI). The counters are zeroed (what building
# the lexicon ran does not count), the TESTs run under prove as in make test
# (the C tests, the Lua specs through tests/run-busted.sh with BUILD's
# kiji.core, the host suites), then gcovr reads the counters of
# plugin/{base,norm,seg,dict,annotate,lua}, generated code left out
# (plugin/base/unitab_data.c, BUILD/gen/lexicon_data.c).
#
# Prints, per file, lines and branches covered, the total on the last line;
# writes to BUILD/coverage/: summary.txt (that table), never-run.txt (the
# functions no test calls, per file, from gcov's function counts),
# index.html (gcovr's annotated sources), coverage.json (gcovr's JSON).
# Exit status: prove's (the report is written either way).
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build/cov}
export BUILD
out=$BUILD/coverage

command -v gcovr >/dev/null 2>&1 || { echo "coverage.sh: needs gcovr (Debian: apt-get install gcovr)" >&2; exit 2; }
if [ -z "$(find "$BUILD" -name '*.gcno' 2>/dev/null | head -n 1)" ]; then
  echo "coverage.sh: $BUILD is not a --coverage build (make coverage)" >&2
  exit 2
fi

find "$BUILD" -name '*.gcda' -delete
rm -rf "$out" && mkdir -p "$out" || exit 2

prove -f "$@"
st=$?

echo
echo "== coverage of plugin/ ($BUILD; gcovr $(gcovr --version | sed -n '1s/^gcovr //p'))"
gcovr -r . \
  --filter 'plugin/(base|norm|seg|dict|annotate|lua)/' \
  --exclude 'plugin/base/unitab_data\.c' --exclude '.*lexicon_data\.c' \
  --json "$out/coverage.json" --json-summary "$out/summary.json" \
  --html-details "$out/index.html" --html-title "kiji coverage" \
  "$BUILD" || exit 2

python3 - "$out" <<'EOF' || exit 2
import json, os, sys
out = sys.argv[1]
summary = json.load(open(os.path.join(out, "summary.json")))
full = json.load(open(os.path.join(out, "coverage.json")))

def pct(c, t):
    return "%5.1f%%" % (100.0 * c / t) if t else "    -"

# functions never run: each (name, line) once (kiji.core's objects of
# every ABI are merged by gcovr), per file
never = {}
for f in full["files"]:
    seen = {}
    for fn in f["functions"]:
        key = (fn["lineno"], fn["name"])
        seen[key] = seen.get(key, 0) + fn["execution_count"]
    never[f["file"]] = sorted(k for k, v in seen.items() if v == 0)

with open(os.path.join(out, "never-run.txt"), "w") as w:
    w.write("# functions no test runs (file:line name), from gcov's function counts\n")
    for name in sorted(never):
        for line, fn in never[name]:
            w.write("%s:%d %s\n" % (name, line, fn))

rows = sorted(summary["files"], key=lambda f: f["filename"])
width = max([len(f["filename"]) for f in rows] + [len("total")])
lines = []
head = "%-*s  %15s  %6s  %15s  %6s  %9s" % (width, "file", "lines", "", "branches", "", "never run")
lines.append(head)
lines.append("-" * len(head))
for f in rows:
    lines.append("%-*s  %7d / %5d  %6s  %7d / %5d  %6s  %9d" % (
        width, f["filename"], f["line_covered"], f["line_total"],
        pct(f["line_covered"], f["line_total"]),
        f["branch_covered"], f["branch_total"], pct(f["branch_covered"], f["branch_total"]),
        len(never.get(f["filename"], []))))
lines.append("-" * len(head))
lines.append("%-*s  %7d / %5d  %6s  %7d / %5d  %6s  %9d" % (
    width, "total", summary["line_covered"], summary["line_total"],
    pct(summary["line_covered"], summary["line_total"]),
    summary["branch_covered"], summary["branch_total"],
    pct(summary["branch_covered"], summary["branch_total"]),
    sum(len(v) for v in never.values())))
text = "\n".join(lines) + "\n"
open(os.path.join(out, "summary.txt"), "w").write(text)
print("(functions never run: %s/never-run.txt; annotated sources: %s/index.html)" % (out, out))
sys.stdout.write(text)
EOF
exit $st
