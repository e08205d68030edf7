#!/bin/sh
# lua/kiji/pandoc.lua through the real pandoc binary (TAP): Markdown, HTML
# and a DOCX that pandoc makes from the Markdown, against the expected
# outputs in tests/fixtures/pandoc/expected (README there); the metadata
# summary (entries by id, with counts) through a template and as JSON;
# standalone HTML with lua/kiji/pandoc.css in its head; DOCX output whose
# Spans are Word character styles, read back by pandoc; code, code blocks
# and raw HTML left alone; nothing changed but Spans added; the filter
# required as a module; and a property check of the rebuilding on random
# paragraphs. (pandoc_rock.t: the filter installed by LuaRocks.)
# Debian 12's pandoc (2.17) embeds Lua 5.3, pandoc 3 Lua 5.4: the kiji.core
# of that ABI ($BUILD/5.3 or $BUILD/5.4) must be built. No pandoc or no
# kiji.core of its Lua: skipped (skip.sh).
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
fx=tests/fixtures/pandoc
exp=$fx/expected
. tests/suites/skip.sh
. tests/suites/tap.sh
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

check "metadata through a template: entries by id, each with its count (meta.md)" \
  summary "$fx/meta.md" "$exp/meta-summary.txt"

# The metadata's entries as JSON: meta_shape writes $tmp/shape.py, which
# (run as `python3 shape.py JSON SUMMARY`) checks the shape of each list
# and that the template printed as many entries; each test appends its
# own checks.
meta_shape() {
  cat > "$tmp/shape.py" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
summary = open(sys.argv[2], encoding="utf-8").read()
kiji = doc["meta"]["kiji"]
assert kiji["t"] == "MetaMap", kiji["t"]
fields = kiji["c"]
assert sorted(fields) == ["denials", "officials", "outlets", "quotes"], sorted(fields)
def string(v):
    assert v["t"] == "MetaString", v
    return v["c"]
def entries(v, kind):
    assert v["t"] == "MetaList", v
    out = []
    for x in v["c"]:
        assert x["t"] == "MetaMap", x
        e = {}
        for k, y in x["c"].items():
            e[k] = [string(t) for t in y["c"]] if k == "texts" else string(y)
        assert set(e) <= {"id", "name", "kind", "subtype", "country", "count", "texts", "title"}, e
        assert e["kind"] == kind and e["name"] and e["texts"], e
        assert e["count"].isdigit() and int(e["count"]) >= len(e["texts"]), e
        assert len(set(e["texts"])) == len(e["texts"]), e
        out.append(e)
    return out
officials = entries(fields["officials"], "official")
outlets = entries(fields["outlets"], "outlet")
denials = fields["denials"]
assert denials["t"] == "MetaList"
rows = []
for d in denials["c"]:
    assert d["t"] == "MetaMap", d
    assert set(d["c"]) <= {"who", "cue", "claim", "reported_by", "target"}, d["c"].keys()
    m = {k: string(v) for k, v in d["c"].items()}
    assert "cue" in m, m
    rows.append(m)
quotes = fields["quotes"]
assert quotes["t"] == "MetaList"
qrows = []
for q in quotes["c"]:
    assert q["t"] == "MetaMap", q
    assert set(q["c"]) <= {"text", "who", "cue"}, q["c"].keys()
    m = {k: string(v) for k, v in q["c"].items()}
    assert "text" in m, m
    qrows.append(m)
# the template printed the same lists
assert summary.count("\n- ") == len(officials) + len(outlets) + len(rows), "template and JSON differ"
EOF
}

meta_json() {
  ran "$tmp/md.json" filter "$fx/news.md" -t json &&
    meta_shape && cp "$tmp/shape.py" "$tmp/news-meta.py" &&
    cat >> "$tmp/news-meta.py" <<'EOF' &&
def by_text(es, t):
    found = [e for e in es if t in e["texts"]]
    assert len(found) == 1, (t, es)
    return found[0]
# South Korea's and Japan's: each its country's own body, one entry with
# the Korean and Japanese names of it
kr = [e for e in officials if e.get("id") == "kr.mnd"]
jp = [e for e in officials if e.get("id") == "jp.mod"]
assert [(e["country"], e["texts"]) for e in kr] == [("KR", ["Defense Ministry", "韓国国防省"])], kr
assert [(e["country"], e["texts"]) for e in jp] == [("JP", ["Defense Ministry", "防衛省"])], jp
assert by_text(officials, "高田健一官房長官")["id"] == "t.chief_cabinet_secretary", officials
assert by_text(outlets, "Reuters")["count"] == "1"
kyodo = by_text(outlets, "共同通信")
assert kyodo["id"] == "kyodo" and kyodo["count"] == "1", kyodo
assert not any("Kyodo News" in e["texts"] for e in outlets), "a mention inside code reached the metadata"
assert {"who": "U.S. Secretary of State Ellen Marsh", "cue": "untrue", "claim": "the claim",
        "reported_by": "Reuters"} in rows, rows
assert {"who": "韓国国防省", "cue": "否定", "claim": "「事実無根だ」", "target": "毎日新聞"} in rows, rows
assert {"Chosun Ilbo", "毎日新聞", "読売新聞"} <= {r.get("target") for r in rows}, rows
assert not any("Kyodo News denied" in r.get("claim", "") or r["cue"] == "denied" and r.get("who") == "Kyodo News"
               for r in rows), "a denial inside code reached the metadata"
assert {"text": "事実無根だ", "who": "韓国国防省", "cue": "否定"} in qrows, qrows
EOF
    python3 "$tmp/news-meta.py" "$tmp/md.json" "$exp/md-summary.txt"
}

# meta.md: "Kyodo News" and "Kyodo" are one outlet (id kyodo); two
# people with one title are two officials; an outlet with no id is one
# entry by its normalized text (full-width and ASCII alike).
meta_by_id() {
  ran "$tmp/meta.json" filter "$fx/meta.md" -t json &&
    meta_shape && cp "$tmp/shape.py" "$tmp/by-id.py" &&
    cat >> "$tmp/by-id.py" <<'EOF' &&
assert outlets == [
    {"name": "ＨＡＲＢＯＲ ＷＩＲＥ", "kind": "outlet", "subtype": "agency", "count": "2",
     "texts": ["ＨＡＲＢＯＲ ＷＩＲＥ", "Harbor Wire"]},
    {"id": "kyodo", "name": "共同通信", "kind": "outlet", "subtype": "agency", "country": "JP",
     "count": "2", "texts": ["Kyodo News", "Kyodo"]},
], outlets
ccs = [e for e in officials if e.get("id") == "t.chief_cabinet_secretary"]
assert [e["texts"] for e in ccs] == [["Chief Cabinet Secretary Ken Sato"], ["former Chief Cabinet Secretary"]], ccs
assert all(e["count"] == "1" and e["title"] == "Chief Cabinet Secretary" for e in ccs), ccs
assert ccs[0]["name"] == "Chief Cabinet Secretary Ken Sato", ccs
ministry = [e for e in officials if e.get("id") == "any.transport_ministry"]
assert ministry == [{"id": "any.transport_ministry", "name": "Transport Ministry", "kind": "official",
                     "subtype": "body", "count": "1", "texts": ["Transport Ministry"]}], ministry
assert len(officials) == 3, officials
EOF
    python3 "$tmp/by-id.py" "$tmp/meta.json" "$exp/meta-summary.txt"
}

if [ $have_python = yes ]; then
  check "metadata as JSON: MetaMaps with id, name, kind, country, count and texts; denials {who, cue, claim, reported_by, target}" meta_json
  check "metadata as JSON: one entry per id (Kyodo News + Kyodo: count 2), per person, per normalized text" meta_by_id
else
  skip_one "metadata as JSON: python3 is not installed (Debian: apt-get install python3)"
  skip_one "metadata by id as JSON: python3 is not installed (Debian: apt-get install python3)"
fi

# ---------------------------------------------------------------- styles

# Standalone HTML: lua/kiji/pandoc.css inlined as a <style> through the
# metadata header-includes (kept: a header-include of the document's own),
# with a rule for each class the filter emitted; none with kiji-css: false.
css_inlined() {
  printf -- '---\ntitle: Styled\nheader-includes: <meta name="x-kiji-test" content="kept">\n---\n' > "$tmp/head.md" &&
    awk 'n >= 2 { print } /^---$/ { n++ }' "$fx/news.md" >> "$tmp/head.md" &&
    ran "$tmp/standalone.html" filter -s "$tmp/head.md" -t html --wrap=none &&
    ran "$tmp/unstyled.html" filter -s -M kiji-css=false "$tmp/head.md" -t html --wrap=none &&
    python3 - "$tmp/standalone.html" "$tmp/unstyled.html" lua/kiji/pandoc.css <<'EOF'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
unstyled = open(sys.argv[2], encoding="utf-8").read()
css = open(sys.argv[3], encoding="utf-8").read()
head, body = html.split("</head>", 1)
assert '<meta name="x-kiji-test" content="kept">' in head, "the document's own header-includes lost"
styles = [s for s in re.findall(r"<style[^>]*>(.*?)</style>", head, re.S) if ".kiji-" in s]
assert len(styles) == 1, "no <style> of kiji's in the head (or %d)" % len(styles)
# (the template indents the lines of a header-include)
lines = lambda t: [l.strip() for l in t.strip().splitlines()]
assert "\n".join(lines(css)) in "\n".join(lines(styles[0])), "the <style> is not lua/kiji/pandoc.css"
classes = {c for a in re.findall(r'class="([^"]*)"', body) for c in a.split() if c.startswith("kiji-")}
want = {"kiji-official", "kiji-outlet", "kiji-denier", "kiji-denial-cue", "kiji-claim", "kiji-attribution-cue"}
assert want <= classes, classes
for c in classes | want:
    assert re.search(r"\.%s(?![\w-])[^{]*\{" % re.escape(c), styles[0]), "no rule for ." + c
uhead, ubody = unstyled.split("</head>", 1)
assert ".kiji-" not in uhead, "kiji-css: false still inlined the style"
assert '<meta name="x-kiji-test" content="kept">' in uhead
assert ubody == body, "kiji-css: false changed the body"
EOF
}
if [ $have_python = yes ]; then
  check "standalone HTML: pandoc.css inlined in the head, a rule per class; none with kiji-css=false" css_inlined
else
  skip_one "standalone HTML style: python3 is not installed (Debian: apt-get install python3)"
fi

# Other outputs get no style: the metadata of a standalone LaTeX document
# and of HTML without -s are left as they were.
css_html_only() {
  ran "$tmp/standalone.tex" filter -s "$fx/news.md" -t latex &&
    ! grep -q 'kiji-' "$tmp/standalone.tex" &&
    ran "$tmp/fragment.json" filter "$fx/news.md" -t json &&
    ! grep -q 'header-includes' "$tmp/fragment.json"
}
check "no style for LaTeX, none in JSON's metadata" css_html_only

# DOCX: each Span is a Word character style (custom-style "kiji Official",
# "kiji Official Denier", ...), defined in styles.xml, and read back as
# such by pandoc -f docx+styles.
docx_styles() {
  filter "$fx/news.md" -o "$tmp/kiji.docx" &&
    pandoc -f docx+styles "$tmp/kiji.docx" -t json -o "$tmp/kiji-docx.json" &&
    python3 - "$tmp/kiji.docx" "$tmp/kiji-docx.json" <<'EOF'
import json, re, sys, zipfile
styles_xml = zipfile.ZipFile(sys.argv[1]).read("word/styles.xml").decode("utf-8")
doc = json.load(open(sys.argv[2], encoding="utf-8"))
def text(x):
    if isinstance(x, dict):
        t = x.get("t")
        if t == "Str": return x["c"]
        if t in ("Space", "SoftBreak"): return " "
        return text(x.get("c"))
    if isinstance(x, list):
        return "".join(text(y) for y in x)
    return ""
spans = []
def walk(x):
    if isinstance(x, dict):
        if x.get("t") == "Span":
            kv = dict(x["c"][0][2])
            if "custom-style" in kv:
                spans.append((kv["custom-style"], text(x["c"][1])))
        for v in x.values(): walk(v)
    elif isinstance(x, list):
        for v in x: walk(v)
walk(doc["blocks"])
for want in [("kiji Official", "外務省"), ("kiji Outlet", "Reuters"), ("kiji Denial Cue", "denied"),
             ("kiji Official Denier", "韓国国防省"), ("kiji Claim", "the allegation"),
             ("kiji Attribution Cue", "according to"), ("kiji Denier", "Seoul"),
             ("kiji Outlet Target", "Chosun Ilbo"), ("kiji Outlet Target", "毎日新聞"), ("kiji Claim", "The")]:
    assert want in spans, (want, spans)
defined = set(re.findall(r'<w:style w:type="character"[^>]*>\s*<w:name w:val="(kiji [^"]*)"', styles_xml))
used = {s for s, _ in spans if s.startswith("kiji ")}
assert used <= defined, (used - defined)
EOF
}
if [ $have_python = yes ]; then
  check "DOCX: Spans as Word character styles (kiji Official, kiji Outlet, kiji Denial Cue ...), read back by docx+styles" docx_styles
else
  skip_one "DOCX character styles: python3 is not installed (Debian: apt-get install python3)"
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

tap_end
