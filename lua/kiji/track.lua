--- kiji.track: denials across articles grouped into events (SCHEMA.md "An
-- event"): one denier denying one thing, in any language.
--
--   local acc = require("kiji").track()   -- or require("kiji.track").new()
--   acc:add(text_or_document, {id = "a1", date = "2023-08-08", source = "Kyodo"})
--   for _, ev in ipairs(acc:events()) do print(ev.event, ev.denier.id) end
--   acc:merge(other_acc)                  -- another shard's events
--   acc:dump(function(line) out:write(line, "\n") end)   -- the state
--   acc:load(line)                        -- a line of a dumped state back
--
-- The grouping, all of it order-free, so that any split of the input
-- merged gives the single run's events byte for byte:
--
-- * Denier: the `by` span, or its `antecedent` when it is an anaphor; its
--   key is its `id`, or its normalized text (kiji.normalize's match form)
--   when it has none. A denial without a denier, or whose denier is a bare
--   rule word ("he", "it") left unresolved, belongs to no event.
-- * Denied thing: the `target` outlet (or its antecedent), else the
--   `target_party`, keyed like the denier; without either, the claim's key
--   words: the words of the normalized claim (kiji.words) that are not the
--   rules' grammar words (kiji.core.lexicon_words, plugin/lexicon/
--   words.tsv), not numbers, not hiragana alone (inflections, particles)
--   and longer than one byte, deduplicated and sorted. One denier's
--   claim-keyed groups whose key words overlap by a Jaccard index of at
--   least 0.5 are one event (connected components, computed when the
--   events are asked for, so the order of the input does not matter); the
--   smallest key names it (pairs are proposed by a shared word that at
--   most 64 of the denier's claims have). A denial with neither target
--   nor key words ("事実無根だ") joins the event of the article's previous
--   denial by the same denier, or none.
-- * Event id: "ev-" and 14 hex digits of two polynomial hashes of the
--   denier key and the target key: the same story keeps its id.
-- * Date of a denial: its own `date` when the document has one, else the
--   article's date (opts.date, or the document's `date`) in ISO 8601.
--
-- Memory: per event its keys, counts, dates and at most `max_denials`
-- denials (default 100; the smallest by date, article, offset), never the
-- articles; `count` says how many denials the event had in all.
local kiji = require "kiji"
local core = require "kiji.core"
local feed_date = require "kiji.feed_date"
local interrupt = require "kiji.interrupt"

local M = {}

M.MAX_DENIALS = 100
M.WORD_GROUPS = 64
M.STATE_VERSION = 1

------------------------------------------------------------------ JSON

-- Deterministic JSON: objects are written with their keys in the order a
-- list gives, so the same event is the same bytes in every process.
local ESC = { ['"'] = '\\"', ["\\"] = "\\\\", ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t" }

-- s with each byte that is not part of well-formed UTF-8 made U+FFFD (a
-- record's text may hold them: kiji reads it as U+FFFD, its spans keep
-- the original bytes).
local function utf8_clean(s)
  if not s:find("[\128-\255]") then return s end
  local out, i, n, bad = {}, 1, #s, false
  while i <= n do
    local c = s:byte(i)
    local len, lo, hi = 1, 0x80, 0xBF
    if c >= 0xC2 and c <= 0xDF then len = 2
    elseif c >= 0xE0 and c <= 0xEF then
      len = 3
      if c == 0xE0 then lo = 0xA0 elseif c == 0xED then hi = 0x9F end
    elseif c >= 0xF0 and c <= 0xF4 then
      len = 4
      if c == 0xF0 then lo = 0x90 elseif c == 0xF4 then hi = 0x8F end
    elseif c >= 0x80 then len = 0 end
    local okc = len > 0 and i + len - 1 <= n
    for k = 1, len - 1 do
      local b = okc and s:byte(i + k)
      if not b or b < (k == 1 and lo or 0x80) or b > (k == 1 and hi or 0xBF) then okc = false end
    end
    if okc then
      out[#out + 1] = s:sub(i, i + len - 1)
      i = i + len
    else
      out[#out + 1] = "\239\191\189"
      bad = true
      i = i + 1
    end
  end
  return bad and table.concat(out) or s
end

local function json_string(s)
  return '"' .. utf8_clean(s):gsub('[%c"\\]', function(c)
    return ESC[c] or ("\\u%04x"):format(c:byte())
  end) .. '"'
end

local encode
-- Keys left out when they have no value (the others are written as null).
local OPTIONAL = { id = true, country = true, date_text = true, lang = true, by = true }

-- fields: the list of keys, in order
local function json_object(t, fields)
  local parts = {}
  for _, k in ipairs(fields) do
    if t[k] ~= nil or not OPTIONAL[k] then parts[#parts + 1] = json_string(k) .. ":" .. encode(t[k]) end
  end
  return "{" .. table.concat(parts, ",") .. "}"
end

local MENTION_FIELDS = { "id", "name", "country" }
local DENIAL_FIELDS = { "article", "date", "date_text", "source", "lang", "by", "sentence", "cue", "start", "end" }
local EVENT_FIELDS = { "event", "denier", "target", "claim", "first", "last", "count", "denials" }

function encode(v)
  local t = type(v)
  if v == nil then return "null" end
  if t == "string" then return json_string(v) end
  if t == "number" then return ("%d"):format(v) end
  if t == "boolean" then return tostring(v) end
  if v.fields then return json_object(v, v.fields) end
  local parts = {}
  for i = 1, #v do parts[i] = encode(v[i]) end
  return "[" .. table.concat(parts, ",") .. "]"
end

-- Tables written as objects carry their key order in a metatable-free
-- `fields` entry only while encoding: an object is {fields = F, ...}.
local function obj(fields, t)
  t.fields = fields
  return t
end

-- A copy of an event without the encoding's `fields`, as decoded JSON.
local function plain(v)
  if type(v) ~= "table" then return v end
  local out = {}
  for k, x in pairs(v) do if k ~= "fields" then out[k] = plain(x) end end
  return out
end

M.encode = encode

------------------------------------------------------------------ spans

-- 0-based half-open offsets of a span of a Lua document (start..stop,
-- 1-based) or of decoded JSON (start..end, 0-based).
local function offsets(span)
  if type(span) ~= "table" or type(span.start) ~= "number" then return nil end
  if type(span.stop) == "number" then return span.start - 1, span.stop end
  if type(span["end"]) == "number" then return span.start, span["end"] end
  return nil
end

local function str(v)
  if type(v) == "string" and v ~= "" then return v end
  return nil
end

local function match_form(s)
  return (kiji.normalize(s, { map = false }))
end

local words_dict
local function rule_words()
  words_dict = words_dict or core.lexicon_words()
  return words_dict
end

-- Is the whole of s one of the rules' words?
local function is_rule_word(s)
  for _, h in ipairs(rule_words():scan(s, { mode = "all" })) do
    if h.start == 1 and h.stop == #s then return true end
  end
  return false
end

-- The mention a participant span stands for (its antecedent when it is an
-- anaphor), or nil.
local function party(span)
  if type(span) ~= "table" then return nil end
  if type(span.antecedent) == "table" then return span.antecedent end
  return span
end

-- The display of a mention: {id, name, country} as known.
local function display(m)
  return obj(MENTION_FIELDS, { id = str(m.id), name = str(m.name) or str(m.text), country = str(m.country) })
end

-- The denier's key and display, or nil.
local function denier_of(d)
  local m = party(d.by)
  if not m then return nil end
  if str(m.id) then return "id:" .. m.id, display(m) end
  local text = str(m.text)
  if not text or is_rule_word(text) then return nil end
  return "name:" .. match_form(text), display(m)
end

-- The denied party's key and display: an outlet or party with an id or a
-- name (a plain span without antecedent, "the report", names no one).
local function target_of(d)
  for _, field in ipairs { "target", "target_party" } do
    local m = party(d[field])
    if m and str(m.id) then return "id:" .. m.id, display(m) end
    if m and m.kind and str(m.text) then return "name:" .. match_form(m.text), display(m) end
  end
  return nil
end

-- hiragana alone (U+3041-U+309F): particles and inflections
local function hiragana_only(w)
  return w:gsub("\227\129[\128-\191]", ""):gsub("\227\130[\128-\159]", "") == ""
end

--- The key words of a claim: sorted, distinct, space-separated ("" for none).
function M.key_words(text)
  if not str(text) then return "" end
  local seen, list = {}, {}
  for _, w in ipairs(kiji.words(match_form(text))) do
    local t = w.text
    if w.tag ~= "number" and #t > 1 and not seen[t] and not hiragana_only(t) and not is_rule_word(t) then
      seen[t] = true
      list[#list + 1] = t
    end
  end
  table.sort(list)
  return table.concat(list, " ")
end

------------------------------------------------------------------ dates


-- The article's source as a mention display: an outlet of the lexicon
-- when the string is one, else its name. A feed has few sources: the
-- last SOURCES_MAX are remembered.
local lexicon, sources, nsources = nil, {}, 0
local SOURCES_MAX = 4096
local function source_of(src, doc)
  if type(src) == "string" and src ~= "" then
    if sources[src] then return sources[src] end
    lexicon = lexicon or kiji.lexicon()
    local found = obj(MENTION_FIELDS, { name = src })
    for _, h in ipairs(lexicon:scan(src)) do
      if h.kind == "outlet" and h.start == 1 and h.stop == #src and str(h.id) then
        found = obj(MENTION_FIELDS, { id = h.id, name = src })
      end
    end
    if nsources >= SOURCES_MAX then sources, nsources = {}, 0 end
    sources[src], nsources = found, nsources + 1
    return found
  end
  if type(doc.source) == "table" and (str(doc.source.id) or str(doc.source.text)) then
    return display(doc.source)
  end
  return nil
end

------------------------------------------------------------------ records

-- A denial kept: k (date, article, start: the order), v (its JSON object),
-- d (denier display), t (target display or nil), c (claim key words).
local function order_key(v)
  return (v.date or "\255") .. "\0" .. (v.article or "") .. "\0" .. ("%012d"):format(v.start or 0)
end

local function rec_json(r)
  r.j = r.j or encode(r.v)
  return r.j
end

local function rec_less(a, b)
  if a.k ~= b.k then return a.k < b.k end
  return rec_json(a) < rec_json(b)
end

-- Sorted, distinct, at most max.
local function prune(list, max)
  table.sort(list, rec_less)
  local out = {}
  for _, r in ipairs(list) do
    local last = out[#out]
    if not (last and last.k == r.k and rec_json(last) == rec_json(r)) then
      if #out >= max then break end
      out[#out + 1] = r
    end
  end
  return out
end

------------------------------------------------------------------ the accumulator

local Acc = {}
Acc.__index = Acc

--- A new accumulator. opts.max_denials: denials kept per event (default 100).
function M.new(opts)
  opts = opts or {}
  local max = tonumber(opts.max_denials) or M.MAX_DENIALS
  return setmetatable({ max = max, groups = {} }, Acc)
end

local function group(self, dkey, tkey)
  local gkey = dkey .. "\n" .. tkey
  local g = self.groups[gkey]
  if not g then
    g = { dkey = dkey, tkey = tkey, count = 0, list = {} }
    self.groups[gkey] = g
  end
  return g
end

local function add_dates(g, first, last)
  if first and (not g.first or first < g.first) then g.first = first end
  if last and (not g.last or last > g.last) then g.last = last end
end

local function push(self, g, recs, count)
  g.count = g.count + count
  for _, r in ipairs(recs) do
    g.list[#g.list + 1] = r
    add_dates(g, r.v.date, r.v.date)
  end
  if #g.list > 2 * self.max then g.list = prune(g.list, self.max) end
end

--- Add one article: a text (annotated here) or a document (kiji's Lua
-- document, or its JSON decoded). opts: id, date, source (and lang for a
-- text; a text is annotated with the article's day, so that "on Monday"
-- resolves as kiji annotate resolves it). Returns the number of denials
-- grouped.
function Acc:add(doc, opts)
  opts = opts or {}
  if type(doc) == "string" then
    local d, err = kiji.annotate(doc, { lang = opts.lang, date = feed_date.day(opts.date),
                                        source = type(opts.source) == "string" and opts.source or nil })
    if not d then return nil, err end
    doc = d
  end
  if type(doc) ~= "table" then error("bad argument #1 to 'add' (string or document expected)", 2) end
  local article = str(opts.id) or str(doc.id)
  local adate = feed_date.iso(opts.date) or feed_date.iso(doc.date)
  local source = source_of(opts.source, doc)
  local lang = str(doc.lang)
  local previous = {} -- denier key -> the target key of its last denial here
  local n = 0
  for _, d in ipairs(type(doc.denials) == "table" and doc.denials or {}) do
    local dkey, denier, s0, e0
    if type(d) == "table" then -- (a document decoded from any JSON)
      dkey, denier = denier_of(d)
      s0, e0 = offsets(d.sentence)
    end
    if dkey and s0 then
      local tkey, target = target_of(d)
      local claim = M.key_words(type(d.claim) == "table" and d.claim.text or nil)
      if not tkey and claim ~= "" then tkey = "claim:" .. claim end
      tkey = tkey or previous[dkey]
      if tkey then
        previous[dkey] = tkey
        local v = obj(DENIAL_FIELDS, {
          article = article, date = str(d.date) or adate, date_text = type(d.date_text) == "table"
            and str(d.date_text.text) or str(d.date_text),
          source = source, lang = lang, by = type(d.by) == "table" and str(d.by.text) or nil,
          sentence = d.sentence.text, cue = type(d.cue) == "table" and d.cue.text or nil,
          start = s0, ["end"] = e0,
        })
        push(self, group(self, dkey, tkey), { { k = order_key(v), v = v, d = denier, t = target, c = claim } }, 1)
        n = n + 1
      end
    end
  end
  return n
end

--- Add another accumulator's groups (a shard's) to this one.
function Acc:merge(other)
  if other.max < self.max then
    self.max = other.max
    for _, g in pairs(self.groups) do g.list = prune(g.list, self.max) end
  end
  for _, og in pairs(other.groups) do
    local g = group(self, og.dkey, og.tkey)
    push(self, g, og.list, og.count)
    add_dates(g, og.first, og.last)
  end
  return self
end

------------------------------------------------------------------ events

-- Two polynomial hashes (mod primes below 2^26: exact in a double).
local function hash_hex(s)
  local a, b = 0, 0
  for i = 1, #s do
    local c = s:byte(i)
    a = (a * 257 + c) % 67108859
    b = (b * 263 + c) % 67108837
  end
  return ("%07x%07x"):format(a, b)
end

local function word_set(key)
  local set, n = {}, 0
  for w in key:gmatch("%S+") do set[w] = true n = n + 1 end
  return set, n
end

local function similar(a, b)
  local sa, na = word_set(a)
  local sb, nb = word_set(b)
  local common = 0
  for w in pairs(sa) do if sb[w] then common = common + 1 end end
  return common * 2 >= na + nb - common
end

-- The claim-keyed groups of one denier joined into connected components
-- of similar keys (pairs found through a shared word): lists of groups.
local function components(groups)
  table.sort(groups, function(x, y) return x.tkey < y.tkey end)
  local parent = {}
  for i = 1, #groups do parent[i] = i end
  local function find(i)
    while parent[i] ~= i do parent[i] = parent[parent[i]] i = parent[i] end
    return i
  end
  local by_word = {}
  for i, g in ipairs(groups) do
    for w in g.tkey:sub(7):gmatch("%S+") do
      by_word[w] = by_word[w] or {}
      local l = by_word[w]
      l[#l + 1] = i
    end
  end
  local tried = {}
  for _, l in pairs(by_word) do
    -- a word of more than WORD_GROUPS claims of one denier proposes no
    -- pair (no quadratic blow-up; still the same for any input order)
    if #l > M.WORD_GROUPS then l = {} end
    for x = 1, #l do
      for y = x + 1, #l do
        local i, j = l[x], l[y]
        local pair = i * (#groups + 1) + j
        if not tried[pair] then
          tried[pair] = true
          if find(i) ~= find(j) and similar(groups[i].tkey:sub(7), groups[j].tkey:sub(7)) then
            local ri, rj = find(i), find(j)
            if ri < rj then parent[rj] = ri else parent[ri] = rj end
          end
        end
      end
    end
  end
  local comps, at = {}, {}
  for i, g in ipairs(groups) do
    local r = find(i)
    if not at[r] then at[r] = #comps + 1 comps[#comps + 1] = {} end
    local c = comps[at[r]]
    c[#c + 1] = g
  end
  return comps
end

local function make_event(self, dkey, tkey, parts)
  local all, count, first, last = {}, 0, nil, nil
  for _, g in ipairs(parts) do
    for _, r in ipairs(g.list) do all[#all + 1] = r end
    count = count + g.count
    if g.first and (not first or g.first < first) then first = g.first end
    if g.last and (not last or g.last > last) then last = g.last end
  end
  local kept = prune(all, self.max)
  local head = kept[1]
  local claim
  for _, r in ipairs(kept) do
    if r.c ~= "" then claim = r.c break end
  end
  local denials = {}
  for i, r in ipairs(kept) do denials[i] = r.v end
  return obj(EVENT_FIELDS, {
    event = "ev-" .. hash_hex(dkey .. "\n" .. tkey), denier = head.d,
    target = tkey:sub(1, 6) ~= "claim:" and head.t or nil, claim = claim,
    first = first, last = last, count = count, denials = denials,
  })
end

-- The events as objects ready to encode, in SCHEMA order.
local function event_objects(self)
  local events, claims = {}, {}
  local gkeys = {}
  for gkey in pairs(self.groups) do gkeys[#gkeys + 1] = gkey end
  table.sort(gkeys)
  for _, gkey in ipairs(gkeys) do
    local g = self.groups[gkey]
    if #g.list > 0 then
      if g.tkey:sub(1, 6) == "claim:" then
        claims[g.dkey] = claims[g.dkey] or {}
        table.insert(claims[g.dkey], g)
      else
        events[#events + 1] = make_event(self, g.dkey, g.tkey, { g })
      end
    end
  end
  for dkey, groups in pairs(claims) do
    for _, comp in ipairs(components(groups)) do
      events[#events + 1] = make_event(self, dkey, comp[1].tkey, comp)
    end
  end
  table.sort(events, function(a, b)
    local fa, fb = a.first or "\255", b.first or "\255"
    if fa ~= fb then return fa < fb end
    return a.event < b.event
  end)
  return events
end

--- The events (SCHEMA.md "An event") as Lua tables, as their JSON decodes.
function Acc:events()
  local out = {}
  for i, e in ipairs(event_objects(self)) do out[i] = plain(e) end
  return out
end

--- Each event's JSON line (without newline) to write(line), in order.
function Acc:write_events(write)
  for _, e in ipairs(event_objects(self)) do write(encode(e)) end
end

------------------------------------------------------------------ state

local STATE_HEAD = { "kiji_track", "max" }
local GROUP_FIELDS = { "d", "t", "n", "f", "l", "r" }
local REC_FIELDS = { "v", "d", "t", "c" }

--- The state as lines (to write(line)): a header, then a line per group.
function Acc:dump(write)
  write(encode(obj(STATE_HEAD, { kiji_track = M.STATE_VERSION, max = self.max })))
  local gkeys = {}
  for gkey in pairs(self.groups) do gkeys[#gkeys + 1] = gkey end
  table.sort(gkeys)
  for _, gkey in ipairs(gkeys) do
    local g = self.groups[gkey]
    g.list = prune(g.list, self.max)
    local recs = {}
    for i, r in ipairs(g.list) do recs[i] = obj(REC_FIELDS, { v = r.v, d = r.d, t = r.t, c = r.c }) end
    write(encode(obj(GROUP_FIELDS, { d = g.dkey, t = g.tkey, n = g.count, f = g.first, l = g.last, r = recs })))
  end
end

local cjson
local function decoder()
  if not cjson then
    local m = interrupt.cjson_safe()
    if not m then error("kiji.track: reading a state needs lua-cjson (module 'cjson.safe')", 3) end
    cjson = m
  end
  return cjson
end

-- A decoded value with cjson's null made nil and key order restored.
local function restore(v, fields)
  if v == cjson.null then return nil end
  if type(v) ~= "table" then return v end
  local out = {}
  for k, x in pairs(v) do if x ~= cjson.null then out[k] = x end end
  if fields then out.fields = fields end
  return out
end

--- Read one line of a dumped state into this accumulator (merged with
-- what it holds). Returns true, or nil and what is wrong.
function Acc:load(line)
  local t = decoder().decode(line)
  if type(t) ~= "table" then return nil, "not a JSON object" end
  if t.kiji_track ~= nil then
    if t.kiji_track ~= M.STATE_VERSION then return nil, "state version " .. tostring(t.kiji_track) end
    local other = M.new { max_denials = t.max }
    return self:merge(other) and true
  end
  if type(t.d) ~= "string" or type(t.t) ~= "string" or type(t.r) ~= "table" then
    return nil, "not a kiji track state line"
  end
  local recs = {}
  for i, r in ipairs(t.r) do
    local v = restore(r.v, DENIAL_FIELDS)
    v.source = v.source and restore(v.source, MENTION_FIELDS)
    recs[i] = { k = order_key(v), v = v, d = restore(r.d, MENTION_FIELDS), t = restore(r.t, MENTION_FIELDS),
                c = r.c or "" }
  end
  local g = group(self, t.d, t.t)
  push(self, g, recs, tonumber(t.n) or #recs)
  add_dates(g, restore(t.f), restore(t.l))
  return true
end

return M
