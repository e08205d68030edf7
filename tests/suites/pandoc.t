#!/bin/sh
# lua/kiji/pandoc.lua through the real pandoc binary (TAP): Markdown, HTML
# and a DOCX that pandoc makes from the Markdown, against the expected
# outputs in tests/fixtures/pandoc/expected (README there); the metadata
# summary through a template and as JSON; code, code blocks and raw HTML
# left alone; nothing changed but Spans added; the filter required as a
# module; and a property check of the rebuilding on random paragraphs.
# Debian 12's pandoc (2.17) embeds Lua 5.3, pandoc 3 Lua 5.4: the kiji.core
# of that ABI ($BUILD/5.3 or $BUILD/5.4) must be built. No pandoc or no
# kiji.core of its Lua: skipped (skip.sh).
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
fx=tests/fixtures/pandoc
exp=$fx/expected
. tests/suites/skip.sh
need_cmd pandoc pandoc

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# the Lua ABI of this pandoc
printf 'io.stderr:write(_VERSION, "\\n")\nreturn {}\n' > "$tmp/version.lua"
abi=$(pandoc -f markdown -t plain -L "$tmp/version.lua" /dev/null 2>&1 >/dev/null |
  sed -n 's/^Lua \(5\.[0-9]\).*/\1/p')
abi=${abi:-5.3}
need_core "$abi"
export LUA_PATH="lua/?.lua;lua/?/init.lua;;"
export LUA_CPATH="$BUILD/$abi/?.so;;"

# pandoc, with the sanitizer runtime preloaded when kiji.core was built with it
kpandoc() {
  if [ -n "${ASAN_PRELOAD:-}" ]; then
    LD_PRELOAD="$ASAN_PRELOAD" pandoc "$@"
  else
    pandoc "$@"
  fi
}
filter() { kpandoc -L lua/kiji/pandoc.lua "$@"; }

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
  n=$((n + 1)); failed=1
  echo "not ok $n - $1"
  if [ -s "$tmp/why" ]; then sed 's/^/#   /' "$tmp/why"; fi
}
check() { # check NAME COMMAND...: ok when COMMAND succeeds; its output explains
  name=$1; shift
  if "$@" > "$tmp/why" 2>&1; then ok "$name"; else not_ok "$name"; fi
  rm -f "$tmp/why"
}

# What pandoc 3's HTML writer does otherwise than 2.17's, taken away on
# both sides: row classes and the footnote section's id and roles.
normalize() {
  sed -e 's/<tr class="[a-z]*">/<tr>/g' -e 's/ id="footnotes"//g' \
      -e 's/ role="doc-endnote"//g' "$1"
}
same_html() { # same_html EXPECTED ACTUAL
  normalize "$1" > "$tmp/expected.norm" && normalize "$2" > "$tmp/actual.norm" &&
    diff -u "$tmp/expected.norm" "$tmp/actual.norm"
}
same_text() { diff -u "$1" "$2"; }
ran() { # ran FILE COMMAND...: COMMAND's stdout to FILE, its stderr shown on failure
  out=$1; shift
  "$@" > "$out"
}

have_python=no
if command -v python3 >/dev/null 2>&1; then have_python=yes; fi

# ---------------------------------------------------------------- HTML out

md_html() {
  ran "$tmp/md.html" filter "$fx/news.md" -t html --wrap=none && same_html "$exp/md.html" "$tmp/md.html"
}
check "Markdown: the Spans of kiji's mentions, cues and claims (expected/md.html)" md_html

html_html() {
  ran "$tmp/html.html" filter "$fx/news.html" -t html --wrap=none && same_html "$exp/html.html" "$tmp/html.html"
}
check "HTML: the same from pandoc's HTML reader (expected/html.html)" html_html

docx_html() {
  pandoc "$fx/news.md" -o "$tmp/news.docx" &&
    ran "$tmp/docx.html" filter "$tmp/news.docx" -t html --wrap=none &&
    same_html "$exp/docx.html" "$tmp/docx.html"
}
check "DOCX made by pandoc from the Markdown (expected/docx.html)" docx_html

# ---------------------------------------------------------------- metadata

summary() { # summary INPUT EXPECTED
  ran "$tmp/summary.txt" filter "$1" -t plain --wrap=none --template="$fx/summary.txt.tpl" &&
    same_text "$2" "$tmp/summary.txt"
}
check "metadata kiji.officials, kiji.outlets, kiji.denials through a template (Markdown)" \
  summary "$fx/news.md" "$exp/md-summary.txt"
check "metadata through a template (HTML)" summary "$fx/news.html" "$exp/html-summary.txt"

meta_json() {
  ran "$tmp/md.json" filter "$fx/news.md" -t json &&
    python3 - "$tmp/md.json" "$exp/md-summary.txt" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
summary = open(sys.argv[2], encoding="utf-8").read()
kiji = doc["meta"]["kiji"]
assert kiji["t"] == "MetaMap", kiji["t"]
fields = kiji["c"]
assert sorted(fields) == ["denials", "officials", "outlets"], sorted(fields)
def strings(v):
    assert v["t"] == "MetaList", v
    for x in v["c"]:
        assert x["t"] == "MetaString", x
    return [x["c"] for x in v["c"]]
officials, outlets = strings(fields["officials"]), strings(fields["outlets"])
assert len(set(officials)) == len(officials) and len(set(outlets)) == len(outlets), "repeated texts"
assert "Defense Ministry" in officials and "高田健一官房長官" in officials, officials
assert "Reuters" in outlets and "共同通信" in outlets, outlets
assert "Kyodo News" not in outlets, "a mention inside code reached the metadata"
denials = fields["denials"]
assert denials["t"] == "MetaList"
rows = []
for d in denials["c"]:
    assert d["t"] == "MetaMap", d
    m = {k: v["c"] for k, v in d["c"].items() if v["t"] == "MetaString"}
    assert set(d["c"]) <= {"who", "cue", "claim", "reported_by"}, d["c"].keys()
    assert "cue" in m, m
    rows.append(m)
assert {"who": "U.S. Secretary of State Ellen Marsh", "cue": "untrue", "claim": "the claim",
        "reported_by": "Reuters"} in rows, rows
assert {"who": "韓国国防省", "cue": "否定", "claim": "「事実無根だ」"} in rows, rows
assert not any("Kyodo News denied" in r.get("claim", "") or r["cue"] == "denied" and r.get("who") == "Kyodo News"
               for r in rows), "a denial inside code reached the metadata"
# the template printed the same lists
assert summary.count("\n- ") == len(officials) + len(outlets) + len(rows), "template and JSON differ"
EOF
}
if [ $have_python = yes ]; then
  check "metadata as JSON: a MetaMap of MetaLists of MetaStrings and of {who, cue, claim, reported_by}" meta_json
else
  skip_one "metadata as JSON: python3 is not installed (Debian: apt-get install python3)"
fi

# ---------------------------------------------------------------- code

code_untouched() {
  grep -qxF '<pre><code>Kyodo News denied the report by NHK.</code></pre>' "$tmp/md.html" &&
    grep -qF 'posted the line <code>Kyodo News denied the report</code> on the' "$tmp/md.html" &&
    grep -qxF '<p class="wire">The Foreign Ministry denied the report.</p>' "$tmp/md.html" &&
    grep -qxF '<pre><code>The Defense Ministry denied the report by Reuters.</code></pre>' "$tmp/html.html" &&
    grep -qF 'The line <code>NHK denied the report</code> was quoted' "$tmp/html.html" || {
      echo "a code span, code block or raw HTML block was changed"; return 1; }
}
check "code spans, code blocks and raw HTML blocks left alone" code_untouched

# kiji's Spans taken away (adjacent Str joined), each document must be the
# one pandoc reads without the filter: same code, same everything else.
only_spans() { # only_spans INPUT
  pandoc "$1" -t json > "$tmp/plain.json" &&
    ran "$tmp/filtered.json" filter "$1" -t json &&
    python3 - "$tmp/plain.json" "$tmp/filtered.json" <<'EOF'
import json, sys
plain = json.load(open(sys.argv[1], encoding="utf-8"))
filtered = json.load(open(sys.argv[2], encoding="utf-8"))
def is_kiji(x):
    return (isinstance(x, dict) and x.get("t") == "Span" and
            any(c.startswith("kiji-") for c in x["c"][0][1]))
def strip(x):
    if isinstance(x, dict):
        return {k: strip(v) for k, v in x.items()}
    if not isinstance(x, list):
        return x
    out = []
    def add(y):
        if isinstance(y, dict) and y.get("t") == "Str" and out and \
           isinstance(out[-1], dict) and out[-1].get("t") == "Str":
            out[-1] = {"t": "Str", "c": out[-1]["c"] + y["c"]}
        else:
            out.append(y)
    for y in x:
        if is_kiji(y):
            for z in strip(y["c"][1]):
                add(z)
        else:
            add(strip(y))
    return out
def verbatim(x, acc):
    if isinstance(x, dict):
        if x.get("t") in ("Code", "CodeBlock", "RawBlock", "RawInline", "Math"):
            acc.append(x)
        for v in x.values():
            verbatim(v, acc)
    elif isinstance(x, list):
        for v in x:
            verbatim(v, acc)
    return acc
a, b = verbatim(plain["blocks"], []), verbatim(filtered["blocks"], [])
assert a == b, "code changed:\n%s\n%s" % (a, b)
assert len(a) >= 2, a
spans = str(filtered["blocks"]).count("'kiji-")
assert spans > 10, "hardly any kiji Span: %d" % spans
if strip(plain["blocks"]) != strip(filtered["blocks"]):
    x, y = json.dumps(strip(plain["blocks"]), ensure_ascii=False, indent=1).splitlines(), \
           json.dumps(strip(filtered["blocks"]), ensure_ascii=False, indent=1).splitlines()
    import difflib
    print("\n".join(list(difflib.unified_diff(x, y, lineterm=""))[:60]))
    sys.exit(1)
plain["meta"].pop("kiji", None)
filtered["meta"].pop("kiji")
assert plain["meta"] == filtered["meta"], "other metadata changed"
EOF
}
if [ $have_python = yes ]; then
  check "Markdown: nothing but kiji's Spans added; the same Code, CodeBlock and RawBlock" only_spans "$fx/news.md"
  check "HTML: nothing but kiji's Spans added" only_spans "$fx/news.html"
  check "DOCX: nothing but kiji's Spans added" only_spans "$tmp/news.docx"
else
  skip_one "nothing but Spans added, Markdown: python3 is not installed (Debian: apt-get install python3)"
  skip_one "nothing but Spans added, HTML: python3 is not installed (Debian: apt-get install python3)"
  skip_one "nothing but Spans added, DOCX: python3 is not installed (Debian: apt-get install python3)"
fi

# ---------------------------------------------------------------- more

as_module() {
  printf 'return require "kiji.pandoc"\n' > "$tmp/mine.lua" &&
    ran "$tmp/module.html" kpandoc -L "$tmp/mine.lua" "$fx/news.md" -t html --wrap=none &&
    same_html "$exp/md.html" "$tmp/module.html"
}
check 'a filter of one'"'"'s own: return require "kiji.pandoc"' as_module

no_news() {
  printf '# Notes\n\nNothing to see here, `denied` or not.\n' > "$tmp/quiet.md" &&
    pandoc "$tmp/quiet.md" -t html > "$tmp/quiet-plain.html" &&
    ran "$tmp/quiet.html" filter "$tmp/quiet.md" -t html &&
    same_text "$tmp/quiet-plain.html" "$tmp/quiet.html" &&
    ran "$tmp/quiet.txt" filter "$tmp/quiet.md" -t plain --template="$fx/summary.txt.tpl" &&
    printf 'title: \nofficials:\noutlets:\ndenials:\n' > "$tmp/quiet-expected.txt" &&
    same_text "$tmp/quiet-expected.txt" "$tmp/quiet.txt"
}
check "a text with no news: unchanged, and empty lists in the metadata" no_news

random_spans() {
  kpandoc -f markdown -t plain -L "$fx/random-spans.lua" /dev/null -o /dev/null
}
check "random spans over random paragraphs: text kept, every mention wrapped exactly" random_spans

echo "1..$n"
exit $failed
