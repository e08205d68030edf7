--- kiji.walk: the one walk over an annotated document (SCHEMA.md) for
-- the Lua side that lays one out: the command line's writers
-- (kiji.formats), the HTML view (kiji.html) and the pandoc filter.
--
--   local walk = require "kiji.walk"
--   local w = walk(doc)                    -- or walk(doc, {len = #text})
--   for _, it in ipairs(w.items) do         -- every span, in text order
--     print(it.role, it.start, it.stop, it.text, it.record.kind, it.record.n)
--   end
--   for it in walk.items(doc) do … end       -- the same, as an iterator
--   for _, r in ipairs(w.denials) do         -- a record and its parts
--     print(r.n, r.by and r.by.text, r.cue and r.cue.text, r.claim and r.claim.text)
--   end
--
-- The records: w.mentions (officials and outlets together, in text
-- order), w.denials, w.attributions and w.quotes (in the document's
-- order, which is kiji.annotate's text order), and w.records, the four
-- one after the other. A record has
--   kind      the mention's kind ("official", "outlet", …), "denial",
--             "attribution" or "quote"
--   n         its number in its list: D<n>, A<n>, Q<n>, the n-th mention
--   data      the document's own table (the mention, denial, attribution,
--             quotation)
--   list      for a mention, the document's list it is in: "officials"
--             or "outlets"
--   sentence  the index of its sentence (1-based; a quotation's first),
--             when the document says
--   parts     its items in the order of the chain that links them: the
--             mention itself; denier → cue → claim → reporting outlet →
--             target (whose report is denied); source → cue → claim;
--             speaker → cue → quote (the quoted text)
--   and each part under its role: r.mention; r.by, r.cue, r.claim,
--   r.reported_by, r.target; r.source, r.cue, r.claim; r.speaker, r.cue,
--   r.quote (nil when the document has none, or none that is a span).
-- An item has
--   role      "mention", "by", "cue", "claim", "reported_by", "target",
--             "source", "speaker" or "quote"
--   start, stop, text   its span (1-based, inclusive; text as given)
--   span      the document's table of the span (a quotation's `text`)
--   record    the record it belongs to
--   mention   for a participant (by, reported_by, target, source, speaker)
--             that is a mention's own table, that mention's item
-- A span whose start and stop are not integers with 1 <= start <= stop
-- (and stop <= opts.len when given) is no item. Text order: by start,
-- then the longer span first, then mentions, denials, attributions,
-- quotations, by number, each record's parts in chain order. Pure Lua 5.1
-- to 5.4.
local walk = {}

local PARTS = {
  denial = { "by", "cue", "claim", "reported_by", "target" },
  attribution = { "source", "cue", "claim" },
  quote = { "speaker", "cue", "quote" },
}
-- the field of the record that a role reads, when not its own name
local FIELD = { quote = "text" }
local CLASS = { denial = 2, attribution = 3, quote = 4 } -- mentions: 1
local PARTICIPANT = { by = true, reported_by = true, target = true, source = true, speaker = true }

local function is_span(sp, len)
  if type(sp) ~= "table" then return false end
  local s, e = sp.start, sp.stop
  return type(s) == "number" and type(e) == "number" and s >= 1 and s <= e
    and (len == nil or e <= len)
end

local function new_item(role, sp, record)
  return { role = role, start = sp.start, stop = sp.stop, text = sp.text, span = sp, record = record }
end

-- The mention records, in text order (equal spans: by kind, then as the
-- document lists them); mention_of maps each mention's table to its item.
local function mentions_of(doc, len)
  local out, mention_of = {}, {}
  for _, list in ipairs({ "officials", "outlets" }) do
    for _, m in ipairs(type(doc[list]) == "table" and doc[list] or {}) do
      if is_span(m, len) and not mention_of[m] then
        local r = { kind = m.kind, data = m, list = list, sentence = m.sentence, order = #out + 1 }
        r.mention = new_item("mention", m, r)
        r.parts = { r.mention }
        mention_of[m] = r.mention
        out[#out + 1] = r
      end
    end
  end
  table.sort(out, function(a, b)
    local x, y = a.data, b.data
    if x.start ~= y.start then return x.start < y.start end
    if x.stop ~= y.stop then return x.stop > y.stop end
    if tostring(x.kind) ~= tostring(y.kind) then return tostring(x.kind) < tostring(y.kind) end
    return a.order < b.order
  end)
  for n, r in ipairs(out) do r.n, r.order = n, nil end
  return out, mention_of
end

-- The denial, attribution or quotation records of doc[list], with their
-- parts.
local function events_of(doc, list, kind, len, mention_of)
  local out = {}
  for n, e in ipairs(type(doc[list]) == "table" and doc[list] or {}) do
    local r = { kind = kind, n = n, data = e, parts = {} }
    if type(e) == "table" then
      local s = e.sentence
      r.sentence = type(s) == "table" and s.index or type(s) == "number" and s or nil
      for _, role in ipairs(PARTS[kind]) do
        local sp = e[FIELD[role] or role]
        if is_span(sp, len) then
          local it = new_item(role, sp, r)
          if PARTICIPANT[role] then it.mention = mention_of[sp] end
          r[role] = it
          r.parts[#r.parts + 1] = it
        end
      end
    end
    out[n] = r
  end
  return out
end

local PART_RANK = { mention = 1, by = 1, source = 1, speaker = 1, cue = 2, claim = 3, quote = 3,
                    reported_by = 4, target = 4 }

local function text_order(a, b)
  if a.start ~= b.start then return a.start < b.start end
  if a.stop ~= b.stop then return a.stop > b.stop end
  local ra, rb = a.record, b.record
  local ca = a.role == "mention" and 1 or CLASS[ra.kind]
  local cb = b.role == "mention" and 1 or CLASS[rb.kind]
  if ca ~= cb then return ca < cb end
  if ra.n ~= rb.n then return ra.n < rb.n end
  return PART_RANK[a.role] < PART_RANK[b.role]
end

--- The walk of `doc` (a table as kiji.annotate returns, or one made by
-- hand in that shape). opts.len: the text's length, past which a span is
-- no item.
function walk.walk(doc, opts)
  if type(doc) ~= "table" then
    error("bad argument #1 to 'walk' (table expected, got " .. type(doc) .. ")", 2)
  end
  local len = type(opts) == "table" and opts.len or nil
  local w = {}
  local mention_of
  w.mentions, mention_of = mentions_of(doc, len)
  w.denials = events_of(doc, "denials", "denial", len, mention_of)
  w.attributions = events_of(doc, "attributions", "attribution", len, mention_of)
  w.quotes = events_of(doc, "quotes", "quote", len, mention_of)
  w.records, w.items = {}, {}
  for _, list in ipairs({ w.mentions, w.denials, w.attributions, w.quotes }) do
    for _, r in ipairs(list) do
      w.records[#w.records + 1] = r
      for _, it in ipairs(r.parts) do w.items[#w.items + 1] = it end
    end
  end
  table.sort(w.items, text_order)
  return w
end

--- An iterator over the items of `doc` in text order.
function walk.items(doc, opts)
  local items, i = walk.walk(doc, opts).items, 0
  return function()
    i = i + 1
    return items[i]
  end
end

return setmetatable(walk, { __call = function(_, doc, opts) return walk.walk(doc, opts) end })
