--- kiji as a pandoc Lua filter: officials, outlets, denial cues, deniers,
-- claims, attribution cues and quotations become Spans, and a summary goes
-- into the document's metadata.
--
--   pandoc -L lua/kiji/pandoc.lua in.md -o out.html        (a checkout)
--   pandoc -L "$(kiji --pandoc-filter)" in.md -o out.html  (installed)
--
-- pandoc runs the filter in its own Lua (pandoc 2.x: 5.3, 3.x: 5.4), which
-- needs kiji.core built for it.  The filter finds it beside itself: in an
-- installed tree (PREFIX/share/lua/5.x/kiji/pandoc.lua, a LuaRocks tree or
-- make install) the kiji of pandoc's Lua in that PREFIX comes first,
-- whatever 5.x directory the filter was given from (the `kiji` on PATH
-- may run another Lua); in a checkout (lua/kiji/pandoc.lua) lua/ and
-- build/<pandoc's Lua> come after LUA_PATH and LUA_CPATH.  `require "kiji.pandoc"` gives the same list of
-- filters, so a filter of one's own can `return require "kiji.pandoc"`.
--
-- Every block with inlines (Para, Plain, Header, LineBlock, and so those in
-- list items, block quotes, Divs, table cells and notes) is annotated as
-- one text: Str as is, Space " ", SoftBreak " " (nothing between two CJK
-- characters), LineBreak "\n", the text of Code and Math, the quote marks
-- of Quoted, and the content of Emph, Strong, Underline, Strikeout,
-- Superscript, Subscript, SmallCaps, Span, Link and Cite.  Image, Note and
-- RawInline add no text and stay whole.  Code and Math are never split nor
-- wrapped: what lies wholly inside them is dropped, and a span that reaches
-- into them stops at their edge.  CodeBlock and RawBlock are left alone.
--
-- Spans: class kiji-official, kiji-outlet (kiji-<kind> for other kinds of
-- mention), kiji-denier, kiji-denial-cue, kiji-claim (what a denial denies),
-- kiji-target (whose report it denies: the outlet, or "the report" / 同紙
-- that names it), kiji-attribution-cue, kiji-quote (a direct quotation's
-- words), kiji-speaker (who says them) and kiji-quote-cue (the verb or
-- label that frames them); attributes kiji-id, kiji-kind,
-- kiji-subtype, kiji-country when known, and kiji-denial: the number(s) of
-- the denial(s), counted through the document from 1, that a cue, denier,
-- target or claim belongs to.  One range that is several things is one Span with all the classes
-- (a denier that is an official: "kiji-official kiji-denier").  A span that
-- crosses the edge of a formatting element or a link is wrapped piece by
-- piece inside it (the pieces share classes and attributes); one that
-- covers such an element whole is wrapped around it.
--
-- Output formats: for DOCX each Span also gets custom-style, a Word
-- character style named after its classes ("kiji Official", "kiji
-- Official Denier", "kiji Denial Cue"), which pandoc defines in the
-- document and a --reference-doc may style.  Standalone HTML (html, html5,
-- epub, the slide shows) gets kiji/pandoc.css, beside this file, as a
-- <style> in the metadata header-includes, unless the metadata says
-- kiji-css: false (then link the file with --css, or style it yourself).
--
-- Metadata `kiji`: `officials` and `outlets`, one entry per thing named
-- (in the order first met): a map with `name` (the lexicon's name; for a
-- person, the text first met), `id`, `kind`, `subtype`, `country` and,
-- for a person, `title` (the lexicon's name of the title), each when
-- known, `count` (how many mentions, as a string) and `texts` (each text
-- met, once).  Mentions are one entry when they share kind, id and
-- country (and, for a person, the name: two ministers are two), or,
-- with no id, their text once normalized.  `denials`: maps with `who`, `cue`, `claim`,
-- `reported_by` and `target` (the outlet whose report is denied), each
-- when the text says; `quotes`: maps with `text`, and `who` and `cue`
-- when the text says.  In templates e.g.
-- `$for(kiji.outlets)$$it.name$ ($it.count$)$sep$, $endfor$` and
-- `$for(kiji.denials)$$it.who$: $it.cue$$endfor$`.
-- Each block's document is read through kiji.walk.

-- ---------------------------------------------------------------- paths

-- This file, as pandoc or require found it (nil when loaded otherwise).
local FILE = (function()
  local info = debug and debug.getinfo and debug.getinfo(1, "S")
  local src = info and info.source
  if type(src) == "string" and src:sub(1, 1) == "@" then return src:sub(2) end
  return nil
end)()
local ABI = _VERSION:match("%d+%.%d+")

local function exists(path)
  local f = io.open(path, "rb")
  if f then f:close() end
  return f ~= nil
end

-- Where kiji of pandoc's Lua is, from where this file is (see the top);
-- gives a description for an error message.
local function find_kiji(file)
  if not file then return nil end
  local path = file:sub(1, 1) == "/" and file or "./" .. file
  local prefix = path:match("^(.*)/share/lua/%d+%.%d+/kiji/pandoc%.lua$")
  if prefix then
    local lua, lib = prefix .. "/share/lua/" .. ABI, prefix .. "/lib/lua/" .. ABI
    package.path = lua .. "/?.lua;" .. lua .. "/?/init.lua;" .. package.path
    package.cpath = lib .. "/?.so;" .. package.cpath
    return ("the tree %s has no %s/kiji/core.so"):format(prefix, lib)
  end
  local top = path:match("^(.*)/lua/kiji/pandoc%.lua$")
  if top and exists(top .. "/lua/kiji/init.lua") then
    package.path = package.path .. ";" .. top .. "/lua/?.lua;" .. top .. "/lua/?/init.lua"
    package.cpath = package.cpath .. ";" .. top .. "/build/" .. ABI .. "/?.so"
    return ("the checkout %s has no build/%s/kiji/core.so (make LUA=lua%s module)"):format(top, ABI, ABI)
  end
  return nil
end

local where = find_kiji(FILE)
local loaded, kiji = pcall(require, "kiji")
if not loaded then
  local core = package.searchpath and package.searchpath("kiji.core", package.cpath)
  if core == nil then
    error(("kiji.pandoc: pandoc runs Lua %s, and no kiji.core for Lua %s is on its package.cpath%s: "
      .. "install kiji for it (luarocks --lua-version=%s install kiji) or set LUA_CPATH\n%s"):format(
        ABI, ABI, where and " (" .. where .. ")" or "", ABI, tostring(kiji)), 0)
  end
  error(kiji, 0)
end
local walk = require "kiji.walk"

local pandoc = pandoc -- luacheck: ignore (the global that pandoc sets)
if type(pandoc) ~= "table" then
  error("kiji.pandoc is a pandoc Lua filter: run it with pandoc -L or --lua-filter", 2)
end

-- Inlines whose content is inlines, kept as they are and annotated inside.
local BOXES = {
  Emph = true, Strong = true, Underline = true, Strikeout = true,
  Superscript = true, Subscript = true, SmallCaps = true, Span = true,
  Link = true, Quoted = true, Cite = true,
}

-- The output format (FORMAT without extensions): which gets custom-style
-- on its Spans, which the style sheet.
local OUTPUT = type(FORMAT) == "string" and FORMAT:match("^[%w_]+") or ""
local DOCX = OUTPUT == "docx"
local HTML = {
  html = true, html4 = true, html5 = true, epub = true, epub2 = true, epub3 = true,
  revealjs = true, slidy = true, slideous = true, s5 = true, dzslides = true,
  chunkedhtml = true,
}

local QUOTES = {
  DoubleQuote = { "\u{201C}", "\u{201D}" },
  SingleQuote = { "\u{2018}", "\u{2019}" },
}

-- ---------------------------------------------------------------- text

-- Is code point c one between which lines join with no space (CJK)?
local function is_cjk(c)
  return c ~= nil and (
    (c >= 0x2E80 and c <= 0x9FFF) or (c >= 0xF900 and c <= 0xFAFF) or
    (c >= 0xFE30 and c <= 0xFE4F) or (c >= 0xFF00 and c <= 0xFFEF) or
    (c >= 0x20000 and c <= 0x3FFFF))
end

local function first_char(s)
  if s == "" then return nil end
  local ok, c = pcall(utf8.codepoint, s, 1)
  return ok and c or nil
end

local function last_char(s)
  if s == "" then return nil end
  local i = utf8.offset(s, -1)
  if not i then return nil end
  local ok, c = pcall(utf8.codepoint, s, i)
  return ok and c or nil
end

local function quote_marks(el)
  local q = el.quotetype
  if type(q) ~= "string" then q = tostring(q) end
  return QUOTES[q] or (q:find("Single") and QUOTES.SingleQuote or QUOTES.DoubleQuote)
end

-- The tree of nodes of a list of inlines: {el, kind = "str" | "atom" | "box",
-- text, children, open, close, verbatim, soft}; `pieces` gets, in order, the
-- text of each leaf (and of each quote mark) for the soft breaks to look at.
local function nodes_of(inlines, pieces)
  local nodes = {}
  for _, el in ipairs(inlines) do
    local t, n = el.t, nil
    if t == "Str" then
      n = { el = el, kind = "str", text = el.text }
    elseif t == "Space" then
      n = { el = el, kind = "atom", text = " " }
    elseif t == "SoftBreak" then
      n = { el = el, kind = "atom", text = " ", soft = true }
    elseif t == "LineBreak" then
      n = { el = el, kind = "atom", text = "\n" }
    elseif t == "Code" or t == "Math" then
      n = { el = el, kind = "atom", text = el.text, verbatim = true }
    elseif BOXES[t] then
      n = { el = el, kind = "box", open = "", close = "" }
      if t == "Quoted" then
        local q = quote_marks(el)
        n.open, n.close = q[1], q[2]
      end
      pieces[#pieces + 1] = n.open
      n.children = nodes_of(el.content, pieces)
      pieces[#pieces + 1] = n.close
    else -- Image, Note, RawInline and what pandoc may add: no text, kept whole
      n = { el = el, kind = "atom", text = "" }
    end
    if n.kind ~= "box" then pieces[#pieces + 1] = n end
    nodes[#nodes + 1] = n
  end
  return nodes
end

local function piece_text(p)
  if type(p) == "string" then return p end
  return p.text
end

-- A soft break between two CJK characters joins them (as pandoc's
-- east_asian_line_breaks does); kiji reads a Japanese sentence better so.
local function settle_soft_breaks(pieces)
  for i, p in ipairs(pieces) do
    if type(p) == "table" and p.soft then
      local before, after
      for j = i - 1, 1, -1 do
        local s = piece_text(pieces[j])
        if s ~= "" then before = last_char(s); break end
      end
      for j = i + 1, #pieces do
        local s = piece_text(pieces[j])
        if s ~= "" then after = first_char(s); break end
      end
      if is_cjk(before) and is_cjk(after) then p.text = "" end
    end
  end
end

-- Byte ranges: n.s, n.e (0-based, half-open) in the block's text, and for a
-- box n.cs, n.ce, the range of its content.  Appends to buf; verbatim
-- nodes go to `verbatim`.
local function place(nodes, buf, pos, verbatim)
  for _, n in ipairs(nodes) do
    n.s = pos
    if n.kind == "box" then
      buf[#buf + 1] = n.open
      pos = pos + #n.open
      n.cs = pos
      pos = place(n.children, buf, pos, verbatim)
      n.ce = pos
      buf[#buf + 1] = n.close
      pos = pos + #n.close
    else
      buf[#buf + 1] = n.text
      pos = pos + #n.text
      if n.verbatim then verbatim[#verbatim + 1] = n end
    end
    n.e = pos
  end
  return pos
end

-- ---------------------------------------------------------------- spans

local CLASS_ORDER = { "official", "outlet", "mention", "denier", "speaker", "target", "cue", "attribution",
                      "quote-cue", "claim", "quote" }
-- Equal ranges after clipping nest a quotation outside, then a claim, then
-- mentions, then cues.
local RANK = { quote = 0, claim = 1, official = 2, outlet = 2, mention = 2, denier = 2, speaker = 2, target = 2,
               cue = 3, attribution = 3, ["quote-cue"] = 3 }

local function new_record(s, e)
  return { s = s, e = e, roles = {}, denials = {}, rank = 9 }
end

local function copy_record(r, s, e)
  local c = new_record(s, e)
  for k, v in pairs(r.roles) do c.roles[k] = v end
  for i, v in ipairs(r.denials) do c.denials[i] = v end
  c.mention, c.rank, c.seq = r.mention, r.rank, r.seq
  return c
end

local function merge_into(a, b)
  for k, v in pairs(b.roles) do a.roles[k] = a.roles[k] or v end
  for _, d in ipairs(b.denials) do
    local seen = false
    for _, x in ipairs(a.denials) do if x == d then seen = true end end
    if not seen then a.denials[#a.denials + 1] = d end
  end
  a.mention = a.mention or b.mention
  if b.rank < a.rank then a.rank = b.rank end
end

local function by_position(a, b)
  if a.s ~= b.s then return a.s < b.s end
  if a.e ~= b.e then return a.e > b.e end
  if a.rank ~= b.rank then return a.rank < b.rank end
  return a.seq < b.seq
end

-- One record per range (equal ranges merged), unless two mentions share
-- it: they stay two Spans, one in the other.
local function merged(records)
  local by_range, out = {}, {}
  for _, r in ipairs(records) do
    local key = r.s .. ":" .. r.e
    local list = by_range[key] or {}
    by_range[key] = list
    local into
    for _, old in ipairs(list) do
      if not (old.mention and r.mention and old.mention ~= r.mention) then into = old; break end
    end
    if into then
      merge_into(into, r)
    else
      list[#list + 1] = r
      out[#out + 1] = r
    end
  end
  return out
end

-- Make the records laminar (two ranges nest or are apart): a range that
-- crosses the end of an earlier one is cut there into two pieces.
local function laminate(records)
  records = merged(records)
  table.sort(records, by_position)
  local out, open, i = {}, {}, 1
  while i <= #records do
    local r = records[i]
    while #open > 0 and open[#open].e <= r.s do open[#open] = nil end
    local t = open[#open]
    if t and r.e > t.e then
      -- the rest goes back into the queue, in its place
      local rest = copy_record(r, t.e, r.e)
      r.e = t.e
      local lo, hi = i + 1, #records + 1
      while lo < hi do
        local mid = (lo + hi) // 2
        if by_position(records[mid], rest) then lo = mid + 1 else hi = mid end
      end
      table.insert(records, lo, rest)
    end
    out[#out + 1] = r
    open[#open + 1] = r
    i = i + 1
  end
  return merged(out)
end

-- The Word character style of a Span's classes: "kiji Official Denier".
local STYLE_OF = {}
local function style_name(classes)
  local key = table.concat(classes, " ")
  local name = STYLE_OF[key]
  if not name then
    local words = { "kiji" }
    for _, class in ipairs(classes) do
      words[#words + 1] = class:gsub("^kiji%-", ""):gsub("%-", " ")
        :gsub("(%w)(%w*)", function(a, b) return a:upper() .. b end)
    end
    name = table.concat(words, " ")
    STYLE_OF[key] = name
  end
  return name
end

-- Word gives a run one character style, the innermost: a link's own
-- (Hyperlink) would hide the kiji style of a Span around it, so the
-- content of each link inside a Span gets the Span's style too.
local function into_links(inlines, attr)
  local style
  for _, kv in ipairs(attr.attributes) do
    if kv[1] == "custom-style" then style = kv[2] end
  end
  if not style and attr.attributes["custom-style"] then style = attr.attributes["custom-style"] end
  if not style then return end
  local function down(list)
    for _, el in ipairs(list) do
      if el.t == "Link" then
        el.content = { pandoc.Span(el.content, pandoc.Attr("", {}, { { "custom-style", style } })) }
      elseif BOXES[el.t] and el.t ~= "Span" then
        down(el.content)
      end
    end
  end
  down(inlines)
end

local function attr_of(r)
  local classes, attrs = {}, {}
  for _, role in ipairs(CLASS_ORDER) do
    local v = r.roles[role]
    if v then classes[#classes + 1] = v end
  end
  if DOCX then attrs[1] = { "custom-style", style_name(classes) } end
  local m = r.mention
  if m then
    if m.id then attrs[#attrs + 1] = { "kiji-id", m.id } end
    if m.kind then attrs[#attrs + 1] = { "kiji-kind", m.kind } end
    if m.subtype then attrs[#attrs + 1] = { "kiji-subtype", m.subtype } end
    if m.country then attrs[#attrs + 1] = { "kiji-country", m.country } end
  end
  if #r.denials > 0 then
    local ds = {}
    for i, d in ipairs(r.denials) do ds[i] = tostring(d) end
    attrs[#attrs + 1] = { "kiji-denial", table.concat(ds, " ") }
  end
  return pandoc.Attr("", classes, attrs)
end

-- ---------------------------------------------------------------- rebuild

local function clip(r, s, e)
  if r.s == s and r.e == e then return r end
  return copy_record(r, s, e)
end

local render

-- Where a record goes inside a box or an atom that holds one of its ends.
local function push_down(n, r, s, e)
  if n.kind ~= "box" then return end -- Code, Math, a quote mark: nothing
  if s < n.cs then s = n.cs end
  if e > n.ce then e = n.ce end
  if s < e then
    n.pending = n.pending or {}
    n.pending[#n.pending + 1] = clip(r, s, e)
  end
end

-- Str nodes cut at every end of the records (offsets that kiji puts on
-- character boundaries).
local function cut_strings(nodes, records)
  local cuts = {}
  for _, r in ipairs(records) do cuts[#cuts + 1] = r.s; cuts[#cuts + 1] = r.e end
  table.sort(cuts)
  local out, k = {}, 1
  for _, n in ipairs(nodes) do
    if n.kind == "str" then
      while cuts[k] and cuts[k] <= n.s do k = k + 1 end
      local from = n.s
      while cuts[k] and cuts[k] < n.e do
        local c = cuts[k]
        if c > from then
          local text = n.text:sub(from - n.s + 1, c - n.s)
          out[#out + 1] = { el = pandoc.Str(text), kind = "str", text = text, s = from, e = c }
          from = c
        end
        k = k + 1
      end
      if from == n.s then
        out[#out + 1] = n
      else
        local text = n.text:sub(from - n.s + 1)
        out[#out + 1] = { el = pandoc.Str(text), kind = "str", text = text, s = from, e = n.e }
      end
    else
      out[#out + 1] = n
    end
  end
  return out
end

-- The node that holds offset p strictly inside it (nodes in order).
local function holder(nodes, p)
  local lo, hi = 1, #nodes + 1 -- the first node with s >= p
  while lo < hi do
    local mid = (lo + hi) // 2
    if nodes[mid].s < p then lo = mid + 1 else hi = mid end
  end
  local n = nodes[lo - 1]
  if n and n.e > p then return n end
  return nil
end

local function emit(n, out)
  if n.kind == "box" and n.pending then
    n.el.content = render(n.children, n.pending)
    n.pending = nil
  end
  out[#out + 1] = n.el
end

-- Inside r: within it, and not a zero-width node on one of its ends.
local function inside(n, s, e)
  if n.s < s or n.e > e then return false end
  return not (n.s == n.e and (n.s == s or n.s == e))
end

-- The inlines of `nodes` with the records (laminar, within the nodes)
-- wrapped in Spans.
function render(nodes, records)
  if #records == 0 then
    local out = {}
    for _, n in ipairs(nodes) do emit(n, out) end
    return out
  end
  nodes = cut_strings(nodes, records)
  -- the records that this level wraps, and the pieces that go into boxes
  local here = {}
  for _, r in ipairs(records) do
    local s, e = r.s, r.e
    local hs, he = holder(nodes, s), holder(nodes, e)
    if hs and hs == he then
      push_down(hs, r, s, e)
    else
      if hs then push_down(hs, r, s, hs.e); s = hs.e end
      if he then push_down(he, r, he.s, e); e = he.s end
      if s < e then here[#here + 1] = clip(r, s, e) end
    end
  end
  table.sort(here, by_position)

  local function wrap(list, recs)
    local out, k, i = {}, 1, 1
    while i <= #list do
      local r = recs[k]
      local n = list[i]
      if r and inside(n, r.s, r.e) then
        local inner, nested = {}, {}
        while i <= #list and inside(list[i], r.s, r.e) do
          inner[#inner + 1] = list[i]; i = i + 1
        end
        k = k + 1
        while recs[k] and recs[k].s < r.e do
          nested[#nested + 1] = recs[k]; k = k + 1
        end
        local attr = attr_of(r)
        local content = wrap(inner, nested)
        if DOCX then into_links(content, attr) end
        out[#out + 1] = pandoc.Span(content, attr)
      else
        if r and n.s >= r.e then k = k + 1 -- a record with no node (never, but safe)
        else emit(n, out); i = i + 1 end
      end
    end
    return out
  end
  return wrap(nodes, here)
end

-- ---------------------------------------------------------------- blocks

-- What the blocks of one document add up to (summary() writes it into the
-- metadata, then reset() starts afresh for the next document).
local state

local function reset()
  state = {
    officials = {}, outlets = {}, denials = {}, quotes = {},
    entry_of = {},                         -- key -> entry (mention_key)
    ndenials = 0,
  }
end
reset()

local function within_verbatim(verbatim, s, e)
  for _, v in ipairs(verbatim) do
    if s >= v.s and e <= v.e then return true end
  end
  return false
end

local function span_text(sp)
  return sp and sp.text or nil
end

-- Text compared as kiji compares it: NFKC, case folded, spaces as one.
local function folded(text)
  local ok, f = pcall(kiji.normalize, text, { map = false })
  if not ok or type(f) ~= "string" then f = text:lower() end
  return (f:gsub("%s+", " "))
end

local function named_person(m)
  return m.subtype == "person" and type(m.person) == "table" and type(m.person.text) == "string"
end

-- Mentions of one thing share a key: kind, id and country (a lexicon's
-- "Defense Ministry" of two countries is two), and for a person the name
-- (or, for a title alone, the text); with no id, the folded text.
local function mention_key(m)
  local kind = tostring(m.kind or "mention")
  if type(m.id) ~= "string" then return kind .. "\0\0" .. folded(m.text) end
  local key = kind .. "\0" .. m.id .. "\0" .. tostring(m.country or "")
  if m.subtype == "person" then
    key = key .. "\0" .. folded(named_person(m) and m.person.text or m.text)
  end
  return key
end

-- The summary of a mention: its entry in officials or outlets (`list`,
-- the walk's name of the document's list), counted.
local function note_mention(m, list)
  local into = list == "officials" and state.officials or list == "outlets" and state.outlets
  if not into or type(m.text) ~= "string" then return end
  local key = mention_key(m)
  local e = state.entry_of[key]
  if not e then
    local person = m.subtype == "person"
    e = {
      id = m.id, kind = m.kind, subtype = m.subtype, country = m.country,
      name = (not person and m.name) or m.text,
      title = person and m.name or nil,
      count = 0, texts = {}, seen = {},
    }
    state.entry_of[key] = e
    into[#into + 1] = e
  end
  e.count = e.count + 1
  if not e.seen[m.text] then
    e.seen[m.text] = true
    e.texts[#e.texts + 1] = m.text
  end
end

-- The records of a document (read through kiji.walk) and the summary it
-- adds: every mention, and each denial whose cue is not in Code or Math
-- with its number through the document (its cue, denier and claim), the
-- attribution cues, and each quotation (its words, speaker and cue).
local function records_of(doc, verbatim)
  local records, seq = {}, 0
  local function add(part, role, class, extra)
    local s, e = part.start - 1, part.stop
    if within_verbatim(verbatim, s, e) then return nil end
    local r = new_record(s, e)
    seq = seq + 1
    r.seq, r.rank, r.roles[role] = seq, RANK[role], class
    if extra then extra(r) end
    records[#records + 1] = r
    return r
  end
  local w = walk(doc)
  local of_mention = {}                    -- the walk's mention item -> record
  for _, rec in ipairs(w.mentions) do
    local m = rec.data
    local kind = m.kind or "mention"
    local role = (kind == "official" or kind == "outlet") and kind or "mention"
    local r = add(rec.mention, role, "kiji-" .. kind, function(r) r.mention = m end)
    if r then
      of_mention[rec.mention] = r
      note_mention(m, rec.list)
    end
  end
  for _, d in ipairs(w.denials) do
    if d.cue and not within_verbatim(verbatim, d.cue.start - 1, d.cue.stop) then
      state.ndenials = state.ndenials + 1
      local no = state.ndenials
      local function tag(r) r.denials[#r.denials + 1] = no end
      add(d.cue, "cue", "kiji-denial-cue", tag)
      local m = d.by and d.by.mention and of_mention[d.by.mention]
      if m then
        m.roles.denier = "kiji-denier"
        tag(m)
      elseif d.by then
        add(d.by, "denier", "kiji-denier", tag)
      end
      if d.claim then add(d.claim, "claim", "kiji-claim", tag) end
      local t = d.target and d.target.mention and of_mention[d.target.mention]
      if t then
        t.roles.target = "kiji-target"
        tag(t)
      elseif d.target then -- "the report", 同紙: the anaphor itself
        add(d.target, "target", "kiji-target", tag)
      end
      local named = d.target and (d.target.span.antecedent or d.target.span)
      state.denials[#state.denials + 1] = {
        who = span_text(d.by), cue = d.cue.text, claim = span_text(d.claim),
        reported_by = span_text(d.reported_by), target = span_text(named),
      }
    end
  end
  for _, a in ipairs(w.attributions) do
    if a.cue then add(a.cue, "attribution", "kiji-attribution-cue") end
  end
  for _, q in ipairs(w.quotes) do
    if q.quote and add(q.quote, "quote", "kiji-quote") then
      local m = q.speaker and q.speaker.mention and of_mention[q.speaker.mention]
      if m then
        m.roles.speaker = "kiji-speaker"
      elseif q.speaker then
        add(q.speaker, "speaker", "kiji-speaker")
      end
      if q.cue then add(q.cue, "quote-cue", "kiji-quote-cue") end
      state.quotes[#state.quotes + 1] = { text = q.quote.text, who = span_text(q.speaker), cue = span_text(q.cue) }
    end
  end
  return records
end

-- `lists`: the inlines of a block (one list; a LineBlock's lines, several,
-- read as one text with "\n" between them). Gives them with kiji's Spans
-- (as many lists), or nil when there is nothing to mark.
local function annotate(lists)
  local pieces, top, seps = {}, {}, {}
  for i, inlines in ipairs(lists) do
    if i > 1 then
      local sep = { el = seps, kind = "atom", text = "\n", sep = true }
      pieces[#pieces + 1] = sep
      top[#top + 1] = sep
    end
    for _, n in ipairs(nodes_of(inlines, pieces)) do top[#top + 1] = n end
  end
  settle_soft_breaks(pieces)
  local buf, verbatim = {}, {}
  place(top, buf, 0, verbatim)
  local text = table.concat(buf)
  if not text:find("%S") then return nil end
  local ok, doc = pcall(kiji.annotate, text)
  if not ok or type(doc) ~= "table" then
    io.stderr:write("kiji.pandoc: ", tostring(doc), "\n")
    return nil
  end
  local records = records_of(doc, verbatim)
  if #records == 0 then return nil end
  records = laminate(records)
  -- no Span across a line of a LineBlock
  for _, n in ipairs(top) do
    if n.sep then
      local pieces_after = {}
      for _, r in ipairs(records) do
        if r.s < n.s and r.e > n.e then
          pieces_after[#pieces_after + 1] = copy_record(r, n.e, r.e)
          r.e = n.s
        elseif r.s < n.e and r.e > n.s then -- touches the separator only
          if r.s < n.s then r.e = n.s elseif r.e > n.e then r.s = n.e else r.e = r.s end
        end
      end
      for _, p in ipairs(pieces_after) do records[#records + 1] = p end
    end
  end
  local kept = {}
  for _, r in ipairs(records) do if r.s < r.e then kept[#kept + 1] = r end end
  if #kept > 0 then state.marked = true end
  local out = render(top, kept)
  -- back to lines
  local result, line = {}, {}
  for _, el in ipairs(out) do
    if el == seps then
      result[#result + 1] = line
      line = {}
    else
      line[#line + 1] = el
    end
  end
  result[#result + 1] = line
  return result
end

local function inline_block(el)
  local new = annotate({ el.content })
  if new then
    el.content = new[1]
    return el
  end
  return nil
end

local function line_block(el)
  local new = annotate(el.content)
  if new then
    el.content = new
    return el
  end
  return nil
end

-- ---------------------------------------------------------------- metadata

local function meta_strings(list)
  local out = {}
  for i, s in ipairs(list) do out[i] = pandoc.MetaString(s) end
  return pandoc.MetaList(out)
end

local ENTRY_FIELDS = { "id", "name", "kind", "subtype", "country", "title" }

local function meta_entries(list)
  local out = {}
  for i, e in ipairs(list) do
    local m = {}
    for _, k in ipairs(ENTRY_FIELDS) do
      if type(e[k]) == "string" then m[k] = pandoc.MetaString(e[k]) end
    end
    m.count = pandoc.MetaString(tostring(e.count))
    m.texts = meta_strings(e.texts)
    out[i] = pandoc.MetaMap(m)
  end
  return pandoc.MetaList(out)
end

local function summary()
  local denials = {}
  for i, d in ipairs(state.denials) do
    local m = {}
    for _, k in ipairs({ "who", "cue", "claim", "reported_by", "target" }) do
      if d[k] then m[k] = pandoc.MetaString(d[k]) end
    end
    denials[i] = pandoc.MetaMap(m)
  end
  local quotes = {}
  for i, q in ipairs(state.quotes) do
    local m = {}
    for _, k in ipairs({ "text", "who", "cue" }) do
      if q[k] then m[k] = pandoc.MetaString(q[k]) end
    end
    quotes[i] = pandoc.MetaMap(m)
  end
  return pandoc.MetaMap({
    officials = meta_entries(state.officials),
    outlets = meta_entries(state.outlets),
    denials = pandoc.MetaList(denials),
    quotes = pandoc.MetaList(quotes),
  })
end

-- ---------------------------------------------------------------- style

-- kiji/pandoc.css: beside this file, or beside the kiji.pandoc that
-- package.path finds.
local function read_css()
  local path = FILE and FILE:gsub("%.lua$", ".css")
  if not (path and exists(path)) then
    local found = package.searchpath("kiji.pandoc", package.path)
    path = found and found:gsub("%.lua$", ".css")
  end
  local f = path and io.open(path, "rb")
  if not f then return nil end
  local css = f:read("a")
  f:close()
  return css
end

-- Does the writer fill a template? (pandoc before 2.17 does not say: then
-- yes, as header-includes matter to nothing else.)
local function standalone()
  local wo = PANDOC_WRITER_OPTIONS -- luacheck: ignore (pandoc's global)
  if wo == nil then return true end
  local ok, template = pcall(function() return wo.template end)
  return not ok or template ~= nil
end

local OFF = { ["false"] = true, no = true, off = true, ["0"] = true }

local function wants_css(meta)
  local v = meta["kiji-css"]
  if v == nil then return true end
  if type(v) == "boolean" then return v end
  if type(v) ~= "string" then v = pandoc.utils.stringify(v) end
  return not OFF[v:lower()]
end

local function is_meta_list(v)
  local utils = pandoc.utils
  if utils and utils.type then
    local t = utils.type(v)
    return t == "List" or t == "MetaList"
  end
  return type(v) == "table" and (v.t == "MetaList" or v.tag == "MetaList")
end

-- One more block in the metadata header-includes, after the document's own.
local function add_header_include(meta, block)
  local item = pandoc.MetaBlocks({ block })
  local h = meta["header-includes"]
  if h == nil then
    meta["header-includes"] = pandoc.MetaList({ item })
  elseif is_meta_list(h) then
    h[#h + 1] = item
    meta["header-includes"] = h
  else
    meta["header-includes"] = pandoc.MetaList({ h, item })
  end
end

local function add_style(meta)
  if not (HTML[OUTPUT] and state.marked and standalone() and wants_css(meta)) then return end
  local css = read_css()
  if not css then
    io.stderr:write("kiji.pandoc: no pandoc.css beside ", tostring(FILE), ", so no style\n")
    return
  end
  add_header_include(meta, pandoc.RawBlock("html", "<style>\n" .. css .. "</style>"))
end

return {
  {
    -- document order (a note after the paragraph that calls it) where
    -- pandoc knows topdown traversal (2.17 and later); typewise elsewhere
    traverse = "topdown",
    Para = inline_block,
    Plain = inline_block,
    Header = inline_block,
    LineBlock = line_block,
  },
  {
    Pandoc = function(doc)
      doc.meta.kiji = summary()
      add_style(doc.meta)
      reset()
      return doc
    end,
  },
}
