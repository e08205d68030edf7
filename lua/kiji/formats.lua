--- kiji.formats: the writers of `kiji annotate --format F`, each a table
--
--   local w = require("kiji.formats").get("tsv", several)  -- or nil, message
--   out:write(w.header or "")
--   out:write(w.write(name, text, doc))   -- per document; w.separator between
--   out:write(w.footer or "")
--
-- `write(name, text, doc [, record])` gives the document `doc` of `text`
-- (from kiji.annotate) in the format, `name` the input's name or the
-- record's id (nil when it has none); html's may instead give nil,
-- message. A writer with `records` (jsonl, json) keeps the fields of a
-- record of --input jsonl, `record` = {id = its "id" as written or nil,
-- members = its other members as written, joined by ","}; such a writer
-- also has `write_json(json, record)`, the same from kiji.json(doc) without
-- an id (what kiji.annotate_many gives with json = true), or from JSON
-- that has the record's fields already when `record` is nil (what
-- kiji.annotate_many's id_json and members_json put in); with `lines`
-- (jsonl), write_json(json) is json and a newline, which kiji.annotate_many
-- with jsonl = true makes for many at once. `several`:
-- more than one document may come (json makes an array of them).
-- `formats.per_input(name)`: whether the format makes a file of its own
-- for each input (html: a page). The tsv and text writers read the
-- document through kiji.walk. Pure Lua 5.1 to 5.4; html needs kiji.html.
local kiji = require "kiji"
local walk = require "kiji.walk"
local wording = require "kiji.wording"
local interrupt = require "kiji.interrupt"
local count = wording.count

local formats = {}

formats.names = { "jsonl", "json", "tsv", "text", "html" }

-- ------------------------------------------------------------ helpers

-- TSV fields: backslash, TAB, LF and CR escaped as \\ \t \n \r.
local TSV_ESC = { ["\\"] = "\\\\", ["\t"] = "\\t", ["\n"] = "\\n", ["\r"] = "\\r" }

--- A TSV field: "" for nil, else the string with \ TAB LF CR escaped.
function formats.tsv_field(s)
  if s == nil then return "" end
  return (tostring(s):gsub("[\\\t\n\r]", TSV_ESC))
end
local tsv_field = formats.tsv_field

--- s on one line, cut to at most `max` bytes (kiji.wording.one_line).
formats.one_line = wording.one_line
local one_line = formats.one_line

-- The index of the closing quote of the JSON string opening at p in s.
-- A quote closes it unless an odd run of backslashes stands before it:
-- one find per quote in the string, not per escape (\u3042 \u3044...).
local function string_end(s, p)
  local q = p + 1
  while true do
    local k = s:find('"', q, true)
    if not k then return #s end
    local b = k - 1
    while s:byte(b) == 92 do b = b - 1 end
    if (k - 1 - b) % 2 == 0 then return k end
    q = k + 1
  end
end

-- p at { or [ in s: the index of its closing bracket if nothing nests inside.
local function leaf_end(s, p)
  local q = p + 1
  while true do
    local k = s:find('[%[%]{}"]', q)
    if not k then return nil end
    local c = s:sub(k, k)
    if c == '"' then
      q = string_end(s, k) + 1
    elseif c == "]" or c == "}" then
      return k
    else
      return nil
    end
  end
end

-- The index of the last byte of the JSON value that starts at p in s
-- (valid JSON).
local function value_end(s, p)
  local c = s:sub(p, p)
  if c == '"' then return string_end(s, p) end
  if c ~= "{" and c ~= "[" then return (s:find("[%s,%]}]", p) or #s + 1) - 1 end
  local depth, q = 0, p
  while true do
    local k = s:find('[%[%]{}"]', q)
    c = s:sub(k, k)
    if c == '"' then
      q = string_end(s, k) + 1
    else
      depth = depth + ((c == "{" or c == "[") and 1 or -1)
      if depth == 0 then return k end
      q = k + 1
    end
  end
end

--- The members of the JSON object s (valid JSON: checked before) as
-- written: a list of {name, value}, the name with its quotes.
function formats.json_members(s)
  local list, p = {}, s:find("{", 1, true) + 1
  while true do
    local k = s:find('["}]', p)
    if s:sub(k, k) == "}" then return list end
    local name_end = string_end(s, k)
    local v = s:find("[^%s:]", name_end + 1)
    local e = value_end(s, v)
    list[#list + 1] = { s:sub(k, name_end), s:sub(v, e) }
    p = e + 1
  end
end

local own_fields
--- The set of the names of a document's own fields in its JSON (kiji,
-- id, lang, bytes...), read from the JSON of an empty text's.
function formats.document_fields()
  if not own_fields then
    own_fields = {}
    -- (with a date: a document without one leaves its "date" out)
    for _, m in ipairs(formats.json_members(kiji.json(kiji.annotate("", { date = "2000-01-01" }), ""))) do
      own_fields[m[1]:sub(2, -2)] = true
    end
  end
  return own_fields
end

-- kiji.json of doc, with `name` as its id; or for a record of --input
-- jsonl, with its fields (cli_annotate): its "id" where kiji's stands
-- (after "kiji", which the C writer puts first), its other members after
-- the document's own.
local function record_json(j, record)
  if not record then return j end
  local cut = j:find(",", 1, true)
  return table.concat({ j:sub(1, cut), record.id and ('"id":' .. record.id .. ",") or "", j:sub(cut + 1, -2),
                        record.members ~= "" and "," or "", record.members, "}" })
end

local function document_json(name, doc, record)
  if not record then return kiji.json(doc, name) end
  return record_json(kiji.json(doc), record)
end

--- The one-line JSON of kiji.json, indented: an object or array holding no
-- other object or array stays on one line (spans, sentences).
function formats.pretty_json(s)
  local out, depth, pos = {}, 0, 1
  local function newline() out[#out + 1] = "\n" .. string.rep("  ", depth) end
  while pos <= #s do
    local k = s:find('[%[%]{},:"]', pos)
    if not k then
      out[#out + 1] = s:sub(pos)
      break
    end
    out[#out + 1] = s:sub(pos, k - 1)
    local c, next_pos = s:sub(k, k), k + 1
    if c == '"' then
      next_pos = string_end(s, k) + 1
      out[#out + 1] = s:sub(k, next_pos - 1)
    elseif c == "{" or c == "[" then
      local e = leaf_end(s, k)
      if e then
        out[#out + 1] = s:sub(k, e)
        next_pos = e + 1
      else
        out[#out + 1] = c
        depth = depth + 1
        newline()
      end
    elseif c == "]" or c == "}" then
      depth = depth - 1
      newline()
      out[#out + 1] = c
    elseif c == ":" then
      out[#out + 1] = ": "
    else -- ","
      out[#out + 1] = ","
      newline()
    end
    pos = next_pos
  end
  return table.concat(out)
end

local function text_of(item) return item and item.text end

local named = wording.named

-- ------------------------------------------------------------ tsv

local TSV_HEADER = "input\tkind\tsubtype\tstart\tend\ttext\tid\tname\tcountry\tsentence\twho\tclaim\treported_by\ttarget\tdate\n"

-- One row: the record r of kind `kind` at `span`, with its fields.
local function tsv_row(name, kind, span, r, who, claim, reported_by, target, date)
  local m = r.list and r.data or {}
  return table.concat({
    tsv_field(name), kind, tsv_field(m.subtype), tostring(span.start - 1), tostring(span.stop),
    tsv_field(span.text), tsv_field(m.id), tsv_field(m.name), tsv_field(m.country),
    r.sentence and tostring(r.sentence - 1) or "", tsv_field(who), tsv_field(claim), tsv_field(reported_by),
    tsv_field(target), tsv_field(date),
  }, "\t")
end

-- The rows of a document: its mentions in text order, then its denials,
-- then its attributions (the span of each is its cue), then its
-- quotations (the span: the words quoted; who: the speaker).
local function tsv_rows(name, _, doc)
  local w, rows = walk(doc), {}
  name = name or ""
  for _, r in ipairs(w.mentions) do rows[#rows + 1] = tsv_row(name, r.kind, r.mention, r) end
  for _, r in ipairs(w.denials) do
    if r.cue then
      rows[#rows + 1] = tsv_row(name, "denial", r.cue, r, named(r.data.by), text_of(r.claim), text_of(r.reported_by),
        named(r.data.target), r.data.date)
    end
  end
  for _, r in ipairs(w.attributions) do
    if r.cue then rows[#rows + 1] = tsv_row(name, "attribution", r.cue, r, text_of(r.source), text_of(r.claim), nil, nil,
      r.data.date) end
  end
  for _, r in ipairs(w.quotes) do
    if r.quote then rows[#rows + 1] = tsv_row(name, "quote", r.quote, r, named(r.data.speaker)) end
  end
  if #rows == 0 then return "" end
  return table.concat(rows, "\n") .. "\n"
end

-- ------------------------------------------------------------ text

local function describe(m)
  local extra = {}
  if m.id then extra[#extra + 1] = m.id end
  if m.country then extra[#extra + 1] = m.country end
  extra[#extra + 1] = m.subtype
  return ("   %s  [%s]  @%d"):format(m.text, table.concat(extra, ", "), m.start - 1)
end

-- A readable summary: the counts, officials, outlets, who denied what
-- (reported by whom), the attributions, who said what.
local function text_summary(name, _, doc)
  local w = walk(doc)
  local lines = { ("== %s: %s, lang %s, %s"):format(name or "-", count(doc.bytes, "byte"), doc.lang,
                                                   count(#doc.sentences, "sentence")) }
  local function add(s) lines[#lines + 1] = s end
  for _, list in ipairs({ "officials", "outlets" }) do
    add("-- " .. list)
    for _, r in ipairs(w.mentions) do
      if r.list == list then add(describe(r.data)) end
    end
  end
  add("-- denials")
  for _, r in ipairs(w.denials) do add("   " .. wording.denial_line(r.data)) end
  add("-- attributions")
  for _, r in ipairs(w.attributions) do add("   " .. wording.attribution_line(r.data)) end
  add("-- quotes")
  for _, r in ipairs(w.quotes) do add("   " .. wording.quote_line(r.data)) end
  add("")
  return table.concat(lines, "\n") .. "\n"
end

-- ------------------------------------------------------------ html

-- kiji.html, or nil and why it cannot be had.
local function load_html()
  local okh, mod = interrupt.pcall(require, "kiji.html")
  if not okh then
    if tostring(mod):find("module 'kiji.html' not found", 1, true) then
      return nil, "html output needs kiji.html (kiji/html.lua is not on package.path)"
    end
    return nil, "html output needs kiji.html, which failed to load: " .. tostring(mod)
  end
  if type(mod) ~= "table" or type(mod.render) ~= "function" then
    return nil, "html output needs kiji.html with a render function"
  end
  return mod
end

local function html_writer()
  local html, err = load_html()
  if not html then return nil, err end
  return {
    write = function(name, text, doc)
      local page, herr = html.render(text, doc, { title = name or "kiji" })
      if type(page) ~= "string" then return nil, "html: " .. tostring(herr or "render returned no page") end
      return page
    end,
  }
end

-- ------------------------------------------------------------ the formats

-- The writers; `several`: more than one document may come.
local WRITERS = {
  jsonl = function()
    return { records = true, lines = true,
             write = function(name, _, doc, record) return document_json(name, doc, record) .. "\n" end,
             write_json = function(j, record) return record_json(j, record) .. "\n" end }
  end,
  -- one JSON text: the document indented, or (several) an array of them,
  -- one a line (as fast as jsonl: jq indents them when wanted)
  json = function(several)
    if several then
      return { records = true, header = "[", separator = ",", footer = "\n]\n",
               write = function(name, _, doc, record) return "\n  " .. document_json(name, doc, record) end,
               write_json = function(j, record) return "\n  " .. record_json(j, record) end }
    end
    return { records = true,
             write = function(name, _, doc, record) return formats.pretty_json(document_json(name, doc, record)) .. "\n" end,
             write_json = function(j, record) return formats.pretty_json(record_json(j, record)) .. "\n" end }
  end,
  tsv = function() return { header = TSV_HEADER, write = tsv_rows } end,
  text = function() return { write = text_summary } end,
  html = html_writer,
}

--- Does format `name` make a file of its own for each input?
function formats.per_input(name)
  return name == "html"
end

--- The writer of format `name` (for several documents when `several`),
-- or nil and a message.
function formats.get(name, several)
  local make = WRITERS[name]
  if not make then return nil, ("unknown format '%s'"):format(tostring(name)) end
  return make(several)
end

return formats
