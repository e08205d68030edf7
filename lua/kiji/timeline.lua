--- kiji.timeline: one self-contained HTML page for the events of
-- `kiji track` (SCHEMA.md "An event").
--
--   local timeline = require "kiji.timeline"
--   local page = timeline.page(events, {title = "…"})
--
-- The page has a timeline, one row per event (denier → target, the
-- claim, first – last) and in it one mark per denial, placed by its date
-- on an axis proportional to time with a tick per month (fewer labels
-- when the span is long). A date at day precision is a dot; at month or
-- year precision ("2023-08", "2016") a bar over that month or year; a
-- denial without a date sits in a "no date" band at the axis's end.
-- English marks are circles, Japanese ones diamonds (shape as well as
-- colour). Each mark is a link (keyboard focus) to its denial in the list
-- below; hovering or focusing it shows its sentence in a tooltip, which
-- is also its aria description.
--
-- Below the timeline, the full list: every event and every denial
-- (date, source, article, the sentence with its cue marked). Without JS
-- the page shows everything; with JS a form (select boxes) filters the
-- events by denier, target and language (a language also hides the other
-- languages' marks and denials).
--
-- No network, no external assets: inline CSS and JS; the page fits a
-- phone (no sideways scrolling) and keeps usable with 1000 events (a
-- sticky axis, a filter pass over the rows only, the list laid out when
-- scrolled to). The same events give the same bytes.
--
-- A denial's language: its `lang` when the event gives one ("en", "ja"),
-- else "ja" when its sentence has kana, kanji or full-width forms, else
-- "en".
-- opts: title (default: "kiji: N events"), lang (the <html lang>,
-- default "en"; Japanese texts carry lang="ja" of their own).
-- Pure Lua 5.1 to 5.4 (and LuaJIT).
local timeline = {}

local html = require "kiji.html"

local esc, looks_japanese = html.escape, html.looks_japanese
local concat, format, floor = table.concat, string.format, math.floor

-- ------------------------------------------------------------- input

-- A string field (a number is written out; JSON null, cjson.null and
-- anything else are nil).
local function str(v)
  if type(v) == "string" then return v end
  if type(v) == "number" then return v == floor(v) and format("%d", v) or format("%.14g", v) end
  return nil
end

local function tbl(v)
  return type(v) == "table" and v or nil
end

-- Escaped text, with lang="ja" around Japanese.
local function txt(s)
  if looks_japanese(s) then return '<span lang="ja">' .. esc(s) .. "</span>" end
  return esc(s)
end

-- At most max bytes of s, cut on a UTF-8 character boundary.
local function cut(s, max)
  if #s <= max then return s end
  local i = max + 1
  while i > 1 do
    local c = s:byte(i)
    if c < 0x80 or c >= 0xC0 then break end
    i = i - 1
  end
  return s:sub(1, i - 1) .. "…"
end

-- ------------------------------------------------------------- dates

-- Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
-- days_from_civil), in integers for every Lua.
local function days(y, m, d)
  if m <= 2 then y = y - 1 end
  local era = floor(y / 400)
  local yoe = y - era * 400
  local mp = (m + 9) % 12
  local doy = floor((153 * mp + 2) / 5) + d - 1
  local doe = yoe * 365 + floor(yoe / 4) - floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
end

local function month_days(y, m)
  if m == 12 then return days(y + 1, 1, 1) - days(y, 12, 1) end
  return days(y, m + 1, 1) - days(y, m, 1)
end

-- An ISO date at day, month or year precision: {lo, hi} in days (hi
-- exclusive), its precision, and the year and month it starts in; nil
-- for anything else.
local function parse_date(s)
  s = str(s)
  if not s then return nil end
  local y, m, d = s:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  if y then
    y, m, d = tonumber(y), tonumber(m), tonumber(d)
    if m < 1 or m > 12 or d < 1 or d > month_days(y, m) then return nil end
    local lo = days(y, m, d)
    return { lo = lo, hi = lo + 1, prec = "day", y = y, m = m }
  end
  y, m = s:match("^(%d%d%d%d)%-(%d%d)$")
  if y then
    y, m = tonumber(y), tonumber(m)
    if m < 1 or m > 12 then return nil end
    local lo = days(y, m, 1)
    return { lo = lo, hi = lo + month_days(y, m), prec = "month", y = y, m = m }
  end
  y = s:match("^(%d%d%d%d)$")
  if y then
    y = tonumber(y)
    return { lo = days(y, 1, 1), hi = days(y + 1, 1, 1), prec = "year", y = y, m = 1 }
  end
  return nil
end

-- ------------------------------------------------------------- the model

local LANG_NAME = { en = "English", ja = "Japanese 日本語" }

-- The key a filter uses for a denier or a target: its id, else its name.
local function party_key(p)
  p = tbl(p)
  if not p then return nil end
  local id, name = str(p.id), str(p.name)
  if id and id ~= "" then return "id:" .. id end
  if name and name ~= "" then return "name:" .. name end
  return nil
end

local function party_name(p)
  p = tbl(p)
  if not p then return nil end
  local name, id = str(p.name), str(p.id)
  if name and name ~= "" then return name end
  if id and id ~= "" then return id end
  return nil
end

-- The events as the page shows them: names, keys, dates, languages.
local function model(events)
  local evs, all = {}, { lo = nil, hi = nil, undated = 0, denials = 0, articles = {}, narticles = 0 }
  local deniers, targets, langs = {}, {}, {}
  local function count(set, key, name)
    local e = set[key]
    if not e then
      e = { key = key, name = name, n = 0 }
      set[key] = e
      set[#set + 1] = e
    end
    e.n = e.n + 1
  end
  for i, ev in ipairs(events) do
    ev = tbl(ev) or {}
    local e = {
      n = i, id = str(ev.event) or "", claim = str(ev.claim),
      first = str(ev.first), last = str(ev.last),
      denier = party_name(ev.denier) or "(unknown denier)",
      dkey = party_key(ev.denier) or "-",
      target = party_name(ev.target), tkey = party_key(ev.target) or "-",
      country = tbl(ev.denier) and str(ev.denier.country),
      denials = {}, langs = {},
    }
    count(deniers, e.dkey, e.denier)
    count(targets, e.tkey, e.target or "(no target outlet)")
    for j, d in ipairs(tbl(ev.denials) or {}) do
      d = tbl(d) or {}
      local sentence = str(d.sentence) or ""
      local x = {
        n = j, article = str(d.article), date = str(d.date), sentence = sentence,
        cue = str(d.cue), source = party_name(d.source),
        lang = str(d.lang) or (looks_japanese(sentence) and "ja" or "en"),
      }
      x.lang = x.lang:gsub("[^%w%-]", "")
      if x.lang == "" then x.lang = "und" end
      x.when = parse_date(x.date)
      if x.when then
        all.lo = math.min(all.lo or x.when.lo, x.when.lo)
        all.hi = math.max(all.hi or x.when.hi, x.when.hi)
      else
        all.undated = all.undated + 1
      end
      if x.article and not all.articles[x.article] then
        all.articles[x.article] = true
        all.narticles = all.narticles + 1
      end
      if not e.langs[x.lang] then
        e.langs[x.lang] = true
        e.langs[#e.langs + 1] = x.lang
        count(langs, x.lang, LANG_NAME[x.lang] or x.lang)
      end
      all.denials = all.denials + 1
      e.denials[j] = x
    end
    table.sort(e.langs)
    evs[i] = e
  end
  local function by_name(a, b)
    if a.name ~= b.name then return a.name < b.name end
    return a.key < b.key
  end
  table.sort(deniers, by_name)
  table.sort(targets, by_name)
  table.sort(langs, function(a, b) return a.key < b.key end)
  return evs, all, { denier = deniers, target = targets, lang = langs }
end

-- ------------------------------------------------------------- the axis

-- The axis: from the first day of the first month with a date to the
-- first day of the month after the last; the dates take the whole width,
-- or DATED of it when some denials have no date (those go in the band
-- after it).
local DATED, UNDATED_AT = 0.9, 0.95

local function axis_of(all)
  if not all.lo then return nil end
  local function month_of(day)
    -- the year and month holding day: from an estimate, then corrected
    local y = 1970 + floor(day / 365.2425)
    while days(y, 1, 1) > day do y = y - 1 end
    while days(y + 1, 1, 1) <= day do y = y + 1 end
    local m = 1
    while m < 12 and days(y, m + 1, 1) <= day do m = m + 1 end
    return y, m
  end
  local y0, m0 = month_of(all.lo)
  local y1, m1 = month_of(all.hi - 1)
  m1 = m1 + 1
  if m1 > 12 then y1, m1 = y1 + 1, 1 end
  local a = { y0 = y0, m0 = m0, y1 = y1, m1 = m1, lo = days(y0, m0, 1), hi = days(y1, m1, 1) }
  a.months = (y1 - y0) * 12 + (m1 - m0)
  a.width = all.undated > 0 and DATED or 1
  return a
end

-- A day's place on the axis, 0..1.
local function at(a, day)
  return (day - a.lo) / (a.hi - a.lo) * a.width
end

local function pct(x)
  return format("%.3f%%", x * 100)
end

local function frac(x)
  return format("%.4f", x)
end

-- The month ticks (a line per month, or per year or label step when the
-- span is long) and at most 10 labels, every other one hidden on a phone.
local STEPS = { 1, 2, 3, 4, 6, 12, 24, 36, 60, 120, 240, 600, 1200 }

local function ticks(a)
  local step = STEPS[#STEPS]
  for _, s in ipairs(STEPS) do
    if math.ceil(a.months / s) <= 10 then step = s; break end
  end
  local line_every = a.months <= 120 and 1 or (a.months <= 1440 and 12 or step)
  local out, y, m, nlabel = {}, a.y0, a.m0, 0
  for k = 0, a.months do
    local index = (y * 12 + m - 1)      -- months since year 0
    local p = at(a, days(y, m, 1))
    -- (no label right before the "no date" band: its own label is there)
    local label = index % step == 0 and not (a.width < 1 and p > a.width - 0.08)
    if label or index % line_every == 0 then
      out[#out + 1] = { p = p, label = label and format("%04d-%02d", y, m), alt = label and nlabel % 2 == 1,
                        year = m == 1, edge = k == 0 or k == a.months }
      if label then nlabel = nlabel + 1 end
    end
    m = m + 1
    if m > 12 then y, m = y + 1, 1 end
  end
  return out
end

-- The lanes of an event's marks: a mark goes up to the first lane where
-- it does not touch the one before (MIN_GAP of the axis), at most LANES.
local MIN_GAP, LANES = 0.018, 4

local function lanes(a, e)
  local order = {}
  for _, x in ipairs(e.denials) do
    if x.when then
      x.p = at(a, x.when.prec == "day" and x.when.lo + 0.5 or x.when.lo)
      x.w = x.when.prec == "day" and 0 or (x.when.hi - x.when.lo) / (a.hi - a.lo) * a.width
    else
      x.p, x.w = UNDATED_AT, 0
    end
    order[#order + 1] = x
  end
  table.sort(order, function(u, v)
    if u.p ~= v.p then return u.p < v.p end
    return u.n < v.n
  end)
  local ends, used = {}, 1
  for _, x in ipairs(order) do
    local lane
    for l = 1, LANES do
      if not ends[l] or ends[l] + MIN_GAP <= x.p then lane = l; break end
    end
    lane = lane or ((x.n - 1) % LANES + 1)
    ends[lane] = math.max(ends[lane] or 0, x.p + x.w)
    x.lane = lane - 1
    if lane > used then used = lane end
  end
  return used
end

-- ------------------------------------------------------------- the page

local CSS = [[
:root{color-scheme:light;--en:#0072B2;--ja:#C24F00;--lw:16rem;--lane:1.05rem}
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Hiragino Sans","Noto Sans CJK JP","Yu Gothic",Meiryo,sans-serif;color:#1a1a1a;background:#fff}
:lang(ja){font-family:"Hiragino Sans","Hiragino Kaku Gothic ProN","Noto Sans CJK JP","Noto Sans JP","Yu Gothic",YuGothic,Meiryo,sans-serif}
body{margin:0 auto;max-width:80rem;padding:1rem 1.25rem 3rem;line-height:1.45;overflow-wrap:break-word}
h1{font-size:1.35rem;margin:.2rem 0 .5rem;overflow-wrap:anywhere}
h2{font-size:1.1rem;margin:1.6rem 0 .5rem}
h3{font-size:1rem;margin:0 0 .2rem}
.tl-counts{display:flex;flex-wrap:wrap;gap:.35rem .6rem;list-style:none;margin:0;padding:0}
.tl-counts li{border:1px solid #999;border-radius:1rem;padding:.05rem .65rem;font-size:.9rem}
.tl-counts b{font-variant-numeric:tabular-nums}
.tl-filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;margin:.8rem 0;padding:.5rem .7rem;border:1px solid #bbb;border-radius:.4rem;background:#f7f7f7}
.tl-filters[hidden]{display:none}
.tl-filters label{display:flex;flex-direction:column;font-size:.85rem;font-weight:600;min-width:0;max-width:100%}
.tl-filters select{font:inherit;font-weight:normal;font-size:.95rem;max-width:min(22rem,100%)}
.tl-legend{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;list-style:none;padding:0;margin:.4rem 0;font-size:.85rem}
.tl-legend .tl-dot,.tl-legend .tl-bar{position:relative;display:inline-block;vertical-align:middle;margin-right:.35rem}
.tl-frame{position:relative;margin-top:.6rem}
.tl-axis{position:sticky;top:0;z-index:5;height:2.1rem;margin-left:var(--lw);background:#fff;border-bottom:1px solid #444}
.tl-tick{position:absolute;bottom:0;height:.45rem;border-left:1px solid #444}
.tl-tick.tl-year{height:.8rem;border-left-width:2px}
.tl-tick span{position:absolute;bottom:.5rem;left:0;transform:translateX(calc(var(--p) * -100%));font-size:.75rem;white-space:nowrap;font-variant-numeric:tabular-nums}
.tl-nodate{position:absolute;bottom:.5rem;right:0;font-size:.75rem;color:#444}
.tl-grid{position:absolute;top:2.1rem;bottom:0;left:var(--lw);right:0;pointer-events:none}
.tl-grid i{position:absolute;top:0;bottom:0;border-left:1px solid #e4e4e4}
.tl-grid i.tl-year{border-left-color:#c4c4c4}
.tl-grid b{position:absolute;top:0;bottom:0;right:0;background:#f3f3f3;border-left:1px dashed #999}
.tl-rows{list-style:none;margin:0;padding:0;position:relative}
.tl-row{display:flex;border-bottom:1px solid #ddd;min-height:2.2rem}
.tl-row[hidden]{display:none}
.tl-label{flex:0 0 var(--lw);padding:.25rem .6rem .25rem 0;font-size:.85rem;line-height:1.3;min-width:0;overflow-wrap:anywhere}
.tl-label small{display:block;color:#444}
.tl-label .tl-claim{display:block;color:#333}
.tl-track{position:relative;flex:1 1 auto;min-width:0;height:calc(var(--lanes) * var(--lane) + .9rem)}
.tl-m{position:absolute;top:calc(.45rem + var(--l) * var(--lane));width:0;height:var(--lane)}
.tl-m[hidden]{display:none}
.tl-m.tl-bar{width:var(--w)}
.tl-dot{position:absolute;left:-.4rem;top:.1rem;width:.8rem;height:.8rem;display:block;border-radius:50%;background:var(--en);border:2px solid #fff;box-shadow:0 0 0 1px #1a1a1a}
.tl-ja .tl-dot{background:var(--ja);border-radius:.1rem;transform:rotate(45deg) scale(.9)}
.tl-bar .tl-dot{left:0;width:100%;min-width:.5rem;border-radius:.2rem;transform:none;opacity:.75;background:repeating-linear-gradient(135deg,var(--en) 0 4px,#fff 4px 6px)}
.tl-bar.tl-ja .tl-dot{background:repeating-linear-gradient(45deg,var(--ja) 0 4px,#fff 4px 6px)}
.tl-legend .tl-bar{width:2.2rem;height:.8rem}
.tl-legend .tl-dot{left:0;top:0}
a.tl-dot:focus{outline:3px solid #1a1a1a;outline-offset:3px}
.tl-m:hover .tl-dot,a.tl-dot:focus{box-shadow:0 0 0 3px #ffd400}
.tl-tip{display:none;position:absolute;top:calc(var(--lane) + .1rem);left:0;z-index:20;width:min(22rem,70vw);transform:translateX(calc(var(--p) * -100%));background:#1a1a1a;color:#fff;font-size:.8rem;line-height:1.35;padding:.35rem .5rem;border-radius:.3rem;overflow-wrap:anywhere;text-align:left}
.tl-tip b{display:block;font-weight:600;color:#ffd400;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
.tl-tip mark,.tl-dens mark{background:#ffd400;color:#1a1a1a}
.tl-m:hover .tl-tip,.tl-m:focus-within .tl-tip{display:block}
.tl-list{list-style:none;padding-left:0}
.tl-item{margin:0 0 1rem;content-visibility:auto;contain-intrinsic-size:auto 9rem}
.tl-item[hidden],.tl-dens li[hidden]{display:none}
.tl-item p{margin:.1rem 0;font-size:.9rem}
.tl-dens{margin:.3rem 0;padding-left:1.2rem;font-size:.92rem}
.tl-dens li{margin:.25rem 0}
.tl-dens blockquote{margin:.1rem 0 0;padding-left:.6rem;border-left:3px solid #bbb}
.tl-meta{color:#444;font-size:.85rem}
:target{outline:3px solid #1a1a1a;outline-offset:2px}
a{color:#0a4f8c}
@media (max-width:48rem){
:root{--lw:0rem}
body{padding:.75rem .6rem 2rem}
.tl-row{display:block;padding-top:.2rem}
.tl-label{padding-right:0}
.tl-tick span.tl-alt,.tl-nodate{display:none}
}
]]

local JS = [[
(function () {
  "use strict";
  var form = document.getElementById("tl-filters");
  if (!form || !document.querySelectorAll) return;
  var rows = document.querySelectorAll("#tl-rows > .tl-row");
  var items = document.querySelectorAll("#tl-list > .tl-item");
  var sel = {
    denier: document.getElementById("tl-f-denier"),
    target: document.getElementById("tl-f-target"),
    lang: document.getElementById("tl-f-lang")
  };
  var shown = document.getElementById("tl-shown");
  var lastLang = "";
  function apply() {
    var dv = sel.denier.value, tv = sel.target.value, lv = sel.lang.value, n = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var ok = (!dv || r.getAttribute("data-denier") === dv) &&
        (!tv || r.getAttribute("data-target") === tv) &&
        (!lv || (" " + r.getAttribute("data-langs") + " ").indexOf(" " + lv + " ") >= 0);
      r.hidden = !ok;
      if (items[i]) items[i].hidden = !ok;
      if (ok) n++;
    }
    if (lv !== lastLang) {
      var ms = document.querySelectorAll("#tl-rows .tl-m, #tl-list .tl-dens > li");
      for (var j = 0; j < ms.length; j++) ms[j].hidden = !!lv && ms[j].getAttribute("data-lang") !== lv;
      lastLang = lv;
    }
    shown.textContent = n + " of " + rows.length + " events shown";
  }
  // (a reload may keep the choices made)
  function chosen() { return sel.denier.value || sel.target.value || sel.lang.value; }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.hidden = false;
  if (chosen()) apply();
})();
]]

local function attr(name, value)
  if value == nil then return "" end
  return " " .. name .. '="' .. esc(value) .. '"'
end

-- The sentence, escaped, with the first occurrence of its cue marked.
local function sentence_html(x, max)
  local s = max and cut(x.sentence, max) or x.sentence
  local cue = x.cue
  local a, b
  if cue and cue ~= "" then a, b = s:find(cue, 1, true) end
  local body
  if a then
    body = esc(s:sub(1, a - 1)) .. "<mark>" .. esc(s:sub(a, b)) .. "</mark>" .. esc(s:sub(b + 1))
  else
    body = esc(s)
  end
  return body
end

local function date_html(x)
  if x.when then return '<time datetime="' .. esc(x.date) .. '">' .. esc(x.date) .. "</time>" end
  if x.date then return esc(x.date) end
  return "no date"
end

-- What a mark says of its denial, in one line.
local function mark_line(x)
  local t = { x.date or "no date" }
  t[#t + 1] = x.source or "source unknown"
  if x.article then t[#t + 1] = "article " .. x.article end
  t[#t + 1] = x.lang
  return concat(t, " · ")
end

local function event_heading(e)
  if e.target then return txt(e.denier) .. " denies " .. txt(e.target) .. "’s report" end
  return txt(e.denier) .. " denies a claim"
end

local function span_text(e)
  if e.first and e.last and e.first ~= e.last then return e.first .. " – " .. e.last end
  return e.first or e.last or "no date"
end

local function write_head(w, title, opts)
  w("<!DOCTYPE html>\n")
  w('<html lang="' .. esc(opts.lang or "en") .. '">\n<head>\n')
  w('<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n')
  w('<meta name="generator" content="kiji.timeline">\n')
  w("<title>" .. esc(title) .. "</title>\n<style>\n" .. CSS .. "</style>\n</head>\n<body>\n")
end

local function write_header(w, title, evs, all, sets)
  w('<header id="tl-header">\n<h1>' .. txt(title) .. "</h1>\n")
  w('<ul class="tl-counts" aria-label="counts">')
  local counts = {
    { "events", #evs, "events" }, { "denials", all.denials, "denials" },
    { "articles", all.narticles, "articles" }, { "deniers", #sets.denier, "deniers" },
  }
  for _, c in ipairs(counts) do
    w('<li data-tl-count="' .. c[1] .. '"><b>' .. c[2] .. "</b> " .. c[3] .. "</li>")
  end
  w("</ul>\n</header>\n<main>\n")
end

local function write_filters(w, evs, sets)
  w('<form id="tl-filters" class="tl-filters" hidden aria-label="Filter the events">\n')
  local function select(name, label, list, all_label)
    w('<label for="tl-f-' .. name .. '">' .. label .. ' <select id="tl-f-' .. name .. '" name="' .. name .. '">')
    w('<option value="">' .. all_label .. "</option>")
    for _, o in ipairs(list) do
      w('<option value="' .. esc(o.key) .. '">' .. esc(o.name) .. " (" .. o.n .. ")</option>")
    end
    w("</select></label>\n")
  end
  select("denier", "Denier", sets.denier, "all deniers")
  select("target", "Target", sets.target, "all targets")
  select("lang", "Language", sets.lang, "all languages")
  w('<output id="tl-shown" for="tl-f-denier tl-f-target tl-f-lang" aria-live="polite">' .. #evs
    .. " of " .. #evs .. " events shown</output>\n")
  w("</form>\n")
end

local function write_legend(w, all)
  w('<ul class="tl-legend" aria-label="legend">')
  w('<li><span class="tl-en"><span class="tl-dot"></span></span>English, dated to the day</li>')
  w('<li><span class="tl-ja"><span class="tl-dot"></span></span>Japanese, dated to the day</li>')
  w('<li><span class="tl-m tl-bar tl-en" style="position:relative;display:inline-block;top:0;--w:2.2rem;--l:0"><span class="tl-dot"></span></span>a month or a year (the date says no day)</li>')
  if all.undated > 0 then w('<li>grey band at the end: no date</li>') end
  w("</ul>\n")
end

local function write_axis(w, a, all)
  w('<div class="tl-axis" aria-hidden="true">')
  local grid = {}
  for _, t in ipairs(ticks(a)) do
    local cls = t.year and " tl-year" or ""
    w('<span class="tl-tick' .. cls .. '" style="left:' .. pct(t.p) .. ";--p:" .. frac(t.p) .. '">')
    if t.label then w("<span" .. (t.alt and ' class="tl-alt"' or "") .. ">" .. t.label .. "</span>") end
    w("</span>")
    if not t.edge then grid[#grid + 1] = "<i" .. (t.year and ' class="tl-year"' or "") .. ' style="left:' .. pct(t.p) .. '"></i>' end
  end
  if all.undated > 0 then w('<span class="tl-nodate">no date</span>') end
  w("</div>\n")
  w('<div class="tl-grid" aria-hidden="true">' .. concat(grid))
  if all.undated > 0 then w('<b style="left:' .. pct(DATED + (1 - DATED) / 4) .. '"></b>') end
  w("</div>\n")
end

local function write_row(w, a, e)
  local used = a and lanes(a, e) or 1
  w('<li class="tl-row" id="tl-e' .. e.n .. '"' .. attr("data-event", e.id) .. attr("data-denier", e.dkey)
    .. attr("data-target", e.tkey) .. attr("data-langs", concat(e.langs, " ")) .. ">")
  w('<div class="tl-label"><a href="#tl-x' .. e.n .. '">' .. event_heading(e) .. "</a>")
  if e.claim then w('<span class="tl-claim">' .. txt(cut(e.claim, 160)) .. "</span>") end
  w("<small>" .. esc(span_text(e)) .. " · " .. #e.denials .. (#e.denials == 1 and " denial" or " denials") .. "</small></div>")
  w('<div class="tl-track" style="--lanes:' .. used .. '">')
  for _, x in ipairs(e.denials) do
    local id = "tl-e" .. e.n .. "-d" .. x.n
    local bar = x.when and x.when.prec ~= "day"
    local style = "left:" .. pct(x.p or 0) .. ";--p:" .. frac(x.p or 0) .. ";--l:" .. (x.lane or 0)
    if bar then style = style .. ";--w:" .. pct(x.w) end
    local cls = "tl-m tl-" .. x.lang .. (bar and " tl-bar" or "") .. (x.when and "" or " tl-undated")
    w('<span class="' .. cls .. '" data-lang="' .. esc(x.lang) .. '"' .. attr("data-date", x.date)
      .. ' style="' .. style .. '">')
    -- (the link is named by the tooltip's first line, described by it all)
    w('<a class="tl-dot" href="#' .. id .. '" aria-labelledby="' .. id .. '-at" aria-describedby="' .. id .. '-tip"></a>')
    w('<span class="tl-tip" role="tooltip" id="' .. id .. '-tip"' .. attr("lang", x.lang ~= "und" and x.lang or nil)
      .. '><b id="' .. id .. '-at" lang="en">' .. esc(mark_line(x)) .. "</b>" .. sentence_html(x, 600) .. "</span>")
    w("</span>")
  end
  w("</div></li>\n")
end

local function write_item(w, e)
  w('<li class="tl-item" id="tl-x' .. e.n .. '"' .. attr("data-denier", e.dkey) .. attr("data-target", e.tkey)
    .. attr("data-langs", concat(e.langs, " ")) .. ">")
  -- (the number written: a list item laid out when seen has no marker)
  w("<h3>" .. e.n .. ". " .. event_heading(e) .. "</h3>\n")
  if e.claim then w("<p>Claim: " .. txt(e.claim) .. "</p>\n") end
  local meta = { esc(span_text(e)) }
  if e.country then meta[#meta + 1] = "denier country " .. esc(e.country) end
  meta[#meta + 1] = "event <code>" .. esc(e.id) .. "</code>"
  w('<p class="tl-meta">' .. concat(meta, " · ") .. "</p>\n")
  w('<ol class="tl-dens">\n')
  for _, x in ipairs(e.denials) do
    w('<li id="tl-e' .. e.n .. "-d" .. x.n .. '" data-lang="' .. esc(x.lang) .. '">' .. date_html(x) .. " · "
      .. (x.source and txt(x.source) or "source unknown"))
    if x.article then w(' · article <code>' .. esc(x.article) .. "</code>") end
    w("<blockquote" .. attr("lang", x.lang ~= "und" and x.lang or nil) .. ">" .. sentence_html(x) .. "</blockquote></li>\n")
  end
  w("</ol></li>\n")
end

--- The page for `events` (an array of SCHEMA.md events, decoded JSON).
function timeline.page(events, opts)
  if type(events) ~= "table" then
    error("bad argument #1 to 'page' (table expected, got " .. type(events) .. ")", 2)
  end
  if opts ~= nil and type(opts) ~= "table" then
    error("bad argument #2 to 'page' (table expected, got " .. type(opts) .. ")", 2)
  end
  opts = opts or {}
  local evs, all, sets = model(events)
  local title = str(opts.title) or format("kiji: %d %s", #evs, #evs == 1 and "event" or "events")
  local a = axis_of(all)
  local out = {}
  local function w(s) out[#out + 1] = s end
  write_head(w, title, opts)
  write_header(w, title, evs, all, sets)
  w('<section aria-labelledby="tl-timeline-h">\n<h2 id="tl-timeline-h">Timeline</h2>\n')
  w('<p class="tl-meta">One row per event, one mark per denial by its date. Hover or focus (Tab) a mark to read its sentence; a mark links to the denial in the list below.</p>\n')
  write_filters(w, evs, sets)
  write_legend(w, all)
  w('<div class="tl-frame">\n')
  if a then
    write_axis(w, a, all)
  else
    w('<p class="tl-meta">No denial has a date: every mark is in the "no date" band.</p>\n')
    a = { lo = 0, hi = 1, width = DATED }
  end
  w('<ol class="tl-rows" id="tl-rows">\n')
  for _, e in ipairs(evs) do write_row(w, a, e) end
  w("</ol>\n</div>\n</section>\n")
  w('<section aria-labelledby="tl-list-h">\n<h2 id="tl-list-h">Events and their denials</h2>\n')
  if #evs == 0 then w("<p>No event.</p>\n") end
  w('<ol class="tl-list" id="tl-list">\n')
  for _, e in ipairs(evs) do write_item(w, e) end
  w("</ol>\n</section>\n</main>\n<script>\n" .. JS .. "</script>\n</body>\n</html>\n")
  return concat(out)
end

return timeline
