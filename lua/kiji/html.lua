--- kiji.html: one self-contained HTML page for an annotated article.
--
--   local kiji = require "kiji"
--   local html = require "kiji.html"
--   local page = html.render(text, kiji.annotate(text), {title = "…"})
--
-- The page shows the article (white-space kept) with officials, outlets,
-- denial cues, deniers, denied claims, attribution cues, attributed
-- content and quotations (their words, speaker and verb or label)
-- highlighted (colour, and also underline, border and bracket styles for
-- readers who do not see the colours), a legend, the counts, and one
-- table row per denial (by, cue, claim, reported_by), per attribution
-- and per quotation, each cell a link to its span. Hovering or focusing a span or
-- a row highlights the whole denial and draws arrows denier → cue → claim
-- → reporting outlet. No network, no external assets: inline CSS and a
-- little inline JS.
--
-- Every mention is one element (unless two mentions cross, then the later
-- ones are cut into fragments that point back with data-kiji-cont) with
-- data-kiji-kind, data-kiji-id (when known), data-kiji-start and
-- data-kiji-stop (the Lua offsets: 1-based, inclusive bytes of `text`),
-- data-kiji-subtype, data-kiji-country, a title tooltip that also shows on
-- keyboard focus (tabindex=0), and aria-describedby pointing at the table
-- rows of the denials and attributions it takes part in. Spans that cross
-- are split so that the more important one stays whole: mentions, then
-- cues, then deniers and sources, then claims, then sentences.
--
-- What a reader sees counts as the JSON does (`kiji annotate --format
-- json`): a tooltip says "bytes 12–27 (0-based, end exclusive)" and
-- "sentence 0 (0-based)", the denials table "sentence 0 (bytes 0–51)".
-- The page fits a phone (360 px and less: no sideways scrolling, the
-- tables stacked one card a row below 40rem), and in the article a short
-- highlighted span never breaks over two lines, a long one only between
-- its words (see NOWRAP), while the text around breaks between any two
-- Japanese characters.
--
-- opts: title (the page title; default: the first sentence),
--       lang (the <html lang>; default from doc.lang: en, ja, or for
--       "mixed" en with lang="ja" on the Japanese sentences).
-- The document is read through kiji.walk (a span that is not one of
-- `text` is left out). Pure Lua 5.1 to 5.4 (and LuaJIT).
local html = {}

local walk = require "kiji.walk"

local byte, char, concat, format = string.byte, string.char, table.concat, string.format
local floor = math.floor

-- ------------------------------------------------------------- escaping

-- UTF-8 encoder for the code points we substitute (all below U+10000).
local function utf8_char(cp)
  if cp < 0x80 then return char(cp) end
  if cp < 0x800 then
    return char(0xC0 + floor(cp / 64), 0x80 + cp % 64)
  end
  return char(0xE0 + floor(cp / 4096), 0x80 + floor(cp / 64) % 64, 0x80 + cp % 64)
end

local REPLACEMENT = utf8_char(0xFFFD)

-- Text the HTML parser takes without a parse error, in valid UTF-8:
-- C0 controls (except tab, LF, FF, CR) become their Control Pictures
-- (U+2400 + c, ␡ for DEL), and invalid UTF-8, C1 controls and
-- noncharacters become U+FFFD. Everything else is kept byte for byte.
local function clean(s)
  if not s:find("[^\t\n\f\r\32-\126]") then return s end
  local out, n, i, len = {}, 0, 1, #s
  while i <= len do
    local c = byte(s, i)
    if c < 0x80 then
      n = n + 1
      if c == 9 or c == 10 or c == 12 or c == 13 or (c >= 32 and c < 127) then
        out[n] = char(c)
      elseif c == 127 then
        out[n] = utf8_char(0x2421)
      else
        out[n] = utf8_char(0x2400 + c)
      end
      i = i + 1
    else
      local need, cp, lo, hi = 0, 0, 0x80, 0xBF
      if c >= 0xC2 and c <= 0xDF then need, cp = 1, c - 0xC0
      elseif c >= 0xE0 and c <= 0xEF then
        need, cp = 2, c - 0xE0
        if c == 0xE0 then lo = 0xA0 elseif c == 0xED then hi = 0x9F end
      elseif c >= 0xF0 and c <= 0xF4 then
        need, cp = 3, c - 0xF0
        if c == 0xF0 then lo = 0x90 elseif c == 0xF4 then hi = 0x8F end
      end
      local j, ok = i + 1, need > 0
      -- the continuation bytes; the first one has the narrower range
      for k = 1, need do
        local d = byte(s, j)
        if not d or d < lo or d > hi then ok = false; break end
        cp = cp * 64 + (d - 0x80)
        j = j + 1
        lo, hi = 0x80, 0xBF
      end
      n = n + 1
      if not ok then
        -- one U+FFFD per maximal subpart: the lead byte and the valid
        -- continuation bytes read before the bad one
        out[n] = REPLACEMENT
        i = (j > i + 1) and j or i + 1
      else
        if (cp >= 0x80 and cp <= 0x9F) or (cp >= 0xFDD0 and cp <= 0xFDEF)
          or cp % 0x10000 >= 0xFFFE then
          out[n] = REPLACEMENT
        else
          out[n] = s:sub(i, j - 1)
        end
        i = j
      end
    end
  end
  return concat(out)
end

local ESC = { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&#39;" }

--- Text or attribute value, escaped (& < > " ') and cleaned.
local function esc(s)
  return (clean(tostring(s)):gsub("[&<>\"']", ESC))
end
html.escape = esc

-- A token for class names and data attributes.
local function token(s)
  return (tostring(s):gsub("[^%w_%-]", "_"))
end

-- At most `max` bytes of s, cut on a UTF-8 character boundary.
local function cut(s, max)
  if #s <= max then return s end
  local i = max + 1
  while i > 1 do
    local c = byte(s, i)
    if not c or c < 0x80 or c >= 0xC0 then break end
    i = i - 1
  end
  return s:sub(1, i - 1) .. "…"
end

-- ------------------------------------------------------------- the nesting

-- A tree of non-overlapping nodes {s, e, item, children}; spans inserted in
-- order of importance: a new span that crosses a node already there is cut
-- at the node's edge (the part inside goes into the node), so what was
-- inserted first stays whole; a span around nodes adopts them.
local function new_node(s, e, item)
  item.nfrag = (item.nfrag or 0) + 1
  return { s = s, e = e, item = item, children = {} }
end

local function insert(node, s, e, item)
  if s > e then return end
  local ch = node.children
  -- the children are sorted and disjoint: the first one ending at or after
  -- s by binary search, then those that start before e ends
  local lo, hi = 1, #ch + 1
  while lo < hi do
    local mid = floor((lo + hi) / 2)
    if ch[mid].e < s then lo = mid + 1 else hi = mid end
  end
  local first, last
  local i = lo
  while ch[i] and ch[i].s <= e do
    first = first or i
    last = i
    i = i + 1
  end
  if not first then
    table.insert(ch, lo, new_node(s, e, item))
    return
  end
  local c = ch[first]
  if c.s <= s and e <= c.e then
    return insert(c, s, e, item)           -- inside a node (or equal to it)
  end
  if c.s < s then                           -- crosses the left node
    insert(c, s, c.e, item)
    s = c.e + 1
    first = first + 1
  end
  local d = ch[last]
  if last >= first and d.e > e then        -- crosses the right node
    insert(d, d.s, e, item)
    e = d.s - 1
    last = last - 1
  end
  if s > e then return end
  local n = new_node(s, e, item)
  if last >= first then
    for i = first, last do n.children[#n.children + 1] = ch[i] end
    for _ = first, last do table.remove(ch, first) end
  end
  table.insert(ch, first, n)
end

-- ------------------------------------------------------------- the items

local KIND_LABEL = {
  official = "official", outlet = "outlet",
  ["denial-cue"] = "denial cue", denier = "denier", claim = "denied claim",
  ["reported-by"] = "reporting outlet", target = "whose report is denied",
  ["attribution-cue"] = "attribution cue",
  ["attributed-claim"] = "attributed claim", source = "source",
  quote = "quotation", speaker = "speaker", ["quote-cue"] = "quotation cue",
}

local function list_add(list, v)
  for i = 1, #list do if list[i] == v then return end end
  list[#list + 1] = v
end

local function valid_span(sp, len)
  return type(sp) == "table" and type(sp.start) == "number" and type(sp.stop) == "number"
    and sp.start >= 1 and sp.stop <= len and sp.start <= sp.stop
end

-- Where an item is, as the JSON says it (what a reader compares with
-- `kiji annotate --format json`): its bytes 0-based and end exclusive, the
-- index of its sentence from 0.
local function where_tip(t, it)
  t[#t + 1] = format("bytes %d–%d (0-based, end exclusive)", it.start - 1, it.stop)
  if it.sent then t[#t + 1] = format("sentence %d (0-based)", it.sent - 1) end
  return t
end

-- A compact human description of a mention (tooltip and table).
local function mention_tip(m, it)
  local t = {}
  t[#t + 1] = it.kind .. (m.subtype and (" · " .. m.subtype) or "")
  t[#t + 1] = "id: " .. (m.id and tostring(m.id) or "(unknown)")
  if m.name then t[#t + 1] = "name: " .. tostring(m.name) end
  t[#t + 1] = "country: " .. (m.country and tostring(m.country) or "(unknown)")
  if type(m.title) == "table" and m.title.text then t[#t + 1] = "title: " .. m.title.text end
  if type(m.person) == "table" and m.person.text then t[#t + 1] = "person: " .. m.person.text end
  return where_tip(t, it)
end

-- The width of s in columns, roughly: 2 for a character from U+3000 on
-- (kana, CJK, Hangul, full-width forms, and beyond the BMP), else 1.
local function columns(s)
  local n = 0
  for i = 1, #s do
    local c = byte(s, i)
    if c < 0x80 or (c >= 0xC0 and c < 0xE3) then n = n + 1
    elseif c >= 0xE3 and c < 0xF8 then n = n + 2 end
  end
  return n
end

-- How a highlighted span (mention, cue, participant) wraps in the article.
-- A short one (at most NOWRAP columns: about 200 px, on one line on any
-- phone) stays whole on one line: k-nb, white-space: pre. A longer one
-- (k-kw, word-break: keep-all) breaks between its words (at a space, or
-- after a ・) but not between its letters, CJK too, unless one of its
-- words is wider than the line.
-- Around the span, Japanese breaks between any two characters
-- (line-break: strict keeps the small kana and closing marks off a line's
-- start), and a Latin run too long for the line (a URL) breaks anywhere.
local NOWRAP = 24
local KEEP = { ["k-m"] = true, ["k-cue"] = true, ["k-acue"] = true, ["k-span"] = true }

-- Does the span look Japanese (kana, CJK ideographs, full-width forms)?
local function looks_japanese(s)
  if s:find("\227[\129-\131]") or s:find("[\228-\233][\128-\191][\128-\191]")
    or s:find("\239[\188-\189]") then
    return true
  end
  return false
end
html.looks_japanese = looks_japanese   -- kiji.timeline's lang attributes

-- The sentence (its index in doc.sentences, 1-based) that holds byte pos
-- (1-based), or nil: a binary search over the valid sentences, which
-- kiji.annotate gives in text order.
local function sentence_finder(doc, len)
  local list = {}
  for i, sp in ipairs(type(doc.sentences) == "table" and doc.sentences or {}) do
    if valid_span(sp, len) then list[#list + 1] = { s = sp.start, e = sp.stop, i = i } end
  end
  return function(pos)
    if type(pos) ~= "number" then return nil end
    local lo, hi = 1, #list
    while lo <= hi do
      local mid = floor((lo + hi) / 2)
      local x = list[mid]
      if pos < x.s then hi = mid - 1
      elseif pos > x.e then lo = mid + 1
      else return x.i end
    end
    return nil
  end
end

-- The items of a page, one per kind and span (kind:start:stop), made from
-- the walk of the document: st.items in the order made, st.mentions.
-- sentence_at(pos): the sentence holding byte pos.
local function new_state(text, sentence_at)
  return {
    text = text, items = {}, by_key = {}, mentions = {}, sentence_at = sentence_at,
    of_mention = {},                       -- the walk's mention item -> item
    mention_at = {}, party_at = {},        -- "start:stop" -> item
  }
end

-- A record's (or a mention's) sentence, 1-based: the index the document
-- gives, else the sentence holding the sentence span it gives, else the
-- one holding pos.
local function sentence_of(st, index, span, pos)
  if type(index) == "number" then return index end
  if type(span) == "table" and type(span.start) == "number" then
    local i = st.sentence_at(span.start)
    if i then return i end
  end
  return st.sentence_at(pos)
end

local function add_item(st, kind, sp, fields)
  local key = kind .. ":" .. sp.start .. ":" .. sp.stop
  local it = st.by_key[key]
  if it then return it, false end
  it = fields or {}
  it.kind, it.start, it.stop, it.text = kind, sp.start, sp.stop, st.text:sub(sp.start, sp.stop)
  it.classes = it.classes or {}
  it.links, it.labels, it.roles, it.described, it.tipextra = {}, {}, {}, {}, {}
  st.by_key[key] = it
  st.items[#st.items + 1] = it
  return it, true
end

-- The mentions (officials and outlets), in text order.
local function add_mentions(st, w)
  for _, r in ipairs(w.mentions) do
    local m = r.data
    local kind = token(m.kind or "mention")
    local it, fresh = add_item(st, kind, m, { mention = m })
    if fresh then
      it.sent = sentence_of(st, m.sentence, nil, m.start)
      it.classes = { "k-m", "k-" .. kind }
      it.focus = true
      st.mentions[#st.mentions + 1] = it
      it.id = "kiji-m" .. #st.mentions
    end
    st.of_mention[r.mention] = it
  end
  for _, it in ipairs(st.mentions) do
    local at = it.start .. ":" .. it.stop
    st.mention_at[at] = st.mention_at[at] or it
  end
end

-- A participant (denier, reporting outlet, source): its mention (the
-- same table, or the same offsets), or a span of its own.
local function party(st, part, kind, id, sent)
  local at = part.start .. ":" .. part.stop
  local it = (part.mention and st.of_mention[part.mention]) or st.mention_at[at] or st.party_at[at]
  if not it then
    it = add_item(st, kind, part)
    it.sent = sent or st.sentence_at(part.start)
    it.classes = { "k-span" }
    it.id = id
    it.focus = true
    st.party_at[at] = it
  end
  list_add(it.roles, kind)
  return it
end

local function role_span(st, part, spec, id, sent)
  local it, fresh = add_item(st, spec.kind, part)
  if fresh then
    it.sent = sent or st.sentence_at(part.start)
    it.classes = { spec.class }
    it.id = id
    it.focus = spec.focus
  end
  return it
end

-- How each part of a denial and of an attribution shows: its item's kind,
-- whether it is a participant, the class of a span of its own, the end of
-- its id, and the label ("D1") or the tooltip line it gets.
local RECORDS = {
  denial = {
    letter = "d", label = "D",
    by = { kind = "denier", party = true, suffix = "-by", tip = "denier in D" },
    cue = { kind = "denial-cue", class = "k-cue", suffix = "-cue", focus = true, labelled = true },
    claim = { kind = "claim", class = "k-claim", suffix = "-claim", focus = false, labelled = true },
    reported_by = { kind = "reported-by", party = true, suffix = "-rep", tip = "reported denial D" },
    target = { kind = "target", party = true, suffix = "-tgt", tip = "report denied in D" },
  },
  attribution = {
    letter = "a", label = "A",
    source = { kind = "source", party = true, suffix = "-src", tip = "source of A" },
    cue = { kind = "attribution-cue", class = "k-acue", suffix = "-cue", focus = true, labelled = true },
    claim = { kind = "attributed-claim", class = "k-aclaim", suffix = "-claim", focus = false },
  },
  quote = {
    letter = "q", label = "Q",
    speaker = { kind = "speaker", party = true, suffix = "-spk", tip = "speaker of Q" },
    cue = { kind = "quote-cue", class = "k-qcue", suffix = "-cue", focus = true, labelled = true },
    quote = { kind = "quote", class = "k-quote", suffix = "-text", focus = false },
  },
}

-- The table row of a denial, an attribution or a quotation (the walk's
-- record r): its parts' items, each linked to the row.
local function add_record(st, r)
  local spec = RECORDS[r.kind]
  local tok = spec.letter .. r.n
  local row = { token = tok, n = r.n, data = r.data }
  local sent = sentence_of(st, r.sentence, type(r.data) == "table" and r.data.sentence or nil)
  row.sent = sent
  for _, part in ipairs(r.parts) do
    local ps = spec[part.role]
    local id = "kiji-" .. tok .. ps.suffix
    local it = ps.party and party(st, part, ps.kind, id, sent) or role_span(st, part, ps, id, sent)
    row[part.role] = it
    list_add(it.links, tok)
    list_add(it.described, "kiji-row-" .. tok)
    if ps.labelled then list_add(it.labels, spec.label .. r.n) end
    if ps.tip then list_add(it.tipextra, ps.tip .. r.n) end
  end
  return row
end

-- Every span of the page (items and sentences) in order of importance:
-- mentions, cues, participants, claims, attributed claims, quotations,
-- then the sentences as plain wrappers (lang="ja" on the Japanese ones of
-- a mixed document); and where sentences begin.
local RANK = {
  ["denial-cue"] = 2, ["attribution-cue"] = 2, ["quote-cue"] = 2,
  denier = 3, ["reported-by"] = 3, target = 3, source = 3, speaker = 3,
  claim = 4, ["attributed-claim"] = 5, quote = 6,
}
local function spans_of(st, doc)
  local order, cuts = {}, {}
  for i, it in ipairs(st.items) do
    order[i] = { it = it, s = it.start, e = it.stop, rank = RANK[it.kind] or 1, i = i }
  end
  for i, sp in ipairs(doc.sentences or {}) do
    if valid_span(sp, #st.text) then
      local it = { sentence = i, classes = { "k-s" } }
      if doc.lang == "mixed" then
        it.lang = looks_japanese(st.text:sub(sp.start, sp.stop)) and "ja" or "en"
      end
      order[#order + 1] = { it = it, s = sp.start, e = sp.stop, rank = 9, i = #order + 1 }
      cuts[#cuts + 1] = sp.start
    end
  end
  return order, cuts
end

-- The tree of the spans. Chunks: the text cut where a sentence begins and
-- no span runs across, each chunk a tree of its own. The same tree as one
-- for the whole text, but each insertion sees only its chunk's nodes:
-- linear time for long texts.
local function chunks_of(order, cuts, len)
  local by_start = {}
  for i, o in ipairs(order) do by_start[i] = o end
  table.sort(by_start, function(x, y) return x.s < y.s end)
  table.sort(cuts)
  local starts, k, reach = { 1 }, 1, 0
  for _, p in ipairs(cuts) do
    while by_start[k] and by_start[k].s < p do
      if by_start[k].e > reach then reach = by_start[k].e end
      k = k + 1
    end
    if p > starts[#starts] and reach < p then starts[#starts + 1] = p end
  end
  local chunks = {}
  for j, p in ipairs(starts) do
    chunks[j] = { s = p, e = (starts[j + 1] or len + 1) - 1, children = {} }
  end
  table.sort(order, function(x, y)
    if x.rank ~= y.rank then return x.rank < y.rank end
    return x.i < y.i
  end)
  for _, o in ipairs(order) do
    local lo, hi = 1, #chunks
    while lo < hi do                       -- the last chunk starting at or before o.s
      local mid = floor((lo + hi + 1) / 2)
      if chunks[mid].s <= o.s then lo = mid else hi = mid - 1 end
    end
    insert(chunks[lo], o.s, o.e, o.it)
  end
  return chunks
end

local function build(text, doc)
  local st = new_state(text, sentence_finder(doc, #text))
  local w = walk(doc, { len = #text })
  add_mentions(st, w)
  local denials, attributions, quotes = {}, {}, {}
  for i, r in ipairs(w.denials) do denials[i] = add_record(st, r) end
  for i, r in ipairs(w.attributions) do attributions[i] = add_record(st, r) end
  for i, r in ipairs(w.quotes) do quotes[i] = add_record(st, r) end
  -- role classes on the participants
  local CLASS = { denier = "k-by", ["reported-by"] = "k-rep", target = "k-tgt", source = "k-src", speaker = "k-spk" }
  for _, it in ipairs(st.items) do
    for _, role in ipairs(it.roles) do list_add(it.classes, CLASS[role]) end
    if KEEP[it.classes[1]] then list_add(it.classes, columns(it.text) <= NOWRAP and "k-nb" or "k-kw") end
  end
  local order, cuts = spans_of(st, doc)
  return {
    chunks = chunks_of(order, cuts, #text), items = st.items, mentions = st.mentions,
    denials = denials, attributions = attributions, quotes = quotes,
  }
end

-- ------------------------------------------------------------- the page

local CSS = [[
:root{color-scheme:light;--official:#0072B2;--official-bg:#dcebf8;--outlet:#007A5A;--outlet-bg:#d3f1e6;--cue:#C24F00;--cue-bg:#fde0cc;--denier:#A5387F;--claim:#946200;--claim-bg:#fdf1c9;--acue:#3D6F94;--acue-bg:#e1f0fa;--aclaim:#3D6F94}
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Hiragino Sans","Noto Sans CJK JP","Yu Gothic",Meiryo,sans-serif;color:#1a1a1a;background:#fff}
html:lang(ja),:lang(ja){font-family:"Hiragino Sans","Hiragino Kaku Gothic ProN","Noto Sans CJK JP","Noto Sans JP","Yu Gothic",YuGothic,Meiryo,sans-serif}
body{margin:0 auto;max-width:60rem;padding:1rem 1.25rem 3rem;line-height:1.5;overflow-wrap:break-word}
h1{font-size:1.35rem;margin:.2rem 0 .5rem;overflow-wrap:anywhere}
h2{font-size:1.1rem;margin:1.6rem 0 .5rem}
.kiji-counts{display:flex;flex-wrap:wrap;gap:.35rem .6rem;list-style:none;margin:0;padding:0}
.kiji-counts li{border:1px solid #999;border-radius:1rem;padding:.05rem .65rem;font-size:.9rem}
.kiji-counts b{font-variant-numeric:tabular-nums}
#kiji-article{position:relative}
.kiji-text{white-space:pre-wrap;overflow-wrap:anywhere;line-height:2.3;font-size:1.05rem;border:1px solid #bbb;border-radius:.4rem;padding:.8rem 1rem;margin:0}
.kiji-text:lang(ja),.kiji-text :lang(ja){line-break:strict}
.kiji-text:lang(ja){line-height:2.4}
.k-nb{white-space:pre}
.k-kw{word-break:keep-all}
#kiji-arrows{position:absolute;left:0;top:0;width:100%;height:100%;pointer-events:none;overflow:visible}
.k-arrow{fill:none;stroke:#1a1a1a;stroke-width:2;stroke-dasharray:6 3}
#kiji-head path{fill:#1a1a1a}
.k-m{position:relative;border-radius:.2rem;padding:0 .06em;text-decoration-line:underline;text-decoration-thickness:2px;text-underline-offset:.28em}
.k-official{background:var(--official-bg);text-decoration-color:var(--official);text-decoration-style:solid}
.k-outlet{background:var(--outlet-bg);text-decoration-color:var(--outlet);text-decoration-style:double;text-decoration-thickness:3px}
.k-cue{background:var(--cue-bg);font-weight:700;text-decoration:underline wavy var(--cue);text-decoration-thickness:1.5px;text-underline-offset:.3em;border-radius:.2rem}
.k-by{outline:2px solid var(--denier);outline-offset:1px;border-radius:.2rem}
.k-rep{outline:2px dashed var(--outlet);outline-offset:2px}
.k-tgt{outline:2px double var(--cue);outline-offset:2px}
.k-src{outline:1px dotted #333;outline-offset:1px}
.k-spk{outline:2px solid #505050;outline-offset:1px;border-radius:.2rem}
.k-quote{background:#f0f0f0;box-shadow:inset 0 -1px 0 #767676}
.k-quote:not(.k-cont){box-shadow:inset 3px 0 0 #767676,inset 0 -1px 0 #767676}
.k-qcue{text-decoration:underline solid #505050;text-decoration-thickness:2px;text-underline-offset:.3em}
.k-qcue.k-end::after{content:attr(data-kiji-label);font-size:.62em;vertical-align:super;font-weight:700;margin-left:.1em;color:#1a1a1a}
.k-span{position:relative;background:#f3e6ef;border-radius:.2rem}
.k-claim{background:var(--claim-bg);border-bottom:2px dashed var(--claim)}
.k-claim:not(.k-cont)::before{content:"[";color:var(--claim);font-weight:700}
.k-claim.k-end::after{content:"]" attr(data-kiji-label);color:var(--claim);font-weight:700;font-size:.95em}
.k-acue{background:var(--acue-bg);font-style:italic;text-decoration:underline dotted #1a1a1a;text-decoration-thickness:2px;text-underline-offset:.3em}
.k-aclaim{border-bottom:2px dotted var(--aclaim)}
:lang(ja) .k-acue{font-style:normal}
.k-cue.k-end::after,.k-acue.k-end::after{content:attr(data-kiji-label);font-size:.62em;vertical-align:super;font-weight:700;font-style:normal;margin-left:.1em;color:#1a1a1a}
.k-m:focus,.k-cue:focus,.k-acue:focus,.k-qcue:focus,.k-span:focus{outline:3px solid #1a1a1a;outline-offset:2px}
.k-m:focus::after,.k-span:focus::after{content:attr(data-kiji-tip);position:absolute;left:0;top:calc(100% + .35rem);z-index:20;white-space:pre-wrap;word-break:normal;width:max-content;max-width:min(24rem,80vw);background:#1a1a1a;color:#fff;font:normal .8rem/1.35 system-ui,sans-serif;padding:.35rem .55rem;border-radius:.3rem;text-decoration:none;box-shadow:0 2px 6px rgba(0,0,0,.35)}
.k-on{box-shadow:0 0 0 3px #ffd400;background-color:#fff4a8}
:target{outline:3px solid #1a1a1a;outline-offset:3px}
.kiji-table{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border:1px solid #bbb;padding:.3rem .45rem;text-align:left;vertical-align:top}
thead th{background:#f0f0f0}
tr.k-on{box-shadow:none;background:#fff4a8}
td.k-none{color:#555}
.k-col-cue a{word-break:keep-all}
.k-col-claim{overflow-wrap:anywhere}
.k-col-sent small{white-space:nowrap}
.k-meta{display:block;color:#444;font-size:.8rem}
.kiji-legend{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(17rem,100%),1fr));gap:.45rem 1rem;list-style:none;padding:0;margin:0}
.kiji-legend li{line-height:2.1}
.k-sw{padding:0 .25em;margin-right:.35em}
.kiji-note{font-size:.85rem;color:#444}
a{color:#0a4f8c}
@media print{#kiji-arrows{display:none}}
@media (max-width:40rem){
body{padding:.75rem .6rem 2rem}
.kiji-text{padding:.6rem .65rem}
table,thead,tbody,tr,th,td{display:block}
thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
tbody tr{border:1px solid #bbb;border-radius:.3rem;margin:0 0 .6rem;padding:.3rem .55rem}
th,td{border:0;padding:.1rem 0}
td[data-label]::before{content:attr(data-label) ": ";font-weight:600;color:#444}
}
]]

local JS = [[
(function () {
  "use strict";
  var art = document.getElementById("kiji-article");
  var svg = document.getElementById("kiji-arrows");
  if (!art || !svg || !document.querySelectorAll || !art.getClientRects) return;
  var NS = "http://www.w3.org/2000/svg";
  var lit = [];
  function clear() {
    for (var i = 0; i < lit.length; i++) lit[i].classList.remove("k-on");
    lit = [];
    var paths = svg.querySelectorAll(".k-arrow");
    for (var j = 0; j < paths.length; j++) svg.removeChild(paths[j]);
  }
  function box(el) {
    var rs = el.getClientRects(), r = rs.length ? rs[0] : el.getBoundingClientRect();
    var a = art.getBoundingClientRect();
    return { x: r.left - a.left + r.width / 2, y: r.top - a.top };
  }
  function arrow(p, q) {
    var lift = Math.min(70, 16 + Math.abs(q.x - p.x) / 5), top = Math.min(p.y, q.y) - lift;
    var path = document.createElementNS(NS, "path");
    path.setAttribute("d", "M" + p.x + " " + p.y + " C" + p.x + " " + top + " " + q.x + " " + top + " " + q.x + " " + (q.y - 2));
    path.setAttribute("class", "k-arrow");
    path.setAttribute("marker-end", "url(#kiji-head)");
    svg.appendChild(path);
  }
  function show(tokens) {
    clear();
    tokens.forEach(function (t) {
      if (!/^[adq][0-9]+$/.test(t)) return;
      var els = document.querySelectorAll('[data-kiji-links~="' + t + '"]');
      for (var i = 0; i < els.length; i++) { els[i].classList.add("k-on"); lit.push(els[i]); }
      var row = document.getElementById("kiji-row-" + t), prev = null;
      var chain = row ? (row.getAttribute("data-kiji-chain") || "").split(" ") : [];
      chain.forEach(function (id) {
        var el = id && document.getElementById(id);
        if (!el || el.closest("table")) return;
        var b = box(el);
        if (prev) arrow(prev, b);
        prev = b;
      });
    });
  }
  function tokensOf(el) {
    var n = el && el.closest ? el.closest("[data-kiji-links]") : null;
    return n ? n.getAttribute("data-kiji-links").split(" ") : null;
  }
  function enter(e) { var t = tokensOf(e.target); if (t) show(t); }
  function leave(e) { var t = tokensOf(e.relatedTarget); if (t) show(t); else clear(); }
  document.addEventListener("mouseover", enter);
  document.addEventListener("focusin", enter);
  document.addEventListener("mouseout", leave);
  document.addEventListener("focusout", leave);
  window.addEventListener("resize", clear);
})();
]]

local LEGEND = {
  { "official", "k-m k-official", "Official", "government body, official or group — solid underline" },
  { "outlet", "k-m k-outlet", "Outlet", "news outlet — double underline" },
  { "denial-cue", "k-cue k-end", "Denial cue", "denial expression — bold, wavy underline, D-number", "D1" },
  { "denier", "k-span k-by", "Denier", "who denies — solid box" },
  { "claim", "k-claim k-end", "Denied claim", "what is denied — [brackets], dashed underline", "D1" },
  { "reported-by", "k-span k-rep", "Reporting outlet", "outlet the denial was told to — dashed box" },
  { "target", "k-span k-tgt", "Target", "outlet whose report is denied (or \"the report\", 同紙, with the outlet it names) — double box" },
  { "attribution-cue", "k-acue k-end", "Attribution cue", "according to, said, によると — dotted underline, A-number (italic in Latin text)", "A1" },
  { "attributed-claim", "k-aclaim", "Attributed claim", "content attributed to a source — dotted bottom line" },
  { "source", "k-span k-src", "Source", "source of an attribution — dotted box" },
  { "quote", "k-quote", "Quotation", "a direct quotation's words (or a transcript's turn) — grey, a bar at its start" },
  { "speaker", "k-span k-spk", "Speaker", "who says a quotation — grey box" },
  { "quote-cue", "k-qcue k-end", "Quotation cue", "the verb or label that frames it (said, と述べた, 【報道官】) — underline, Q-number", "Q1" },
}

local function attr(buf, name, value)
  if value == nil then return end
  buf[#buf + 1] = " " .. name .. '="' .. esc(value) .. '"'
end

local function open_tag(out, it)
  local first = (it.emitted or 0) == 0
  it.emitted = (it.emitted or 0) + 1
  local last = it.emitted == it.nfrag
  local b = { "<span" }
  local classes = {}
  for _, c in ipairs(it.classes) do classes[#classes + 1] = c end
  if not first then classes[#classes + 1] = "k-cont" end
  if last and it.kind then classes[#classes + 1] = "k-end" end
  if first and it.id then attr(b, "id", it.id) end
  attr(b, "class", concat(classes, " "))
  if it.sentence then
    attr(b, "data-kiji-sentence", it.sentence)
    attr(b, "lang", it.lang)
    b[#b + 1] = ">"
    out[#out + 1] = concat(b)
    return
  end
  if first then
    local m = it.mention
    attr(b, "data-kiji-kind", it.kind)
    if m then
      attr(b, "data-kiji-id", m.id)
      attr(b, "data-kiji-subtype", m.subtype)
      attr(b, "data-kiji-country", m.country)
    end
    attr(b, "data-kiji-start", it.start)
    attr(b, "data-kiji-stop", it.stop)
    if #it.roles > 0 then attr(b, "data-kiji-role", concat(it.roles, " ")) end
    local tip
    if m then
      tip = mention_tip(m, it)
    else
      tip = { KIND_LABEL[it.kind] or it.kind }
      if #it.labels > 0 then tip[1] = tip[1] .. " " .. concat(it.labels, " ") end
      where_tip(tip, it)
    end
    for _, x in ipairs(it.tipextra) do tip[#tip + 1] = x end
    tip = concat(tip, "\n")
    attr(b, "title", tip)
    if it.focus then attr(b, "tabindex", "0") end
    if m or it.classes[1] == "k-span" then attr(b, "data-kiji-tip", tip) end
    if #it.described > 0 then attr(b, "aria-describedby", concat(it.described, " ")) end
  else
    attr(b, "data-kiji-cont", it.id)
  end
  if #it.links > 0 then attr(b, "data-kiji-links", concat(it.links, " ")) end
  if #it.labels > 0 then attr(b, "data-kiji-label", concat(it.labels, " ")) end
  b[#b + 1] = ">"
  out[#out + 1] = concat(b)
end

local function emit(out, text, node)
  local pos = node.s
  for _, c in ipairs(node.children) do
    if c.s > pos then out[#out + 1] = esc(text:sub(pos, c.s - 1)) end
    open_tag(out, c.item)
    emit(out, text, c)
    out[#out + 1] = "</span>"
    pos = c.e + 1
  end
  if pos <= node.e then out[#out + 1] = esc(text:sub(pos, node.e)) end
end

-- A table cell linking to an item.
local function cell(out, it, class, label, extra)
  local td = '<td class="' .. class .. (it and "" or " k-none") .. '" data-label="' .. label .. '">'
  if not it then
    out[#out + 1] = td .. "—</td>"
    return
  end
  out[#out + 1] = td .. '<a href="#' .. esc(it.id) .. '">' .. esc(it.text) .. "</a>"
  local m = it.mention
  if m and extra then
    local meta = {}
    if m.name then meta[#meta + 1] = tostring(m.name) end
    if m.id then meta[#meta + 1] = tostring(m.id) end
    if m.country then meta[#meta + 1] = tostring(m.country) end
    if #meta > 0 then out[#out + 1] = '<small class="k-meta">' .. esc(concat(meta, " · ")) .. "</small>" end
  end
  out[#out + 1] = "</td>"
end

-- "sentence 1 (bytes 55–280)" for a denial's sentence span, as the JSON
-- counts: the sentence from 0, the bytes from 0, end exclusive.
local function sentence_cell(s, k, len)
  if not valid_span(s, len) then return "—" end
  if k then return format("sentence %d <small>(bytes %d–%d)</small>", k - 1, s.start - 1, s.stop) end
  return format("bytes %d–%d", s.start - 1, s.stop)
end

local function chain(list, n)
  local ids = {}
  for k = 1, n do
    local it = list[k]
    if it and it.id then ids[#ids + 1] = it.id end
  end
  return concat(ids, " ")
end

-- The page's title: opts.title, else "kiji: " and the first sentence.
local function page_title(text, doc, opts)
  if opts.title then return opts.title end
  local s1 = doc.sentences and doc.sentences[1]
  local first = valid_span(s1, #text) and text:sub(s1.start, s1.stop) or text
  first = first:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")
  return "kiji: " .. (first ~= "" and cut(first, 90) or "(empty)")
end

-- The head, and the header with the counts.
local function write_head(w, text, doc, t, opts, title)
  local lang = opts.lang or ((doc.lang == "ja") and "ja" or "en")
  w("<!DOCTYPE html>\n")
  w('<html lang="' .. esc(lang) .. '" data-kiji-lang="' .. esc(doc.lang or "") .. '">\n<head>\n')
  w('<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n')
  w('<meta name="generator" content="kiji.html">\n')
  w("<title>" .. esc(title) .. "</title>\n<style>\n" .. CSS .. "</style>\n</head>\n<body>\n")
  local counts = {
    { "officials", doc.officials and #doc.officials or 0, "officials" },
    { "outlets", doc.outlets and #doc.outlets or 0, "outlets" },
    { "denials", #t.denials, "denials" },
    { "attributions", #t.attributions, "attributions" },
    { "quotes", #t.quotes, "quotations" },
    { "sentences", doc.sentences and #doc.sentences or 0, "sentences" },
    { "bytes", doc.bytes or #text, "bytes" },
  }
  w('<header id="kiji-header">\n<h1>' .. esc(title) .. "</h1>\n")
  w('<ul class="kiji-counts" aria-label="counts">')
  w('<li data-kiji-count="lang">language <b>' .. esc(doc.lang or "?") .. "</b></li>")
  for _, c in ipairs(counts) do
    w('<li data-kiji-count="' .. c[1] .. '"><b>' .. c[2] .. "</b> " .. c[3] .. "</li>")
  end
  w("</ul>\n</header>\n<main>\n")
end

local function write_legend(w)
  w('<section id="kiji-legend" aria-labelledby="kiji-legend-h">\n<h2 id="kiji-legend-h">Legend</h2>\n<ul class="kiji-legend">\n')
  for _, l in ipairs(LEGEND) do
    w('<li data-kiji-legend="' .. l[1] .. '"><span class="k-sw ' .. l[2] .. '"')
    if l[5] then w(' data-kiji-label="' .. l[5] .. '"') end
    w(">" .. esc(l[3]) .. "</span> " .. esc(l[4]) .. "</li>\n")
  end
  w("</ul>\n")
  w('<p class="kiji-note">Hover or focus (Tab) a highlighted span or a table row to see its details and the whole denial: denier → cue → claim → reporting outlet (a quotation: speaker → cue → words). Offsets are bytes of the original text as in kiji’s JSON: 0-based, end exclusive; sentences count from 0.</p>\n</section>\n')
end

local function write_article(w, out, text, doc, t, opts)
  w('<section aria-labelledby="kiji-article-h">\n<h2 id="kiji-article-h">Article</h2>\n<div id="kiji-article">\n')
  w('<div class="kiji-text" id="kiji-text"')
  if opts.lang == nil and doc.lang == "mixed" then w(' lang="en"') end
  w(">")
  if #text > 0 then
    for _, chunk in ipairs(t.chunks) do emit(out, text, chunk) end
  end
  w("</div>\n")
  w('<svg id="kiji-arrows" aria-hidden="true" focusable="false"><defs><marker id="kiji-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0 L10 5 L0 10 z"/></marker></defs></svg>\n')
  w("</div>\n</section>\n")
end

-- The table of the denials or of the attributions: one row per record,
-- a cell per part (COLUMNS), each a link to its span.
local TABLES = {
  denials = {
    heading = "Denials: who denied whose report, reported by whom", none = "No denial found.", label = "D",
    columns = { { "by", "by", "k-col-by", true }, { "cue", "cue", "k-col-cue" }, { "claim", "claim", "k-col-claim" },
                { "reported by", "reported_by", "k-col-rep", true }, { "target", "target", "k-col-tgt", true } },
    sentence = true,
  },
  attributions = {
    heading = "Attributions", none = "No attribution found.", label = "A",
    columns = { { "source", "source", "k-col-source", true }, { "cue", "cue", "k-col-cue" },
                { "claim", "claim", "k-col-claim" } },
  },
  quotes = {
    heading = "Quotations: who said what", none = "No quotation found.", label = "Q",
    columns = { { "speaker", "speaker", "k-col-speaker", true }, { "cue", "cue", "k-col-cue" },
                { "quotation", "quote", "k-col-claim" } },
  },
}

local function write_table(w, out, text, doc, rows, name)
  local spec = TABLES[name]
  w('<section aria-labelledby="kiji-' .. name .. '-h">\n<h2 id="kiji-' .. name .. '-h">' .. spec.heading .. "</h2>\n")
  if #rows == 0 then w('<p id="kiji-' .. name .. '-none">' .. spec.none .. "</p>\n") end
  w('<div class="kiji-table"><table id="kiji-' .. name .. '">\n<thead><tr><th scope="col">#</th>')
  for _, c in ipairs(spec.columns) do w('<th scope="col">' .. c[1] .. "</th>") end
  if spec.sentence then w('<th scope="col">sentence</th>') end
  w("</tr></thead>\n<tbody>\n")
  for _, r in ipairs(rows) do
    local parts = {}
    for i, c in ipairs(spec.columns) do parts[i] = r[c[2]] end
    w('<tr id="kiji-row-' .. r.token .. '" data-kiji-links="' .. r.token .. '" data-kiji-chain="'
      .. esc(chain(parts, #spec.columns)) .. '">')
    w('<th scope="row">' .. spec.label .. r.n .. "</th>")
    for i, c in ipairs(spec.columns) do cell(out, parts[i], c[3], c[1], c[4]) end
    if spec.sentence then
      w('<td class="k-col-sent" data-label="sentence">' .. sentence_cell(r.data.sentence, r.sent, #text) .. "</td>")
    end
    w("</tr>\n")
  end
  w("</tbody>\n</table></div>\n</section>\n")
end

--- The page for `text` and its document `doc` (from kiji.annotate(text)).
function html.render(text, doc, opts)
  if type(text) ~= "string" then
    error("bad argument #1 to 'render' (string expected, got " .. type(text) .. ")", 2)
  end
  if type(doc) ~= "table" then
    error("bad argument #2 to 'render' (table expected, got " .. type(doc) .. ")", 2)
  end
  if opts ~= nil and type(opts) ~= "table" then
    error("bad argument #3 to 'render' (table expected, got " .. type(opts) .. ")", 2)
  end
  opts = opts or {}
  local t = build(text, doc)
  local out = {}
  local function w(s) out[#out + 1] = s end
  write_head(w, text, doc, t, opts, page_title(text, doc, opts))
  write_legend(w)
  write_article(w, out, text, doc, t, opts)
  write_table(w, out, text, doc, t.denials, "denials")
  write_table(w, out, text, doc, t.attributions, "attributions")
  write_table(w, out, text, doc, t.quotes, "quotes")
  w("</main>\n<script>\n" .. JS .. "</script>\n</body>\n</html>\n")
  return concat(out)
end

return html
