#!/bin/sh
# The timeline page of `kiji track --format html` (lua/kiji/timeline.lua),
# for real, as TAP for prove:
#  - renders pages from event fixtures written for this test
#    (tests/fixtures/timeline/*.json, SCHEMA.md "An event": invented
#    stories in English and Japanese; an edge file with markup characters,
#    a control byte, dates at year precision, a leap day, an unreadable
#    date, a missing source, an event with nothing; an empty list) and
#    from 1000 generated events over 13 years (large), through a small Lua
#    driver (until `kiji track` writes them);
#  - the same bytes twice and under every Lua at hand with lua-cjson;
#  - validates each page with html5lib in strict mode, no external
#    resource; without JS the full list shows (the filter form is hidden
#    until the script shows it, no row or item hidden);
#  - loads each page in headless Chromium: the dumped DOM against the
#    events (a row per event with its denier, target and languages, a
#    mark per denial with its date, language, link and sentence, marks
#    placed in date order on the axis, month ticks, the list); no request
#    in Chromium's net log; a harness page with each page in an iframe at
#    1200 and at 360 px: focusing each mark (the first 80) shows its
#    sentence in a tooltip inside the page (hover has the same CSS rule),
#    each filter value (the first 8) shows exactly its events (and a
#    language only its marks), the marks' boxes in date order, no
#    sideways scrolling; the large page takes under 14 elements and 1200
#    bytes a denial (its load and filter times are printed, not bounded:
#    speed is make bench's, and a test machine's load is anybody's);
#  - screenshots: $BUILD/screenshots/timeline.png (1200 px) and
#    timeline-360.png.
# Output: $BUILD/test-output/timeline/*.{html,json,dom,png}.
# Needs (Debian): chromium, python3-html5lib, lua5.4, lua-cjson,
# fonts-noto-cjk. Without them the test is skipped (skip.sh), and fails
# under CI=true or KIJI_HTML_REQUIRED=1.
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
[ "${KIJI_HTML_REQUIRED:-0}" = 1 ] && CI=true
. tests/suites/skip.sh
. tests/suites/tap.sh
. tests/suites/chrome.sh
need_cmd lua5.4 lua5.4
need_lua_mod lua5.4 cjson lua-cjson
page=timeline
. tests/suites/page_suite.sh

fixtures="stories edge empty"
pages="$fixtures large"

# ---------------------------------------------------------------- render
# render.lua DIR NAME...: tests/fixtures/timeline/NAME.json -> DIR/NAME.html
# and DIR/NAME.json (the events as read); "large" is generated here.
cat >"$tmp/render.lua" <<'EOF'
local cjson = require "cjson"
local timeline = require "kiji.timeline"
local dir = assert(arg[1])

local function slurp(path)
  local f = assert(io.open(path, "rb")); local s = f:read("*a"); f:close(); return s
end
local function spit(path, s)
  local f = assert(io.open(path, "wb")); f:write(s); f:close()
end

-- 1000 events from 2012 to 2024: 40 deniers (some Japanese names, some
-- with no id), 15 outlets and none, 1 to 8 denials each, dates at day,
-- month and year precision and none, English and Japanese sentences.
local function large()
  local seed = 20231
  local function rnd(k)
    seed = (seed * 16807) % 2147483647
    return seed % k + 1
  end
  local events = {}
  for i = 1, 1000 do
    local b = rnd(40)
    local denier = b % 5 == 0 and { name = "生成庁" .. b } or
      { id = "gen.body" .. b, name = "Generated Body " .. b, country = b % 2 == 0 and "JP" or "KR" }
    local t = rnd(16)
    local target = t <= 15 and { id = "gen.outlet" .. t, name = "Outlet " .. t } or cjson.null
    local y, m = 2011 + rnd(14), rnd(12)
    local ds = {}
    for j = 1, rnd(8) do
      local kind, date = rnd(100), nil
      m = m + rnd(3) - 1
      if m > 12 then y, m = y + 1, 1 end
      if y > 2024 then y = 2024 end
      if kind <= 85 then date = string.format("%04d-%02d-%02d", y, m, rnd(28))
      elseif kind <= 95 then date = string.format("%04d-%02d", y, m)
      elseif kind <= 97 then date = string.format("%04d", y) end
      local ja = rnd(2) == 1
      ds[j] = {
        article = string.format("gen-%d-%d", i, j), date = date, source = { id = "gen.outlet" .. rnd(15) },
        sentence = ja and ("生成庁は報道" .. i .. "について「事実無根だ」と否定した。")
          or ("Generated body " .. b .. " denied report " .. i .. " on a generated day."),
        cue = ja and "否定した" or "denied", start = 0, ["end"] = 60,
      }
    end
    table.sort(ds, function(p, q) return (p.date or "~") < (q.date or "~") end)
    local first, last
    for _, d in ipairs(ds) do
      if d.date then first = first or d.date; last = d.date end
    end
    events[i] = { event = string.format("ev-gen-%04d", i), denier = denier, target = target,
      claim = "generated claim " .. i, first = first or cjson.null, last = last or cjson.null, denials = ds }
  end
  table.sort(events, function(p, q)
    local a, b = type(p.first) == "string" and p.first or "~", type(q.first) == "string" and q.first or "~"
    if a ~= b then return a < b end
    return p.event < q.event
  end)
  return events
end

for i = 2, #arg do
  local name = arg[i]
  local events, json
  if name == "large" then
    events = large()
    json = cjson.encode(events)
  else
    json = slurp("tests/fixtures/timeline/" .. name .. ".json")
    events = cjson.decode(json)
  end
  local opts = name == "edge" and { title = "kiji <edge> & \"cases\" 日本語" } or nil
  local page = timeline.page(events, opts)
  -- the same bytes again, and from a copy of the events
  assert(timeline.page(events, opts) == page, name .. ": a second page differs")
  assert(timeline.page(cjson.decode(json), opts) == page, name .. ": the page of a copy differs")
  spit(dir .. "/" .. name .. ".html", page)
  spit(dir .. "/" .. name .. ".json", json)
end

-- the API's argument checks
assert(not pcall(timeline.page, nil))
assert(not pcall(timeline.page, {}, "x"))
assert(timeline.page({}):find("<!DOCTYPE html>", 1, true) == 1)
EOF

lua() {
  _i=$1; shift
  LUA_PATH="lua/?.lua;lua/?/init.lua;;" "$_i" "$@"
}
if lua lua5.4 "$tmp/render.lua" "$out" $pages 2>"$tmp/log"; then
  ok "render the pages ($pages) with lua5.4 into $out, the same bytes twice"
else
  not_ok "render the pages ($pages) with lua5.4 into $out"; sed 's/^/# /' "$tmp/log"
fi
for i in lua5.1 luajit lua5.3; do
  if ! command -v "$i" >/dev/null 2>&1 || ! "$i" -e "require 'cjson'" >/dev/null 2>&1; then
    skip_one "$i with lua-cjson not available"; continue
  fi
  mkdir -p "$tmp/$i"
  if ! lua "$i" "$tmp/render.lua" "$tmp/$i" $pages 2>"$tmp/log"; then
    not_ok "$i renders the pages"; sed 's/^/# /' "$tmp/log"; continue
  fi
  same() { for p in $pages; do cmp "$out/$p.html" "$tmp/$i/$p.html" || return 1; done; }
  check "$i renders the same pages byte for byte" same
done

# ---------------------------------------------------------------- checker
cat >"$tmp/check.py" <<'EOF'
import json, os, re, sys
sys.path.insert(0, os.path.join(os.getcwd(), "tests", "tools"))
from pagecheck import El, bad, clean, cmd_harness, cmd_net, cmd_png, cmd_validate, main, parse, problems

JA = re.compile("[\u3040-\u30ff\u4000-\u9fff\uff00-\uff7f]")

def key(p):
    if not isinstance(p, dict):
        return "-"
    if p.get("id"):
        return "id:" + p["id"]
    if p.get("name"):
        return "name:" + p["name"]
    return "-"

def lang(d):
    return d.get("lang") or ("ja" if JA.search(d.get("sentence") or "") else "en")

def days(s):
    """The first day of an ISO date (day, month, year) and its precision."""
    import datetime
    for fmt, prec in (("%Y-%m-%d", "day"), ("%Y-%m", "month"), ("%Y", "year")):
        try:
            return datetime.datetime.strptime(s or "", fmt).toordinal(), prec
        except ValueError:
            pass
    return None, None

def left(el):
    m = re.search(r"left:([0-9.]+)%", el.get("style") or "")
    return float(m.group(1)) if m else None

def classes(el):
    return (el.get("class") or "").split()

def cmd_file(page, events_json):
    """The page as written (what a reader without JS sees)."""
    with open(events_json, encoding="utf-8") as f:
        events = json.load(f)
    root = parse(page)
    els = list(root.iter())
    form = next((e for e in els if e.get("id") == "tl-filters"), None)
    if form is None or "hidden" not in form.attrs:
        bad("the filter form is not hidden until the script shows it")
    for e in els:
        if "hidden" in e.attrs and e is not form:
            bad("<%s class=%r> hidden without JS" % (e.tag, e.get("class")))
    items = [e for e in els if "tl-item" in classes(e)]
    if len(items) != len(events):
        bad("the list has %d events, the file %d" % (len(items), len(events)))
    for it, ev in zip(items, events):
        lis = [e for e in it.iter() if e.tag == "li" and e.parent and "tl-dens" in classes(e.parent)]
        if len(lis) != len(ev["denials"]):
            bad("%s: %d denials listed, %d in the file" % (ev["event"], len(lis), len(ev["denials"])))
        for li, d in zip(lis, ev["denials"]):
            q = next((e for e in li.iter() if e.tag == "blockquote"), None)
            if q is None or q.text() != clean(d["sentence"].encode()):
                bad("%s: sentence %r, want %r" % (li.get("id"), q and q.text(), d["sentence"]))

def cmd_dom(dom, events_json):
    with open(events_json, encoding="utf-8") as f:
        events = json.load(f)
    root = parse(dom)
    els = list(root.iter())
    by_id = {}
    for el in els:
        i = el.get("id")
        if i is not None:
            if i in by_id:
                bad("duplicate id %r" % i)
            by_id[i] = el
    for el in els:
        h = el.get("href")
        if h and h.startswith("#") and h[1:] not in by_id:
            bad("dangling href %r" % h)
        for i in (el.get("aria-describedby") or "").split() + (el.get("aria-labelledby") or "").split():
            if i not in by_id:
                bad("dangling aria reference %r" % i)
    form = by_id.get("tl-filters")
    if form is None or "hidden" in form.attrs:
        bad("the script did not show the filter form")
    rows_ol = by_id.get("tl-rows")
    rows = [c for c in rows_ol.children if isinstance(c, El) and c.tag == "li"] if rows_ol else []
    if len(rows) != len(events):
        bad("%d rows, %d events" % (len(rows), len(events)))
    for row, ev in zip(rows, events):
        name = ev.get("event")
        if row.get("data-event") != name:
            bad("row %s: data-event %r" % (row.get("id"), row.get("data-event")))
        if row.get("data-denier") != key(ev.get("denier")) or row.get("data-target") != key(ev.get("target")):
            bad("%s: denier %r target %r" % (name, row.get("data-denier"), row.get("data-target")))
        langs = sorted({lang(d) for d in ev["denials"]})
        if (row.get("data-langs") or "").split() != langs:
            bad("%s: languages %r, want %r" % (name, row.get("data-langs"), langs))
        marks = [e for e in row.iter() if "tl-m" in classes(e)]
        if len(marks) != len(ev["denials"]):
            bad("%s: %d marks for %d denials" % (name, len(marks), len(ev["denials"])))
            continue
        placed = []
        for mk, d in zip(marks, ev["denials"]):
            if mk.get("data-date") != d.get("date"):
                bad("%s: mark dated %r, want %r" % (name, mk.get("data-date"), d.get("date")))
            if mk.get("data-lang") != lang(d):
                bad("%s: mark language %r, want %r" % (name, mk.get("data-lang"), lang(d)))
            a = next((e for e in mk.iter() if e.tag == "a"), None)
            target = a is not None and by_id.get((a.get("href") or "#")[1:])
            if not target or target.tag != "li":
                bad("%s: mark links nowhere (%r)" % (name, a and a.get("href")))
            tip = a is not None and by_id.get(a.get("aria-describedby") or "")
            want = clean(d["sentence"].encode())
            if not tip or want[:200] not in tip.text():
                bad("%s: the tooltip %r lacks the sentence %r" % (name, tip and tip.text()[:80], want[:80]))
            if target and want not in target.text():
                bad("%s: the linked denial lacks the sentence" % name)
            lo, prec = days(d.get("date"))
            placed.append((lo, prec, left(mk)))
        dated = [p for p in placed if p[0] is not None]
        for (l1, p1, x1) in dated:
            for (l2, p2, x2) in dated:
                if l1 < l2 and not x1 < x2:
                    bad("%s: a mark at %s%% comes after one at %s%% of a later date" % (name, x1, x2))
        undated = [p[2] for p in placed if p[0] is None]
        if dated and undated and min(undated) <= max(p[2] for p in dated):
            bad("%s: an undated mark among the dated ones" % name)
    # month ticks, in order, ISO months, starting at or before the first date
    ticks = [e for e in els if "tl-tick" in classes(e)]
    dated = [days(d.get("date"))[0] for ev in events for d in ev["denials"] if days(d.get("date"))[0]]
    if dated:
        labels = [t.text() for t in ticks if t.text()]
        xs = [left(t) for t in ticks]
        if len(labels) < 2 or any(not re.match(r"^\d{4}-\d{2}$", l) for l in labels):
            bad("month tick labels %r" % labels)
        if xs != sorted(xs) or len(set(xs)) != len(xs):
            bad("ticks out of order: %r" % xs[:20])
        if labels and days(labels[0])[0] > min(dated):
            bad("the first tick %s is after the first date" % labels[0])
    items = [e for e in els if "tl-item" in classes(e)]
    if len(items) != len(events):
        bad("%d events listed, %d in the file" % (len(items), len(events)))

cmds = {"validate": cmd_validate, "dom": cmd_dom, "file": cmd_file, "net": cmd_net,
        "harness": cmd_harness, "png": cmd_png}
main(cmds)
EOF

for p in $pages; do
  check "$p.html is valid HTML5 (html5lib strict) with no external resource" \
    "$PY" "$tmp/check.py" validate "$out/$p.html"
  check "$p.html without JS: the full list, no filter form, nothing hidden" \
    "$PY" "$tmp/check.py" file "$out/$p.html" "$out/$p.json"
done

# ---------------------------------------------------------------- Chromium
control_url=http://kiji-timeline-test.invalid/pixel.png
cat >"$tmp/control.html" <<EOF
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>control</title></head>
<body><img alt="" src="$control_url"></body></html>
EOF

# The harness: each page in an iframe (same origin with
# --allow-file-access-from-files), probed when it has loaded; what it
# finds goes into #results.
harness() {   # harness WIDTH FRAMES...: the harness page on stdout
  _w=$1; shift
  cat <<'EOF'
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>kiji timeline harness</title>
<style>body{margin:0}iframe{display:block;border:0}</style>
<script>
var results = {};
function dayOf(s) {
  var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(s || "");
  if (!m) return null;
  return Date.UTC(+m[1], m[2] ? m[2] - 1 : 0, m[3] ? +m[3] : 1) / 864e5;
}
function probe(f) {
  var r = { problems: [], checked: 0 }, d = f.contentDocument, w = f.contentWindow;
  var de = d.documentElement, W = de.clientWidth;
  function bad(m) { if (r.problems.length < 30) r.problems.push(m); }
  function wide(when) {
    if (de.scrollWidth > de.clientWidth) bad("sideways scrolling " + when + ": " + de.scrollWidth + " px in " + de.clientWidth);
  }
  try {
    var nav = w.performance.getEntriesByType("navigation")[0];
    if (nav) r.load_ms = Math.round(nav.loadEventEnd - nav.startTime);
    r.elements = d.getElementsByTagName("*").length;
    r.marks = d.querySelectorAll("#tl-rows .tl-m").length;
    if (W !== +f.getAttribute("width")) bad("viewport " + W + " px");
    wide("at load");
    // hover: the tooltip's CSS rule (headless Chromium has no pointer)
    var hover = false;
    for (var s = 0; s < d.styleSheets.length; s++) {
      var rules = d.styleSheets[s].cssRules;
      for (var k = 0; k < rules.length; k++) {
        var sel = rules[k].selectorText || "";
        if (/\.tl-m:hover \.tl-tip/.test(sel) && rules[k].style.display === "block") hover = true;
      }
    }
    if (!hover) bad("no rule shows the tooltip on hover");
    // focus: each mark (the first 80) shows its sentence inside the page
    var dots = d.querySelectorAll("#tl-rows a.tl-dot");
    for (var i = 0; i < dots.length && i < 80; i++) {
      var a = dots[i], tip = d.getElementById(a.getAttribute("aria-describedby"));
      var den = d.getElementById(a.getAttribute("href").slice(1));
      var q = den && den.querySelector("blockquote");
      a.focus({ preventScroll: true });
      if (d.activeElement !== a) { bad(a.getAttribute("href") + " takes no focus"); continue; }
      if (!tip || w.getComputedStyle(tip).display === "none") { bad(a.getAttribute("href") + ": no tooltip on focus"); a.blur(); continue; }
      var b = tip.getBoundingClientRect();
      if (!(b.width > 0 && b.height > 0)) bad(a.getAttribute("href") + ": the tooltip is not displayed");
      if (b.left < -1 || b.right > W + 1) bad(a.getAttribute("href") + ": the tooltip spans " + Math.round(b.left) + " to " + Math.round(b.right) + " px of " + W);
      if (q && tip.textContent.indexOf(q.textContent.slice(0, 200)) < 0) bad(a.getAttribute("href") + ": the tooltip lacks the sentence");
      if (i < 20) wide("with a tooltip shown");
      a.blur();
      if (w.getComputedStyle(tip).display !== "none") bad(a.getAttribute("href") + ": the tooltip stays after blur");
      r.checked++;
    }
    // the marks' boxes in date order, in each row
    var rows = d.querySelectorAll("#tl-rows > .tl-row");
    for (var j = 0; j < rows.length; j++) {
      var ms = rows[j].querySelectorAll(".tl-m[data-date]"), seen = [];
      for (var m = 0; m < ms.length; m++) {
        var day = dayOf(ms[m].getAttribute("data-date"));
        if (day !== null) seen.push([day, ms[m].getBoundingClientRect().left]);
      }
      for (var x = 0; x < seen.length; x++) for (var y = 0; y < seen.length; y++)
        if (seen[x][0] < seen[y][0] && !(seen[x][1] <= seen[y][1])) bad(rows[j].id + ": marks out of date order");
    }
    // the filters: each value (the first 8) shows exactly its events
    var form = d.getElementById("tl-filters"), items = d.querySelectorAll("#tl-list > .tl-item");
    if (!form || form.hidden) bad("no filter form");
    var shown = d.getElementById("tl-shown");
    ["denier", "target", "lang"].forEach(function (name) {
      var sel = d.getElementById("tl-f-" + name), attr = name === "lang" ? "data-langs" : "data-" + name;
      for (var o = 1; o < sel.options.length && o <= 8; o++) {
        var v = sel.options[o].value, want = +/\((\d+)\)$/.exec(sel.options[o].text)[1], t0 = w.performance.now();
        sel.value = v;
        sel.dispatchEvent(new w.Event("change", { bubbles: true }));
        var ms = Math.round(w.performance.now() - t0);
        r.filter_ms = Math.max(r.filter_ms || 0, ms);
        var n = 0;
        for (var i = 0; i < rows.length; i++) {
          var has = (" " + rows[i].getAttribute(attr) + " ").indexOf(" " + v + " ") >= 0;
          var vis = rows[i].getClientRects().length > 0;
          if (has !== vis) bad(name + "=" + v + ": " + rows[i].id + (vis ? " shown" : " hidden"));
          if (items[i] && (items[i].getClientRects().length > 0) !== vis) bad(name + "=" + v + ": list item " + i + " differs from its row");
          if (vis) n++;
        }
        if (n !== want) bad(name + "=" + v + ": " + n + " events shown, the option says " + want);
        if (shown.textContent.indexOf(n + " of " + rows.length) !== 0) bad(name + "=" + v + ": the count says " + shown.textContent);
        if (name === "lang") {
          var all = d.querySelectorAll("#tl-rows .tl-m, #tl-list .tl-dens > li");
          for (var k = 0; k < all.length; k++) {
            var vis2 = all[k].getClientRects().length > 0, row = all[k].closest(".tl-row, .tl-item");
            if (row.getClientRects().length && vis2 !== (all[k].getAttribute("data-lang") === v)) bad("lang=" + v + ": a " + all[k].getAttribute("data-lang") + " denial " + (vis2 ? "shown" : "hidden"));
          }
        }
        wide("filtered by " + name);
        r.checked++;
      }
      sel.value = "";
      sel.dispatchEvent(new w.Event("change", { bubbles: true }));
    });
    for (var z = 0; z < rows.length; z++) if (!rows[z].getClientRects().length) bad("a row stays hidden with no filter: " + rows[z].id);
    w.scrollTo(0, 0);
  } catch (e) { bad("harness error: " + e); }
  return r;
}
// when every frame is in and probed, the screenshot's frame gets a mark's
// tooltip open
window.addEventListener("load", function () {
  var f = document.querySelector("iframe[data-shot]");
  var a = f && f.contentDocument.querySelectorAll("#tl-rows a.tl-dot")[1];
  if (a) { f.focus(); a.focus({ preventScroll: true }); }
});
function loaded(f) {
  var name = f.getAttribute("data-name");
  if (name !== "control") results[name] = probe(f);
  document.getElementById("results").textContent = JSON.stringify(results);
}
</script></head><body>
EOF
  # the first frame, at the top left, is the one the screenshot shows
  _shot=' data-shot=""'
  for p in "$@"; do
    echo "<iframe data-name=\"$p@$_w\"$_shot onload=\"loaded(this)\" src=\"file://$abs/$p.html\" width=\"$_w\" height=\"1000\"></iframe>"
    _shot=
  done
  [ "$_w" = 1200 ] && echo "<iframe data-name=\"control\" onload=\"loaded(this)\" src=\"file://$tmp/control.html\" width=\"10\" height=\"10\"></iframe>"
  echo '<pre id="results">pending</pre></body></html>'
}
probed="stories edge large"
harness 1200 $probed >"$tmp/wide.html"
harness 360 $probed >"$tmp/narrow.html"

shots=$BUILD/screenshots
mkdir -p "$shots" || exit 1
shots_abs=$(cd "$shots" && pwd)
rm -f "$shots/timeline.png" "$shots/timeline-360.png"
page_run() {   # page_run NAME [ARGS]: its DOM, net log
  _p=$1; shift
  chrome "$_p" --log-net-log="$abs/$_p.netlog" --net-log-capture-mode=Default \
    --window-size=1200,1000 "$@" --dump-dom "file://$abs/$_p.html" >"$out/$_p.dom" 2>"$tmp/$_p.err"
}
# two lanes: the pages, the harnesses (the screenshots: each harness's
# first frame, stories, a tooltip open; the narrow one's window is laid
# out 500 px wide but cropped to 360)
(page_run stories; page_run edge; page_run empty; page_run large) &
(CHROME_TIMEOUT=240 chrome wide --allow-file-access-from-files --window-size=1200,1000 \
   --screenshot="$shots_abs/timeline.png" \
   --log-net-log="$tmp/wide.netlog" --net-log-capture-mode=Default \
   --dump-dom "file://$tmp/wide.html" >"$tmp/wide.dom" 2>"$tmp/wide.err"
 CHROME_TIMEOUT=240 chrome narrow --allow-file-access-from-files --window-size=360,1000 \
   --screenshot="$shots_abs/timeline-360.png" \
   --dump-dom "file://$tmp/narrow.html" >"$tmp/narrow.dom" 2>"$tmp/narrow.err") &
wait

for p in $pages; do
  check "$p: the DOM Chromium built matches the events (rows, marks in date order, links, tooltips, ticks, list)" \
    "$PY" "$tmp/check.py" dom "$out/$p.dom" "$out/$p.json"
  check "$p: no network request from the page (Chromium net log)" "$PY" "$tmp/check.py" net "$out/$p.netlog"
done
names=; for p in $probed; do names="$names,$p@1200"; done
check "harness at 1200 px: focus shows each mark's sentence (hover: its CSS rule), filters show exactly their events, marks in date order, no sideways scrolling" \
  "$PY" "$tmp/check.py" harness "$tmp/wide.dom" "${names#,}"
check "harness: no request from the pages; the control frame's is seen" \
  "$PY" "$tmp/check.py" net "$tmp/wide.netlog" "$control_url"
names=; for p in $probed; do names="$names,$p@360"; done
check "harness at 360 px: the same, tooltips inside the page, no sideways scrolling" \
  "$PY" "$tmp/check.py" harness "$tmp/narrow.dom" "${names#,}"
# the large page: load and filter times (a shared machine: generous bounds)
timing() {
  "$PY" - "$1" "$2" <<'EOF'
import json, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<pre id="results">(.*?)</pre>', dom, re.S)
import html
r = json.loads(html.unescape(m.group(1)))["large@1200"]
size = len(open(sys.argv[2], "rb").read())
per = r["elements"] / max(r["marks"], 1)
print("# large: 1000 events, %d denials, %d bytes (%d a denial), %d elements (%.1f a denial), loaded in %s ms, slowest filter %s ms"
      % (r["marks"], size, size // max(r["marks"], 1), r["elements"], per, r.get("load_ms"), r.get("filter_ms")))
print("# checks made in each frame: " + ", ".join("%s %d" % (k, v["checked"]) for k, v in sorted(json.loads(html.unescape(m.group(1))).items())))
sys.exit(0 if r.get("load_ms") is not None and r.get("filter_ms") is not None
         and per < 14 and size < 1200 * r["marks"] else 1)
EOF
}
check "large (1000 events): under 14 elements and 1200 bytes a denial, loaded and filtered (times printed)" \
  timing "$tmp/wide.dom" "$out/large.html"
timing "$tmp/wide.dom" "$out/large.html" 2>/dev/null
check "screenshot $shots/timeline.png is 1200 px wide" "$PY" "$tmp/check.py" png "$shots/timeline.png" 1200 -
check "screenshot $shots/timeline-360.png is 360 px wide" "$PY" "$tmp/check.py" png "$shots/timeline-360.png" 360 -
rm -f "$out"/*.netlog

tap_end
