#!/bin/sh
# The HTML view (lua/kiji/html.lua), for real, as TAP for prove:
#  - renders pages for two articles written here (English and Japanese:
#    officials, outlets, denials, a denial told to an outlet, attributions,
#    and traps that are no denials), the bundled samples, and an edge page
#    (a hand-made document over text with markup characters, CR/LF, control
#    bytes, invalid UTF-8, crossing and equal spans, a shared cue);
#  - checks the page is the same byte for byte under every Lua at hand
#    (the article pages when that Lua's kiji.core gives the same JSON);
#  - validates each page with html5lib in strict mode (any parse error
#    fails) and looks for external resources;
#  - loads each page from its file in headless Chromium (wrap-ja and
#    long-url only in the harnesses; their DOM checks read the file): the
#    dumped DOM against the document (kiji.json, written next to the
#    page): every
#    mention's element (kind, offsets, id, text), the role spans, the denial
#    and attribution tables (count and texts, links to the spans), the
#    legend, the counts, the article text; Chromium's net log shows no
#    request from the page; a screenshot of each page; a harness page with
#    every page in an iframe hovers each denial and attribution row and
#    focuses each of its parts and each mention (highlight, arrows,
#    tooltip), its net log showing no request from the pages but the one
#    a control frame makes (so the net log check is not blind);
#  - the tooltips and the denials' sentence column against the JSON:
#    0-based, end-exclusive bytes and 0-based sentences, labelled;
#  - a narrow harness, the pages in iframes 300 to 660 px wide: no
#    sideways scrolling, the text wraps, a highlighted span that fits on
#    a line unbroken (a long one broken only between words)
#    (tests/fixtures/html/wrap-ja.txt: Japanese that used to break
#    事実は全く/ございませ/ん; long-url.txt: a URL for the title); and at
#    1200 px, in the harness, neither the page nor a table scrolls
#    sideways;
#  - screenshots of the wrap-ja page at 1200 and 360 px.
# Output: $BUILD/test-output/html/*.{txt,html,json,png},
# $BUILD/screenshots/html-1200.png and html-360.png.
# Needs (Debian): chromium, python3-html5lib, fonts-noto-cjk (Japanese
# glyphs in the screenshots). Without chromium, html5lib, lua5.4 or its
# kiji.core the test is skipped (skip.sh), and fails under CI=true or
# KIJI_HTML_REQUIRED=1.
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
[ "${KIJI_HTML_REQUIRED:-0}" = 1 ] && CI=true
. tests/suites/skip.sh
. tests/suites/tap.sh

. tests/suites/chrome.sh
need_cmd lua5.4 lua5.4
need_core 5.4
page=html
. tests/suites/page_suite.sh

# lua INTERPRETER ABI ARGS...: the module from $BUILD/ABI; the sanitizer
# runtime preloaded for the interpreter only.
lua() {
  _i=$1 _a=$2; shift 2
  if [ -n "${ASAN_PRELOAD:-}" ]; then
    LD_PRELOAD="$ASAN_PRELOAD" LUA_PATH="lua/?.lua;lua/?/init.lua;;" \
      LUA_CPATH="$BUILD/$_a/?.so;;" "$_i" "$@"
  else
    LUA_PATH="lua/?.lua;lua/?/init.lua;;" LUA_CPATH="$BUILD/$_a/?.so;;" "$_i" "$@"
  fi
}

# ---------------------------------------------------------------- articles
# Written for this test (wire style; not from any corpus).
cat >"$out/own-en.txt" <<'EOF'
Seoul rejects report on missile talks

SEOUL, June 12 (Kiji Wire) — South Korea's Foreign Ministry on Friday denied a report by the Asahi Shimbun that Seoul had agreed to host U.S. missile launchers, calling it "groundless."

Foreign Minister Park Ji-won told Reuters the report was untrue. U.S. Defense Secretary Marcus Whitfield declined to confirm the talks, and a Pentagon spokesman did not deny that officials had met in Hawaii.

According to Kyodo News, Japanese government officials were briefed on the plan last month. The ministry said a denial of service attack had briefly taken its website offline.
EOF
cat >"$out/own-ja.txt" <<'EOF'
韓国政府、ミサイル配備報道を否定

韓国外交省は１２日、ソウルが米国のミサイル発射機の受け入れに合意したとする朝日新聞の報道について「事実無根だ」と否定した。

共同通信によると、日本の政府関係者は先月、計画について説明を受けた。林田　健一防衛相は記者会見で「コメントは控える」と述べ、否定しなかった。

朴智元外相はロイター通信に「報道は事実ではない」と反論した。米国防総省の報道官は確認していないとしている。
EOF
cp tests/fixtures/sample-en.txt "$out/sample-en.txt"
cp tests/fixtures/sample-ja.txt "$out/sample-ja.txt"
# wrap-ja: highlighted Japanese spans (事実は全くございません as one cue)
# to wrap at narrow widths; long-url: a first line (so the page title) that
# is one long URL, URLs in English and Japanese text.
cp tests/fixtures/html/wrap-ja.txt "$out/wrap-ja.txt"
cp tests/fixtures/html/long-url.txt "$out/long-url.txt"
articles="own-en own-ja sample-en sample-ja wrap-ja long-url"
pages="$articles edge"
run_pages="own-en own-ja sample-en sample-ja edge"   # a Chromium run each

# ---------------------------------------------------------------- render
# render.lua DIR NAME...: DIR/NAME.txt -> DIR/NAME.html (html.render of
# kiji.annotate) and DIR/NAME.json (kiji.json, the document that `kiji
# annotate --format json` prints, indented: 0-based, half-open); "edge" is
# a hand-made document whose text and JSON this script writes too.
cat >"$tmp/render.lua" <<'EOF'
local kiji = require "kiji"
local html = require "kiji.html"
local dir = assert(arg[1])

local function slurp(path)
  local f = assert(io.open(path, "rb")); local s = f:read("*a"); f:close(); return s
end
local function spit(path, s)
  local f = assert(io.open(path, "wb")); f:write(s); f:close()
end

for i = 2, #arg do
  local name = arg[i]
  local text = slurp(dir .. "/" .. name .. ".txt")
  local doc = assert(kiji.annotate(text))
  spit(dir .. "/" .. name .. ".html", html.render(text, doc))
  spit(dir .. "/" .. name .. ".json", kiji.json(doc, name))
end

-- The edge page: markup characters, CRLF and a lone CR, a tab, C0 and C1
-- controls, DEL, an invalid byte, a noncharacter; two crossing mentions
-- (the later one is cut), a claim crossing a mention, a claim equal to a
-- mention, a cue shared by two denials, a denier by offsets only (not the
-- mention's table), absent parts, an attribution claim across sentences.
local text = "\"<Kyodo & Jiji>\" report: 'A&B' denied it\r\n" ..
  "Officials rejected\1 the claim\127 \226\128\148 \229\164\150\229\139\153\231\156\129\227\129\175\229\144\166\229\174\154\227\129\151\227\129\159\r" ..
  "End\t\255 \194\133 \239\183\144 tail\n"
local function span(s, nth)
  local from = 1
  local a, b
  for _ = 1, nth or 1 do
    a, b = text:find(s, from, true)
    assert(a, s)
    from = b + 1
  end
  return { start = a, stop = b, text = text:sub(a, b) }
end
local function with(sp, t) for k, v in pairs(t) do sp[k] = v end return sp end
local m1 = with(span("Kyodo & Jiji"), { kind = "outlet", subtype = "agency", id = "kyodo", name = "Kyodo <News>", country = "JP" })
local m2 = with(span("Jiji>\" report"), { kind = "official", subtype = "body", id = "x.o'q", country = "JP" })
local m3 = with(span("\229\164\150\229\139\153\231\156\129"), { kind = "official", subtype = "body", id = "jp.mofa", name = "外務省 \"MOFA\"", country = "JP" })
local m4 = with(span("End"), { kind = "outlet", subtype = "newspaper" })
local cue = span("denied")
local doc = {
  lang = "mixed", bytes = #text,
  sentences = {
    { start = 1, stop = span("denied it").stop },
    { start = span("Officials").start, stop = span("\227\129\159").stop },
    { start = span("End").start, stop = #text - 1 },
  },
  officials = { m2, m3 },
  outlets = { m1, m4 },
  denials = {
    { by = m1, cue = cue, claim = span("report: 'A&B'"), sentence = { start = 1, stop = 42 } },
    { by = span("Officials"), cue = cue, reported_by = { start = m1.start, stop = m1.stop, text = m1.text } },
    { cue = span("rejected\1"), claim = span("the claim\127") },
    { by = m3, cue = span("\229\144\166\229\174\154"), claim = span("End"), reported_by = m4 },
  },
  attributions = {
    { cue = span("report"), claim = span("it\r\nOfficials") },
    { source = m3, cue = span("\227\129\175"), claim = nil },
  },
}
spit(dir .. "/edge.txt", text)
spit(dir .. "/edge.html", html.render(text, doc, { title = "kiji <edge> & \"cases\"" }))

-- the same document as JSON (SCHEMA.md shape, 0-based, no texts)
local function enc(v)
  local t = type(v)
  if t == "nil" then return "null" end
  if t == "number" then return string.format("%d", v) end
  if t == "string" then
    return '"' .. v:gsub('[%c"\\\128-\255]', function(c) return string.format("\\u%04x", c:byte()) end) .. '"'
  end
  local parts = {}
  if v[1] ~= nil or next(v) == nil then
    for i = 1, #v do parts[i] = enc(v[i]) end
    return "[" .. table.concat(parts, ",") .. "]"
  end
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  table.sort(keys)
  for _, k in ipairs(keys) do parts[#parts + 1] = enc(k) .. ":" .. enc(v[k]) end
  return "{" .. table.concat(parts, ",") .. "}"
end
local function jspan(sp)
  if not sp then return nil end
  local o = { start = sp.start - 1, ["end"] = sp.stop }
  for _, k in ipairs({ "kind", "subtype", "id", "country" }) do o[k] = sp[k] end
  if sp.name then o.name = "(name)" end
  return o
end
local j = { kiji = 1, id = "edge", lang = doc.lang, bytes = doc.bytes, sentences = {},
  officials = {}, outlets = {}, denials = {}, attributions = {} }
for i, s in ipairs(doc.sentences) do j.sentences[i] = jspan(s) end
for i, m in ipairs(doc.officials) do j.officials[i] = jspan(m) end
for i, m in ipairs(doc.outlets) do j.outlets[i] = jspan(m) end
for i, d in ipairs(doc.denials) do
  j.denials[i] = { by = jspan(d.by), cue = jspan(d.cue), claim = jspan(d.claim),
    reported_by = jspan(d.reported_by), sentence = jspan(d.sentence) }
end
for i, a in ipairs(doc.attributions) do
  j.attributions[i] = { source = jspan(a.source), cue = jspan(a.cue), claim = jspan(a.claim) }
end
spit(dir .. "/edge.json", enc(j) .. "\n")

-- the API's argument checks
assert(not pcall(html.render, nil, doc))
assert(not pcall(html.render, text, nil))
assert(not pcall(html.render, text, doc, "x"))
-- an empty text and an empty document
local empty = html.render("", assert(kiji.annotate("")))
assert(empty:find("<!DOCTYPE html>", 1, true) == 1)
spit(dir .. "/empty.html", empty)
EOF

if lua lua5.4 5.4 "$tmp/render.lua" "$out" $articles 2>"$tmp/log"; then
  ok "render the pages ($pages) with lua5.4 into $out"
else
  not_ok "render the pages ($pages) with lua5.4 into $out"; sed 's/^/# /' "$tmp/log"
fi

# The same bytes from the other interpreters (pure Lua, no utf8 library),
# when their kiji.core gives the same documents (the JSON) as lua5.4's.
for li in lua5.1:5.1 luajit:5.1 lua5.3:5.3; do
  i=${li%%:*} a=${li##*:}
  if ! command -v "$i" >/dev/null 2>&1 || [ ! -f "$BUILD/$a/kiji/core.so" ]; then
    skip_one "$i or $BUILD/$a/kiji/core.so not available"; continue
  fi
  mkdir -p "$tmp/$i"
  for p in $pages; do cp "$out/$p.txt" "$tmp/$i/"; done
  if ! lua "$i" "$a" "$tmp/render.lua" "$tmp/$i" $articles 2>"$tmp/log"; then
    not_ok "$i renders the pages"; sed 's/^/# /' "$tmp/log"; continue
  fi
  check "$i renders the same edge page (a hand-made document)" cmp "$out/edge.html" "$tmp/$i/edge.html"
  stale=
  for p in $pages; do cmp -s "$out/$p.json" "$tmp/$i/$p.json" || stale="$stale $p"; done
  if [ -n "$stale" ]; then
    n=$((n + 1)); echo "ok $n # SKIP $BUILD/$a/kiji/core.so annotates$stale otherwise than $BUILD/5.4 (stale build? make modules)"
    continue
  fi
  same() { for p in $pages empty; do cmp "$out/$p.html" "$tmp/$i/$p.html" || return 1; done; }
  check "$i renders the same article pages" same
done

# ---------------------------------------------------------------- checker
cat >"$tmp/check.py" <<'EOF'
import json, os, re, sys
sys.path.insert(0, os.path.join(os.getcwd(), "tests", "tools"))
from pagecheck import El, bad, clean, cmd_harness, cmd_net, cmd_png, cmd_validate, main, parse, problems

def span_of(el):
    try:
        return int(el.get("data-kiji-start")), int(el.get("data-kiji-stop"))
    except (TypeError, ValueError):
        return None

def cmd_dom(dom, doc_json, txt):
    with open(doc_json, encoding="utf-8") as f:
        doc = json.load(f)
    with open(txt, "rb") as f:
        raw = f.read()
    root = parse(dom)
    els = list(root.iter())
    by_id = {}
    for el in els:
        i = el.get("id")
        if i is not None:
            if i in by_id:
                bad("duplicate id %r" % i)
            by_id[i] = el
    def exp(sp):          # JSON span -> (1-based start, stop), shown text
        return (sp["start"] + 1, sp["end"]), clean(raw[sp["start"]:sp["end"]])
    def full_text(el):     # an element and the fragments continuing it
        t = el.text()
        i = el.get("id")
        if i:
            for f in els:
                if f.get("data-kiji-cont") == i:
                    t += f.text()
        return t

    html_el = next(e for e in els if e.tag == "html")
    want_lang = "ja" if doc["lang"] == "ja" else "en"
    if html_el.get("lang") != want_lang:
        bad("<html lang=%r>, want %r" % (html_el.get("lang"), want_lang))
    art = by_id.get("kiji-text")
    if art is None:
        bad("no #kiji-text")
        return
    if art.text() != clean(raw):
        a, b = art.text(), clean(raw)
        k = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
        bad("article text differs at char %d: %r vs %r" % (k, a[k:k + 30], b[k:k + 30]))

    # every mention: one element with its kind, offsets, id, text, tooltip
    want = {}
    for m in doc.get("officials", []) + doc.get("outlets", []):
        (s, e), t = exp(m)
        want[(m["kind"], s, e)] = (m, t)
    got = {}
    for el in art.iter():
        if "k-m" in (el.get("class") or "").split() and el.get("data-kiji-start"):
            s, e = span_of(el)
            key = (el.get("data-kiji-kind"), s, e)
            if key in got:
                bad("two elements for mention %r" % (key,))
            got[key] = el
    if set(got) != set(want):
        bad("mentions in the DOM %s, in the document %s" % (sorted(set(got) - set(want)), sorted(set(want) - set(got))))
    for key in set(got) & set(want):
        el, (m, t) = got[key], want[key]
        if full_text(el) != t:
            bad("mention %r shows %r, want %r" % (key, full_text(el), t))
        if el.get("data-kiji-id") != m.get("id"):
            bad("mention %r data-kiji-id %r, want %r" % (key, el.get("data-kiji-id"), m.get("id")))
        for a, f in (("data-kiji-subtype", "subtype"), ("data-kiji-country", "country")):
            if el.get(a) != m.get(f):
                bad("mention %r %s %r, want %r" % (key, a, el.get(a), m.get(f)))
        if el.get("tabindex") != "0":
            bad("mention %r not focusable" % (key,))
        title = el.get("title") or ""
        for part in ("id: %s" % (m.get("id") or "(unknown)"), "country: %s" % (m.get("country") or "(unknown)"),
                     m.get("subtype") or "", m.get("name") or "" if doc.get("id") != "edge" else ""):
            if part not in title:
                bad("mention %r title %r lacks %r" % (key, title, part))
        if el.get("data-kiji-tip") != title:
            bad("mention %r: focus tooltip differs from title" % (key,))

    # role spans: an element per cue and claim, deniers and reporting
    # outlets marked
    def role_el(sp, kinds, role=None):
        (s, e), t = exp(sp)
        for el in art.iter():
            if el.get("data-kiji-start") and span_of(el) == (s, e) and el.get("data-kiji-kind") in kinds:
                if role and role not in (el.get("data-kiji-role") or "").split():
                    bad("span %d-%d is not marked %s" % (s, e, role))
                if full_text(el) != t:
                    bad("span %d-%d shows %r, want %r" % (s, e, full_text(el), t))
                return el
        bad("no %s element for %d-%d %r" % ("/".join(sorted(kinds)), s, e, t))
    MENTION = {"official", "outlet"}
    for i, d in enumerate(doc.get("denials", []), 1):
        tok = "d%d" % i
        for part, kinds, role in (("by", MENTION | {"denier"}, "denier"), ("cue", {"denial-cue"}, None),
                                  ("claim", {"claim"}, None), ("reported_by", MENTION | {"reported-by"}, "reported-by")):
            if d.get(part):
                el = role_el(d[part], kinds, role)
                if el is not None and tok not in (el.get("data-kiji-links") or "").split():
                    bad("D%d %s not linked (data-kiji-links %r)" % (i, part, el.get("data-kiji-links")))
                if el is not None and "kiji-row-" + tok not in (el.get("aria-describedby") or "").split():
                    bad("D%d %s not described by its row" % (i, part))
    for i, a in enumerate(doc.get("attributions", []), 1):
        for part, kinds, role in (("source", MENTION | {"source"}, "source"), ("cue", {"attribution-cue"}, None),
                                  ("claim", {"attributed-claim"}, None)):
            if a.get(part):
                role_el(a[part], kinds, role)
    for i, q in enumerate(doc.get("quotes", []), 1):
        tok = "q%d" % i
        for part, kinds, role in (("speaker", MENTION | {"speaker"}, "speaker"), ("cue", {"quote-cue"}, None),
                                  ("text", {"quote"}, None)):
            if q.get(part):
                el = role_el(q[part], kinds, role)
                if el is not None and tok not in (el.get("data-kiji-links") or "").split():
                    bad("Q%d %s not linked (data-kiji-links %r)" % (i, part, el.get("data-kiji-links")))

    # the tooltips show the JSON's offsets (0-based, end exclusive) and
    # sentence numbers (0-based), labelled, on every annotated element
    sents = [(x["start"], x["end"]) for x in doc.get("sentences", [])]
    def sent_at(pos):      # the sentence holding byte pos, or None
        return next((i for i, (a, b) in enumerate(sents) if a <= pos < b), None)
    def rec_sent(r, sp):   # a record's sentence: its index, else where it is
        x = r.get("sentence")
        if isinstance(x, dict):
            if "index" in x:
                return x["index"]
            return sent_at(x["start"])
        if isinstance(x, int):  # a quotation's first sentence
            return x
        return sent_at(sp["start"])
    tips = {}              # (kind, JSON start, end) -> the sentences it may show
    for m in doc.get("officials", []) + doc.get("outlets", []):
        tips.setdefault((m["kind"], m["start"], m["end"]), set()).add(
            m["sentence"] if "sentence" in m else sent_at(m["start"]))
    ROLE = {"cue": "denial-cue", "claim": "claim", "by": "denier", "reported_by": "reported-by",
            "target": "target"}
    AROLE = {"cue": "attribution-cue", "claim": "attributed-claim", "source": "source"}
    QROLE = {"cue": "quote-cue", "text": "quote", "speaker": "speaker"}
    for recs, roles in ((doc.get("denials", []), ROLE), (doc.get("attributions", []), AROLE),
                        (doc.get("quotes", []), QROLE)):
        for r in recs:
            for part, kind in roles.items():
                sp = r.get(part)
                if sp:
                    tips.setdefault((kind, sp["start"], sp["end"]), set()).add(rec_sent(r, sp))
    # every denial's target is a span of the page marked as one (k-tgt)
    targets = {(span_of(el)[0] - 1, span_of(el)[1]) for el in art.iter()
               if el.get("data-kiji-kind") and "k-tgt" in (el.get("class") or "").split()}
    for r in doc.get("denials", []):
        t = r.get("target")
        if t and (t["start"], t["end"]) not in targets:
            bad("denial target %d-%d is not on the page as a target (k-tgt)" % (t["start"], t["end"]))
    BYTES = re.compile(r"^bytes (\d+)\u2013(\d+) \(0-based, end exclusive\)$", re.M)
    SENT = re.compile(r"^sentence (\d+) \(0-based\)$", re.M)
    for el in art.iter():
        if not el.get("data-kiji-kind"):
            continue
        s1, e1 = span_of(el)
        kind = el.get("data-kiji-kind")
        title = el.get("title") or ""
        where = "%s %r (JSON %d-%d)" % (kind, el.text()[:30], s1 - 1, e1)
        b = BYTES.findall(title)
        if [(int(x), int(y)) for x, y in b] != [(s1 - 1, e1)]:
            bad("%s: tooltip %r, want one line 'bytes %d\u2013%d (0-based, end exclusive)'" % (where, title, s1 - 1, e1))
        want = tips.get((kind, s1 - 1, e1))
        if want is None:
            bad("%s: no such span in the JSON" % where)
            continue
        got = [int(x) for x in SENT.findall(title)]
        want = {x for x in want if x is not None}
        if want and (len(got) != 1 or got[0] not in want):
            bad("%s: tooltip %r, want 'sentence %s (0-based)'" % (where, title, "|".join(map(str, sorted(want)))))

    # the tables: one row per denial / attribution, texts and links
    def rows(table_id, n, parts, items, letter):
        table = by_id.get(table_id)
        if table is None:
            bad("no #%s" % table_id)
            return
        trs = [el for el in table.iter() if el.tag == "tr" and el.parent.tag == "tbody"]
        if len(trs) != n:
            bad("#%s has %d rows, the document %d" % (table_id, len(trs), n))
        for i, (tr, item) in enumerate(zip(trs, items), 1):
            if tr.get("id") != "kiji-row-%s%d" % (letter, i):
                bad("row %d id %r" % (i, tr.get("id")))
            tds = [c for c in tr.children if isinstance(c, El) and c.tag == "td"]
            for (part, cls), td in zip(parts, tds):
                if cls not in (td.get("class") or "").split():
                    bad("%s row %d: cell %r for %s" % (table_id, i, td.get("class"), part))
                sp = item.get(part)
                links = [a for a in td.iter() if a.tag == "a"]
                if not sp:
                    if links or td.text().strip() != "\u2014":
                        bad("%s row %d %s: %r, want an em dash" % (table_id, i, part, td.text()))
                    continue
                (s, e), t = exp(sp)
                if len(links) != 1:
                    bad("%s row %d %s: %d links" % (table_id, i, part, len(links)))
                    continue
                if links[0].text() != t:
                    bad("%s row %d %s: %r, want %r" % (table_id, i, part, links[0].text(), t))
                target = by_id.get((links[0].get("href") or "#")[1:])
                if target is None or span_of(target) != (s, e):
                    bad("%s row %d %s: link %r does not reach span %d-%d" % (table_id, i, part, links[0].get("href"), s, e))
    dens = doc.get("denials", [])
    table = by_id.get("kiji-denials")
    trs = [el for el in table.iter() if el.tag == "tr" and el.parent.tag == "tbody"] if table is not None else []
    for i, (tr, d) in enumerate(zip(trs, dens), 1):
        tds = [c for c in tr.children if isinstance(c, El) and c.tag == "td"]
        x = d.get("sentence")
        if not isinstance(x, dict) or not tds:
            continue
        k = x["index"] if "index" in x else sent_at(x["start"])
        want = ("sentence %d (bytes %d\u2013%d)" % (k, x["start"], x["end"]) if k is not None
                else "bytes %d\u2013%d" % (x["start"], x["end"]))
        if tds[-1].text() != want:
            bad("D%d sentence cell %r, want %r" % (i, tds[-1].text(), want))
    rows("kiji-denials", len(dens), [("by", "k-col-by"), ("cue", "k-col-cue"), ("claim", "k-col-claim"),
                                     ("reported_by", "k-col-rep"), ("target", "k-col-tgt")], dens, "d")
    atts = doc.get("attributions", [])
    rows("kiji-attributions", len(atts), [("source", "k-col-source"), ("cue", "k-col-cue"), ("claim", "k-col-claim")],
         atts, "a")
    quotes = doc.get("quotes", [])
    rows("kiji-quotes", len(quotes), [("speaker", "k-col-speaker"), ("cue", "k-col-cue"), ("text", "k-col-claim")],
         quotes, "q")

    # every link and description reaches an element
    for el in els:
        h = el.get("href")
        if h and h.startswith("#") and h[1:] not in by_id:
            bad("dangling href %r" % h)
        for i in (el.get("aria-describedby") or "").split() + (el.get("data-kiji-chain") or "").split():
            if i not in by_id:
                bad("dangling id reference %r" % i)

    # legend and counts
    legend = by_id.get("kiji-legend")
    kinds = {el.get("data-kiji-legend") for el in legend.iter()} if legend else set()
    for k in ("official", "outlet", "denial-cue", "denier", "claim", "reported-by", "attribution-cue",
              "attributed-claim", "source", "quote", "speaker", "quote-cue"):
        if k not in kinds:
            bad("legend lacks %s" % k)
    counts = {el.get("data-kiji-count"): el for el in els if el.get("data-kiji-count")}
    for k in ("officials", "outlets", "denials", "attributions", "quotes", "sentences"):
        el = counts.get(k)
        got_n = el and next((c.text() for c in el.children if isinstance(c, El) and c.tag == "b"), None)
        if got_n != str(len(doc.get(k, []))):
            bad("count of %s shows %r, want %d" % (k, got_n, len(doc.get(k, []))))
    title = next((e.text() for e in els if e.tag == "title"), "")
    if not title.strip():
        bad("empty <title>")

cmds = {"validate": cmd_validate, "dom": cmd_dom, "net": cmd_net,
        "harness": cmd_harness, "png": cmd_png}
main(cmds)
EOF

# ---------------------------------------------------------------- pages
for p in $pages; do
  check "$p.html is valid HTML5 (html5lib strict) with no external resource" \
    "$PY" "$tmp/check.py" validate "$out/$p.html"
done
check "empty.html (empty text) is valid HTML5" "$PY" "$tmp/check.py" validate "$out/empty.html"

# A control page that does ask the network (of no host: there is no DNS),
# loaded by the harness, to show that the net log check sees a request.
control_url=http://kiji-html-test.invalid/pixel.png
cat >"$tmp/control.html" <<EOF
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>control</title></head>
<body><img alt="" src="$control_url"></body></html>
EOF

# The harness: each page in an iframe (same origin with
# --allow-file-access-from-files). For each row of the denial and
# attribution tables: hovering the row highlights every part of it and the
# row and draws an arrow between each two parts, mouseout clears it all,
# focusing each part in the text highlights at least that denial; each
# mention takes focus and then shows its tooltip; Japanese pages use the
# CJK font stack. What it finds goes into #results.
{
  cat <<'EOF'
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>kiji html harness</title>
<script>
var results = {};
function probe(f) {
  var r = { problems: [], checked: 0 }, d = f.contentDocument, w = f.contentWindow;
  function bad(m) { r.problems.push(m); }
  try {
    var rows = d.querySelectorAll("tr[data-kiji-chain]");
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i], tok = row.getAttribute("data-kiji-links");
      var ids = row.getAttribute("data-kiji-chain").split(" ").filter(Boolean);
      if (!ids.length) { bad(tok + ": no part to link"); continue; }
      row.dispatchEvent(new w.MouseEvent("mouseover", { bubbles: true }));
      ids.forEach(function (id) {
        if (!d.getElementById(id).classList.contains("k-on")) bad(tok + ": " + id + " not highlighted on row hover");
      });
      if (!row.classList.contains("k-on")) bad(tok + ": row not highlighted on hover");
      var arrows = d.querySelectorAll("#kiji-arrows .k-arrow").length;
      if (arrows !== ids.length - 1) bad(tok + ": " + arrows + " arrows for " + ids.length + " parts");
      row.dispatchEvent(new w.MouseEvent("mouseout", { bubbles: true, relatedTarget: null }));
      if (d.querySelectorAll(".k-on").length || d.querySelectorAll("#kiji-arrows .k-arrow").length)
        bad(tok + ": highlight left after mouseout");
      ids.forEach(function (id) {
        var el = d.getElementById(id);
        el.dispatchEvent(new w.FocusEvent("focusin", { bubbles: true }));
        ids.forEach(function (other) {
          if (!d.getElementById(other).classList.contains("k-on")) bad(tok + ": " + other + " not highlighted from " + id);
        });
        if (!row.classList.contains("k-on")) bad(tok + ": row not highlighted from " + id);
        if (d.querySelectorAll("#kiji-arrows .k-arrow").length < ids.length - 1) bad(tok + ": arrows missing from " + id);
        el.dispatchEvent(new w.FocusEvent("focusout", { bubbles: true, relatedTarget: null }));
      });
      r.checked++;
    }
    var ms = d.querySelectorAll(".k-m[data-kiji-start]");
    for (var j = 0; j < ms.length; j++) {
      var m = ms[j];
      m.focus({ preventScroll: true });
      if (d.activeElement !== m) { bad("mention " + m.id + " takes no focus"); continue; }
      var c = w.getComputedStyle(m, "::after").content;
      var id = m.getAttribute("data-kiji-id") || "(unknown)";
      if (c.indexOf("id: " + id) < 0) bad("mention " + m.id + ": no tooltip on focus (" + c + ")");
      var box = m.getBoundingClientRect();
      if (!(box.width > 0 && box.height > 0)) bad("mention " + m.id + " is not displayed");
      m.blur();
      r.checked++;
    }
    var ff = w.getComputedStyle(d.getElementById("kiji-text")).fontFamily;
    if (d.documentElement.lang === "ja" && ff.indexOf("Noto Sans CJK JP") < 0) bad("no CJK font stack: " + ff);
    var de = d.documentElement;
    if (de.scrollWidth > de.clientWidth) bad("sideways scrolling: the page is " + de.scrollWidth + " px wide");
    var tables = d.querySelectorAll(".kiji-table");
    for (var t = 0; t < tables.length; t++)
      if (tables[t].scrollWidth > tables[t].clientWidth + 1)
        bad("table " + (t + 1) + " scrolls sideways: " + tables[t].scrollWidth + " px in " + tables[t].clientWidth);
    w.scrollTo(0, 0);
  } catch (e) { bad("harness error: " + e); }
  return r;
}
function loaded(f) {
  var name = f.getAttribute("data-name");
  if (name !== "control") results[name] = probe(f);
  document.getElementById("results").textContent = JSON.stringify(results);
}
</script></head><body style="margin:0">
EOF
  # first, at the top left, borderless, the one the screenshot at 1200 px
  # shows (the probe leaves it as it found it)
  for p in wrap-ja $pages; do
    [ "$p" = wrap-ja ] && [ -n "${shot_done:-}" ] && continue
    b=; [ "$p" = wrap-ja ] && b=' style="display:block;border:0"' && shot_done=1
    echo "<iframe data-name=\"$p\" onload=\"loaded(this)\" src=\"file://$abs/$p.html\" width=\"1200\" height=\"1600\"$b></iframe>"
  done
  echo "<iframe data-name=\"control\" onload=\"loaded(this)\" src=\"file://$tmp/control.html\"></iframe>"
  echo '<pre id="results">pending</pre></body></html>'
} >"$tmp/harness.html"

# The narrow harness: each page in iframes a phone wide (an iframe, as
# headless Chromium lays a window out at least 500 px wide whatever
# --window-size says): every page at 360 px, the Japanese ones at 300 to
# 420 px, some at 660 px (the tables are tables again from 40rem). In
# each: no sideways scrolling (the page's scrollWidth within its
# clientWidth); the article text wraps (more lines than it has hard line
# breaks) inside its box; a highlighted span (mention, cue, denier,
# source, reporting outlet) that fits on a line is not broken: not at all
# when it has at most 24 columns (a CJK character 2), else only between
# words (at a space or a ・), never inside one.
narrow_widths="360"
narrow_ja_widths="300 340 390 420"
narrow_wide="own-en wrap-ja long-url"        # also at 660 px
narrow_names=wrap-ja@360
{
  cat <<'EOF'
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>kiji html narrow harness</title>
<style>body{margin:0}iframe{display:block;border:0}</style>
<script>
var results = {};
function desc(el) {
  var c = typeof el.className === "string" && el.className ? "." + el.className.split(" ").join(".") : "";
  return el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + c;
}
function columns(s) {
  var n = 0;
  for (var i = 0; i < s.length; i++) {
    var u = s.charCodeAt(i);
    if (u >= 0xdc00 && u <= 0xdfff) continue;
    n += u >= 0x3000 ? 2 : 1;
  }
  return n;
}
// Where the lines of element el change: [the character before, the one
// after] for each break, from the box of each character.
function breaksIn(d, el, line) {
  var out = [], rg = d.createRange(), prev = null, prevCh = "";
  var it = d.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */), n;
  while ((n = it.nextNode())) {
    for (var i = 0; i < n.data.length; i++) {
      var u = n.data.charCodeAt(i), len = (u >= 0xd800 && u <= 0xdbff) ? 2 : 1;
      rg.setStart(n, i);
      rg.setEnd(n, i + len);
      var rs = rg.getClientRects(), ch = n.data.substr(i, len);
      i += len - 1;
      if (!rs.length || rs[0].width < 0.5) { prevCh = ch; continue; }
      if (prev !== null && Math.abs(rs[0].top - prev) >= line / 2) out.push([prevCh, ch]);
      prev = rs[0].top;
      prevCh = ch;
    }
  }
  return out;
}
function probe(f) {
  var want = +f.getAttribute("data-width");
  var r = { problems: [], checked: 0 }, d = f.contentDocument, w = f.contentWindow;
  function bad(m) { r.problems.push(m); }
  try {
    var de = d.documentElement;
    if (de.clientWidth !== want) bad("viewport " + de.clientWidth + " px wide, want " + want);
    if (de.scrollWidth > de.clientWidth) {
      var wide = [], all = d.body.getElementsByTagName("*");
      for (var i = 0; i < all.length && wide.length < 6; i++) {
        var b = all[i].getBoundingClientRect();
        if (b.right > de.clientWidth + 0.5) wide.push(desc(all[i]) + " to " + Math.round(b.right) + " px");
      }
      bad("sideways scrolling: the page is " + de.scrollWidth + " px wide (" + wide.join(", ") + ")");
    }
    r.checked++;
    var t = d.getElementById("kiji-text");
    if (!t) { bad("no #kiji-text"); return r; }
    var cs = w.getComputedStyle(t), line = parseFloat(cs.lineHeight);
    var W = t.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    if (t.scrollWidth > t.clientWidth) bad("the article overflows its box: " + t.scrollWidth + " > " + t.clientWidth + " px");
    var text = t.textContent.replace(/\n$/, ""), hard = text.split("\n").length;
    var lines = Math.floor((t.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom)) / line + 0.25);
    if (f.getAttribute("data-wraps") === "1" && !(lines > hard))
      bad("the article does not wrap: " + lines + " lines for " + hard + " hard lines");
    var els = t.querySelectorAll(".k-m, .k-cue, .k-acue, .k-span");
    for (var j = 0; j < els.length; j++) {
      var el = els[j], rs = el.getClientRects(), tops = [];
      for (var k = 0; k < rs.length; k++) {
        if (rs[k].width < 1) continue;
        var y = rs[k].top;
        if (!tops.some(function (v) { return Math.abs(v - y) < line / 2; })) tops.push(y);
      }
      r.checked++;
      if (tops.length <= 1) continue;
      var c = el.cloneNode(true);
      c.removeAttribute("id");
      c.style.cssText = "position:absolute;left:0;top:0;white-space:pre;visibility:hidden";
      el.parentNode.appendChild(c);
      var natural = c.getBoundingClientRect().width;
      el.parentNode.removeChild(c);
      if (natural > W) continue;        // wider than a line: it must break
      var what = desc(el) + " " + JSON.stringify(el.textContent) + " (" + Math.round(natural) +
        " px, a line " + Math.round(W) + " px)";
      // a span of at most 24 columns (a CJK character 2) never breaks
      // when it fits; a longer one only between words
      if (!el.hasAttribute("data-kiji-cont") && columns(el.textContent) <= 24) {
        bad(what + " breaks over " + tops.length + " lines");
        continue;
      }
      breaksIn(d, el, line).forEach(function (b) {
        if (!/[\s\u30fb\uff65]/.test(b[0] + b[1])) bad(what + " breaks inside a word: " + b[0] + "/" + b[1]);
      });
    }
  } catch (e) { bad("harness error: " + e); }
  return r;
}
function loaded(f) {
  results[f.getAttribute("data-name")] = probe(f);
  document.getElementById("results").textContent = JSON.stringify(results);
}
</script></head><body>
EOF
  # first, at the top left, the one the screenshot at 360 px shows
  echo "<iframe data-name=\"wrap-ja@360\" data-width=\"360\" data-wraps=\"1\" onload=\"loaded(this)\" src=\"file://$abs/wrap-ja.html\" width=\"360\" height=\"2400\"></iframe>"
  for p in $pages; do
    ws=$narrow_widths
    case $p in *-ja) ws="$ws $narrow_ja_widths" ;; esac
    case " $narrow_wide " in *" $p "*) ws="$ws 660" ;; esac
    wraps=1
    [ "$p" = edge ] && wraps=0
    for wd in $ws; do
      [ "$p@$wd" = wrap-ja@360 ] && continue
      echo "<iframe data-name=\"$p@$wd\" data-width=\"$wd\" data-wraps=\"$wraps\" onload=\"loaded(this)\" src=\"file://$abs/$p.html\" width=\"$wd\" height=\"400\"></iframe>"
      narrow_names="$narrow_names,$p@$wd"
    done
  done
  echo '<pre id="results">pending</pre></body></html>'
} >"$tmp/narrow.html"

# The screenshots of the wrap-ja page at 1200 px (the harness's run, its
# first frame) and at 360 px (the narrow harness's run, whose window
# Chromium lays out 500 px wide but crops to 360 px, its first frame the
# page 360 px wide).
shots=$BUILD/screenshots
mkdir -p "$shots" || exit 1
rm -f "$shots/html-1200.png" "$shots/html-360.png"

# Chromium in two lanes (a run takes a core or so): one run per page (the
# DOM, the net log, the screenshot), and the harnesses.
page_run() {
  chrome "$1" --log-net-log="$abs/$1.netlog" --net-log-capture-mode=Default \
    --screenshot="$abs/$1.png" --window-size=1200,1600 \
    --dump-dom "file://$abs/$1.html" >"$out/$1.dom" 2>"$tmp/$1.err"
}
shots_abs=$(cd "$shots" && pwd)
(page_run own-en; page_run sample-en
 chrome narrow --allow-file-access-from-files --window-size=360,2400 \
   --screenshot="$shots_abs/html-360.png" \
   --dump-dom "file://$tmp/narrow.html" >"$tmp/narrow.dom" 2>"$tmp/narrow.err") &
(page_run own-ja; page_run sample-ja; page_run edge
 chrome harness --allow-file-access-from-files --window-size=1200,1600 \
   --screenshot="$shots_abs/html-1200.png" \
   --log-net-log="$tmp/harness.netlog" --net-log-capture-mode=Default \
   --dump-dom "file://$tmp/harness.html" >"$tmp/harness.dom" 2>"$tmp/harness.err") &
wait

for p in $run_pages; do
  check "$p: the DOM Chromium built matches the document (mentions, spans, tables, legend, counts, text)" \
    "$PY" "$tmp/check.py" dom "$out/$p.dom" "$out/$p.json" "$out/$p.txt"
  check "$p: no network request from the page (Chromium net log)" \
    "$PY" "$tmp/check.py" net "$out/$p.netlog"
  check "$p: screenshot $out/$p.png" "$PY" "$tmp/check.py" png "$out/$p.png" 1200 1600
done
# wrap-ja and long-url have no run of their own (the harnesses load
# them): their pages as written, which no script changes at load
for p in wrap-ja long-url; do
  check "$p: the page matches the document (mentions, spans, tables, legend, counts, text)" \
    "$PY" "$tmp/check.py" dom "$out/$p.html" "$out/$p.json" "$out/$p.txt"
done
names=$(echo $pages | tr ' ' ',')
check "harness: hover highlights and draws each denial and attribution, focus shows each mention's tooltip, nothing scrolls sideways at 1200 px" \
  "$PY" "$tmp/check.py" harness "$tmp/harness.dom" "$names"
check "harness: no request from the pages while hovered and focused; the control frame's is seen" \
  "$PY" "$tmp/check.py" net "$tmp/harness.netlog" "$control_url"
check "narrow: at 300 to 660 px no sideways scrolling, the text wraps, no highlighted span that fits a line broken (a long one only between words)" \
  "$PY" "$tmp/check.py" harness "$tmp/narrow.dom" "$narrow_names"
check "screenshot $shots/html-1200.png is 1200 px wide" "$PY" "$tmp/check.py" png "$shots/html-1200.png" 1200 -
check "screenshot $shots/html-360.png is 360 px wide" "$PY" "$tmp/check.py" png "$shots/html-360.png" 360 -
rm -f "$out"/*.netlog

tap_end
