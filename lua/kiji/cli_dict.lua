--- kiji.cli_dict: `kiji dict compile IN.tsv OUT.kdict` and `kiji dict
-- lint IN.tsv`, run by kiji.cli with the operands after the subcommand.
local cli_io = require "kiji.cli_io"
local core = require "kiji.core"

local M = {}

--- The kinds annotate reads, in the order of the lexicon generator
-- (plugin/gen/lexicon_gen.c, which cli.t holds this list to), each with
-- the subtypes its rules know; an entry of another kind is never read.
-- A word's subtypes are the classes of the rules' words (kiji.core's
-- word_classes: annotate/word_classes.h).
M.KINDS = {
  { name = "outlet", subtypes = { "agency", "newspaper", "broadcaster", "magazine", "online" } },
  { name = "body", subtypes = { "government", "ministry", "agency", "military", "office", "embassy", "police",
                                "local", "generic" } },
  { name = "title", subtypes = { "head", "minister", "deputy", "spokesperson", "ambassador", "military",
                                 "secretary", "governor", "senior", "generic" } },
  { name = "country", subtypes = { "country", "capital", "prefecture", "region" } },
  { name = "org", subtypes = { "party", "company", "sport", "intl", "legislature" } },
  { name = "generic", subtypes = { "outlet", "official" } },
  { name = "source", subtypes = { "anonymous" } },
  { name = "outlet_prefix", subtypes = {} },
  { name = "outlet_suffix", subtypes = { "agency", "newspaper", "broadcaster", "magazine", "online" } },
  { name = "modifier", subtypes = { "rank", "field" } },
  { name = "cue", needs_subtype = true,
    subtypes = { "denial_verb", "denial_noun", "denial_pred", "denial_ja", "attrib_verb", "attrib_prep",
                 "attrib_ja_source", "attrib_ja_verb", "trap", "negation", "deny_object" } },
  { name = "word", needs_subtype = true, subtypes = core.word_classes },
  { name = "date", needs_subtype = true,
    subtypes = { "month", "weekday", "era", "era_year", "rel_day", "rel_week", "rel_month", "rel_year",
                 "part", "daypart" } },
}

-- The payload keys annotate reads (ann_hits.c; a word's: words.c).
-- bases=a,b: the ids of the general records this one is its country's
-- own of (nationals.c; the lexicon generator derives them).
local KEYS = { "subtype", "country", "name", "bases" }
local WORD_KEYS = { "subtype", "classes" }

local function set_of(list)
  local set = {}
  for _, v in ipairs(list) do set[v] = true end
  return set
end

local KIND, KIND_NAMES = {}, {}
for i, k in ipairs(M.KINDS) do
  KIND[k.name] = k
  KIND_NAMES[i] = k.name
  k.set, k.keys = set_of(k.subtypes), set_of(k.name == "word" and WORD_KEYS or KEYS)
  k.key_list = table.concat(k.name == "word" and WORD_KEYS or KEYS, ", ")
end
KIND_NAMES = table.concat(KIND_NAMES, ", ")

-- What annotate would not read in a line of a TSV dictionary that parses
-- (surface, kind, id, flags, payload), or nil.
local function unread(line)
  local fields = {}
  for f in (line .. "\t"):gmatch("([^\t]*)\t") do fields[#fields + 1] = f end
  local kind = KIND[fields[2]]
  if not kind then return ("kind '%s' is not one annotate reads (%s)"):format(fields[2], KIND_NAMES) end
  local subtypes = table.concat(kind.subtypes, ", ")
  local has_subtype = false
  for item in (fields[5] or ""):gmatch("[^;]+") do
    local key, value = item:match("^([^=]*)=(.*)$")
    if not (key and kind.keys[key]) then
      return ("payload key '%s' is not one annotate reads (%s)"):format(key or item, kind.key_list)
    elseif key == "country" and not value:match("^%u%u$") then
      return ("country=%s: an ISO 3166 alpha-2 code in capitals (JP, US...) is wanted"):format(value)
    elseif key == "subtype" or key == "classes" then
      local many = kind.name == "word" and "[^,]+" or ".+"
      for v in value:gmatch(many) do
        if not kind.set[v] then
          if #kind.subtypes == 0 then return ("%s takes no subtype"):format(kind.name) end
          return ("subtype '%s' is not one of %s's (%s)"):format(v, kind.name, subtypes)
        end
        has_subtype = true
      end
    end
  end
  if kind.needs_subtype and not has_subtype then
    if kind.name == "word" then
      return ("a word needs its class: subtype=CLASS or classes=A,B (%s)"):format(subtypes)
    end
    return ("a %s needs subtype=SUBTYPE (%s)"):format(kind.name, subtypes)
  end
  return nil
end

local function split_lines(text)
  local lines, pos = {}, 1
  while pos <= #text do
    local nl = text:find("\n", pos, true)
    if not nl then
      lines[#lines + 1] = text:sub(pos)
      break
    end
    lines[#lines + 1] = text:sub(pos, nl - 1)
    pos = nl + 1
  end
  return lines
end

-- The errors of lines[first..first + CHUNK), each {line number, message}
-- (the number nil when the library names none): the library stops at the
-- first bad line, which is blanked (keeping the numbering) and the chunk
-- checked again.
local CHUNK = 2000
local function lint_chunk(path, lines, first, errors)
  local core = require "kiji.core"
  local chunk = {}
  for j = first, math.min(first + CHUNK - 1, #lines) do chunk[#chunk + 1] = lines[j] end
  local tries = 0
  while true do
    local d, err = core.dictionary_tsv(table.concat(chunk, "\n"), path)
    if d then return end
    local n, why = err:sub(#path + 2):match("^line (%d+): (.*)$")
    n = tonumber(n)
    tries = tries + 1
    if not n or not chunk[n] or chunk[n] == "" or tries > #chunk then
      errors[#errors + 1] = { nil, err }
      return
    end
    errors[#errors + 1] = { first + n - 1, why }
    chunk[n] = ""
  end
end

-- Every bad line of a TSV dictionary: the lines the library refuses
-- (checked in chunks), then those it takes but annotate would not read;
-- in line order.
local function lint_tsv(path, text, parses)
  local errors, lines = {}, split_lines(text)
  if not parses then
    for first = 1, #lines, CHUNK do lint_chunk(path, lines, first, errors) end
  end
  local bad = {}
  for _, e in ipairs(errors) do if e[1] then bad[e[1]] = true end end
  for n, line in ipairs(lines) do
    line = line:gsub("\r$", "")
    local why = not bad[n] and line ~= "" and line:sub(1, 1) ~= "#" and unread(line)
    if why then errors[#errors + 1] = { n, why } end
  end
  table.sort(errors, function(a, b) return (a[1] or math.huge) < (b[1] or math.huge) end)
  for i, e in ipairs(errors) do errors[i] = e[1] and ("%s:line %d: %s"):format(path, e[1], e[2]) or e[2] end
  return errors
end

-- The text of the TSV dictionary `path` that `dict sub` reads, or nil and
-- the exit status: a compiled dictionary (its header, or its name: --dict
-- loads a .kdict as one) is a usage error.
local function read_tsv(S, path, sub)
  local text, err = cli_io.read_input(S, path)
  if not text then S.stderr:write("kiji: ", err, "\n") return nil, 1 end
  if text:sub(1, 8) == "KIJIDICT" or path:match("%.kdict$") then
    return nil, S.usage(("%s is a compiled dictionary (.kdict): dict %s wants the TSV it is compiled from"
      .. " (surface TAB kind [TAB id [TAB flags [TAB payload]]])"):format(path, sub))
  end
  return text
end

local function compile(S, operands)
  if #operands ~= 2 then return S.usage("dict compile needs IN.tsv and OUT.kdict") end
  local text, status = read_tsv(S, operands[1], "compile")
  if not text then return status end
  local d, err = require("kiji.core").dictionary_tsv(text, operands[1])
  if not d then S.stderr:write("kiji: ", err, "\n") return 1 end
  local oks, serr = d:save(operands[2])
  if not oks then S.stderr:write("kiji: ", tostring(serr), "\n") return 1 end
  S.stdout:write(("%s: %s compiled into %s\n"):format(operands[1], cli_io.count(#d, "entry", "entries"), operands[2]))
  return 0
end

local function lint(S, operands)
  if #operands ~= 1 then return S.usage("dict lint needs one IN.tsv") end
  local path = operands[1]
  local text, status = read_tsv(S, path, "lint")
  if not text then return status end
  local d = require("kiji.core").dictionary_tsv(text, path)
  local errors = lint_tsv(path, text, d ~= nil)
  if #errors == 0 then
    S.stdout:write(("%s: %s\n"):format(path, cli_io.count(#d, "entry", "entries")))
    return 0
  end
  for _, e in ipairs(errors) do S.stdout:write(e, "\n") end
  S.stdout:write(("%s: %s\n"):format(path, cli_io.count(#errors, "error")))
  return 1
end

function M.run(S, _, operands, argv)
  local sub = argv[2]
  if sub == "compile" then return compile(S, operands) end
  if sub == "lint" then return lint(S, operands) end
  if sub == nil then return S.usage("dict needs a subcommand (compile, lint)") end
  return S.usage(("unknown dict subcommand '%s'"):format(sub))
end

return M
