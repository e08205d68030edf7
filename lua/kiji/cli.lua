--- kiji.cli: the `kiji` command line as a module.
--
--   local status = require("kiji.cli").main(arg, {stdin = io.stdin,
--     stdout = io.stdout, stderr = io.stderr})
--
-- `main` never calls os.exit: it returns the exit status (0 success, 1 some
-- inputs failed, 2 usage error), so it can be tested in process. `argv` is
-- Lua's `arg` table (argv[1] is the command). The streams need only
-- `write` (stdout, stderr) and `read` (stdin); `io_streams.progress`
-- (boolean) forces the progress bar on or off, which otherwise appears only
-- when the real stderr is a terminal and there is more than one input.
-- Runs on Lua 5.1-5.4 and LuaJIT; needs nothing but kiji (and lua-cjson
-- for --input jsonl, kiji.html for --format html).
local kiji = require "kiji"

local cli = {}

local USAGE = {
  main = "usage: kiji annotate|normalize|sentences|dict [ARGS...]  (kiji --help for more)",
  annotate = "usage: kiji annotate [FILE...|-] [--format jsonl|json|tsv|text|html] [--dict FILE]... "
    .. "[--lang auto|en|ja] [--invalid replace|error] [--input text|jsonl] [-o OUT]",
  normalize = "usage: kiji normalize [FILE|-] [--form match|nfc|nfd|nfkc|nfkd] [--invalid replace|error] [-o OUT]",
  sentences = "usage: kiji sentences [FILE|-] [--lang auto|en|ja|root] [--invalid replace|error] [-o OUT]",
  dict = "usage: kiji dict compile IN.tsv OUT.kdict | kiji dict lint IN.tsv",
}

local HELP = [[
kiji %s: officials, outlets, denials and attributions in English and
Japanese news.

usage:
  kiji annotate [FILE...|-] [options]   annotate texts (stdin without FILE)
  kiji normalize [FILE|-] [--form F]    print the normalized text
  kiji sentences [FILE|-] [--lang L]    one sentence a line: start TAB end TAB text
  kiji dict compile IN.tsv OUT.kdict    compile a TSV dictionary
  kiji dict lint IN.tsv                 check a TSV dictionary, print its entry count
  kiji --help | --version | --pandoc-filter

annotate options:
  -f, --format F    jsonl (default): one SCHEMA.md document a line, "id" = the
                    file name as given (the record's id with --input jsonl);
                    json: each document indented; tsv: a header, then one line
                    per official, outlet, denial and attribution; text: a
                    readable summary; html: a page per input (kiji.html)
  -d, --dict FILE   extra dictionary: a TSV file, or a .kdict from
                    `kiji dict compile` (repeatable)
  -l, --lang L      auto (default: each sentence by its script), en or ja
  --invalid I       replace (default: invalid UTF-8 becomes U+FFFD) or error
                    (an input with invalid UTF-8 fails)
  --input I         text (default): each FILE is one text; jsonl: each line of
                    the input is a record {"id": ..., "text": ...}, streamed
  -o, --output OUT  write to OUT instead of stdout; with --format html, OUT is
                    a directory that gets OUT/NAME.html for each input

Offsets in json, jsonl, tsv and sentences output are 0-based byte offsets,
half-open (start..end), into the original input. Exit status: 0 success,
1 some inputs failed (each named on stderr; the others are still written),
2 usage error. See kiji(1).
]]

------------------------------------------------------------------ helpers

local function usage_error(S, which, msg)
  S.stderr:write("kiji: ", msg, "\n", USAGE[which] or USAGE.main, "\n")
  return 2
end

-- Option parsing. spec maps an option name ("format") to
-- {arg = true, multi = true, values = {...}}; aliases maps "-f" and
-- "--format" to the name. "--opt=value" works for long options; "--"
-- ends the options; "-" is an operand (stdin).
local function parse(argv, first, spec, aliases)
  local opts, operands = {}, {}
  local i = first
  local n = #argv
  while i <= n do
    local a = argv[i]
    if a == "--" then
      for j = i + 1, n do operands[#operands + 1] = argv[j] end
      break
    elseif a:sub(1, 1) == "-" and a ~= "-" then
      local flag, inline = a, nil
      local eq = a:find("=", 1, true)
      if a:sub(1, 2) == "--" and eq then
        flag, inline = a:sub(1, eq - 1), a:sub(eq + 1)
      end
      local name = aliases[flag]
      if not name then return nil, ("unknown option '%s'"):format(flag) end
      local s = spec[name]
      local value = true
      if s.arg then
        if inline then
          value = inline
        else
          i = i + 1
          value = argv[i]
          if value == nil then return nil, ("option '%s' needs an argument"):format(flag) end
        end
        if s.values then
          local okv = false
          for _, v in ipairs(s.values) do if v == value then okv = true end end
          if not okv then
            return nil, ("bad value '%s' for '%s' (%s)"):format(value, flag, table.concat(s.values, ", "))
          end
        end
      elseif inline then
        return nil, ("option '%s' takes no argument"):format(flag)
      end
      if s.multi then
        opts[name] = opts[name] or {}
        table.insert(opts[name], value)
      else
        opts[name] = value
      end
    else
      operands[#operands + 1] = a
    end
    i = i + 1
  end
  return opts, operands
end

-- Read a whole input: a path, or "-" for the stdin stream.
local function read_input(S, path)
  if path == "-" then
    local text, err = S.stdin:read("*a")
    if not text then return nil, "-: " .. tostring(err) end
    return text
  end
  local f, err = io.open(path, "rb")
  if not f then return nil, err end
  local text, rerr = f:read("*a")
  f:close()
  if not text then return nil, path .. ": " .. tostring(rerr) end
  return text
end

local function file_size(path)
  if path == "-" then return nil end
  local f = io.open(path, "rb")
  if not f then return nil end
  local size = f:seek("end")
  f:close()
  return size
end

-- Output: a file opened for -o, else stdout.
local function open_output(S, path)
  if not path or path == "-" then return S.stdout, false end
  local f, err = io.open(path, "wb")
  if not f then return nil, err end
  return f, true
end

-- Write data to path (or stdout) and close what was opened: 0, or 1 with
-- the reason on stderr.
local function write_output(S, path, data)
  local out, owned = open_output(S, path)
  if not out then S.stderr:write("kiji: cannot write ", tostring(owned), "\n") return 1 end
  local okw, werr = out:write(data)
  if owned then
    local okc, cerr = out:close()
    if okw and not okc then okw, werr = nil, cerr end
  end
  if not okw then S.stderr:write("kiji: cannot write: ", tostring(werr), "\n") return 1 end
  return 0
end

local function stderr_is_terminal(S)
  if S.progress ~= nil then return S.progress and true or false end
  if S.stderr ~= io.stderr then return false end
  local r = os.execute("[ -t 2 ]")
  return r == true or r == 0
end

local function shell_quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

-- TSV fields: backslash, TAB, LF and CR escaped as \\ \t \n \r.
local TSV_ESC = { ["\\"] = "\\\\", ["\t"] = "\\t", ["\n"] = "\\n", ["\r"] = "\\r" }
local function tsv_field(s)
  if s == nil then return "" end
  return (tostring(s):gsub("[\\\t\n\r]", TSV_ESC))
end

local function one_line(s, max)
  s = s:gsub("%s+", " ")
  if #s > max then
    local cut = max
    while cut > 1 and s:byte(cut + 1) and s:byte(cut + 1) >= 0x80 and s:byte(cut + 1) < 0xC0 do
      cut = cut - 1
    end
    s = s:sub(1, cut) .. "…"
  end
  return s
end

-- Indent the one-line JSON of kiji.json: an object or array holding no
-- other object or array stays on one line (spans, sentences).
local function pretty_json(s)
  local out, depth, pos, n = {}, 0, 1, #s
  local function string_end(p) -- p at the opening quote; returns the closing quote's index
    local q = p + 1
    while true do
      local k = s:find('["\\]', q)
      if not k then return n end
      if s:sub(k, k) == '"' then return k end
      q = k + 2
    end
  end
  local function leaf_end(p) -- p at { or [: its closing bracket if nothing nests inside
    local q = p + 1
    while true do
      local k = s:find('[%[%]{}"]', q)
      if not k then return nil end
      local c = s:sub(k, k)
      if c == '"' then
        q = string_end(k) + 1
      elseif c == "]" or c == "}" then
        return k
      else
        return nil
      end
    end
  end
  local function newline()
    out[#out + 1] = "\n" .. string.rep("  ", depth)
  end
  while pos <= n do
    local k = s:find('[%[%]{},:"]', pos)
    if not k then
      out[#out + 1] = s:sub(pos)
      break
    end
    out[#out + 1] = s:sub(pos, k - 1)
    local c = s:sub(k, k)
    if c == '"' then
      local e = string_end(k)
      out[#out + 1] = s:sub(k, e)
      pos = e + 1
    elseif c == "{" or c == "[" then
      local e = leaf_end(k)
      if e then
        out[#out + 1] = s:sub(k, e)
        pos = e + 1
      else
        out[#out + 1] = c
        depth = depth + 1
        newline()
        pos = k + 1
      end
    elseif c == "]" or c == "}" then
      depth = depth - 1
      newline()
      out[#out + 1] = c
      pos = k + 1
    elseif c == ":" then
      out[#out + 1] = ": "
      pos = k + 1
    else -- ","
      out[#out + 1] = ","
      newline()
      pos = k + 1
    end
  end
  return table.concat(out)
end

------------------------------------------------------------------ progress

-- A progress line on stderr, redrawn with \r, at most ten times a second.
-- Rates use os.clock (this process's CPU time: kiji is CPU-bound).
local function progress_new(S, enabled, unit, total_units, total_bytes)
  local p = { units = 0, bytes = 0, width = 0 }
  local t0 = os.clock()
  local last = -1
  local function human(b)
    if b < 1e3 then return ("%d B"):format(math.floor(b)) end
    if b < 1e6 then return ("%.1f kB"):format(b / 1e3) end
    if b < 1e9 then return ("%.1f MB"):format(b / 1e6) end
    return ("%.2f GB"):format(b / 1e9)
  end
  local function draw()
    local el = os.clock() - t0
    local rate = el > 0 and p.bytes / el or 0
    local parts = {}
    if total_bytes and total_bytes > 0 then
      local frac = math.min(p.bytes / total_bytes, 1)
      local w = 20
      local full = math.floor(frac * w + 0.5)
      parts[#parts + 1] = "[" .. string.rep("#", full) .. string.rep("-", w - full) .. "]"
    end
    if total_units then
      parts[#parts + 1] = ("%d/%d %s"):format(p.units, total_units, unit)
    else
      parts[#parts + 1] = ("%d %s"):format(p.units, unit)
    end
    if total_bytes and total_bytes > 0 then
      parts[#parts + 1] = human(p.bytes) .. " of " .. human(total_bytes)
    else
      parts[#parts + 1] = human(p.bytes)
    end
    parts[#parts + 1] = human(rate) .. "/s"
    if total_bytes and total_bytes > 0 and rate > 0 then
      local eta = math.max(total_bytes - p.bytes, 0) / rate
      parts[#parts + 1] = ("ETA %d:%02d"):format(math.floor(eta / 60), math.floor(eta % 60))
    end
    local line = table.concat(parts, "  ")
    local pad = p.width > #line and string.rep(" ", p.width - #line) or ""
    S.stderr:write("\r", line, pad)
    p.width = #line
  end
  function p.update(units, bytes, force)
    p.units, p.bytes = units, bytes
    if not enabled then return end
    local now = os.clock()
    if force or now - last >= 0.1 then
      last = now
      draw()
    end
  end
  function p.clear()
    if enabled and p.width > 0 then
      S.stderr:write("\r", string.rep(" ", p.width), "\r")
      p.width = 0
    end
  end
  function p.finish()
    if enabled then
      draw()
      S.stderr:write("\n")
      p.width = 0
    end
  end
  -- an error message: clears the bar first, which the next update redraws
  function p.report(msg)
    p.clear()
    S.stderr:write("kiji: ", msg, "\n")
  end
  return p
end

------------------------------------------------------------------ writers

local function text_summary(name, doc)
  local lines = {}
  local function add(s) lines[#lines + 1] = s end
  local function describe(m)
    local extra = {}
    if m.id then extra[#extra + 1] = m.id end
    if m.country then extra[#extra + 1] = m.country end
    extra[#extra + 1] = m.subtype
    return ("%s  [%s]  @%d"):format(m.text, table.concat(extra, ", "), m.start - 1)
  end
  add(("== %s: %d bytes, lang %s, %d sentences"):format(name or "-", doc.bytes, doc.lang, #doc.sentences))
  add("-- officials")
  for _, m in ipairs(doc.officials) do add("   " .. describe(m)) end
  add("-- outlets")
  for _, m in ipairs(doc.outlets) do add("   " .. describe(m)) end
  add("-- denials")
  for _, d in ipairs(doc.denials) do
    local line = ("   %s denied %s"):format(d.by and d.by.text or "(unnamed)",
      d.claim and one_line(d.claim.text, 70) or "(the claim is not in the sentence)")
    if d.reported_by then line = line .. (" (reported by %s)"):format(d.reported_by.text) end
    add(line .. ("  [cue: %s]"):format(d.cue.text))
  end
  add("-- attributions")
  for _, a in ipairs(doc.attributions) do
    add(("   %s: %s  [cue: %s]"):format(a.source and a.source.text or "(no source)",
      a.claim and one_line(a.claim.text, 70) or "-", a.cue.text))
  end
  add("")
  return table.concat(lines, "\n") .. "\n"
end

local TSV_HEADER = "input\tkind\tsubtype\tstart\tend\ttext\tid\tname\tcountry\tsentence\twho\tclaim\treported_by\n"

local function tsv_rows(name, doc)
  local rows = {}
  local function row(kind, subtype, span, id, dname, country, sentence, who, claim, reported_by)
    rows[#rows + 1] = table.concat({
      tsv_field(name), kind, tsv_field(subtype), tostring(span.start - 1), tostring(span.stop),
      tsv_field(span.text), tsv_field(id), tsv_field(dname), tsv_field(country),
      sentence and tostring(sentence) or "", tsv_field(who), tsv_field(claim), tsv_field(reported_by),
    }, "\t")
  end
  -- mentions in text order, officials and outlets merged
  local mentions = {}
  for _, m in ipairs(doc.officials) do mentions[#mentions + 1] = m end
  for _, m in ipairs(doc.outlets) do mentions[#mentions + 1] = m end
  table.sort(mentions, function(a, b)
    if a.start ~= b.start then return a.start < b.start end
    return a.stop < b.stop
  end)
  for _, m in ipairs(mentions) do
    row(m.kind, m.subtype, m, m.id, m.name, m.country, m.sentence and m.sentence - 1)
  end
  for _, d in ipairs(doc.denials) do
    row("denial", nil, d.cue, nil, nil, nil, d.sentence and d.sentence.index and d.sentence.index - 1,
      d.by and d.by.text, d.claim and d.claim.text, d.reported_by and d.reported_by.text)
  end
  for _, a in ipairs(doc.attributions) do
    row("attribution", nil, a.cue, nil, nil, nil, a.sentence and a.sentence.index and a.sentence.index - 1,
      a.source and a.source.text, a.claim and a.claim.text, nil)
  end
  if #rows == 0 then return "" end
  return table.concat(rows, "\n") .. "\n"
end

-- A file name for an html page: the base name without its extension (or
-- the record id), unsafe characters replaced, made unique.
local function page_name(name, used, from_record)
  local base = name
  if not from_record then
    if name == "-" then
      base = "stdin"
    else
      base = name:gsub("/+$", ""):match("([^/]*)$")
      base = base:gsub("(.)%.[^.]*$", "%1")
    end
  end
  base = base:gsub('[%c/\\:*?"<>|]', "_")
  if base == "" or base:sub(1, 1) == "." then base = "_" .. base end
  local candidate, k = base, 1
  while used[candidate] do
    k = k + 1
    candidate = base .. "-" .. k
  end
  used[candidate] = true
  return candidate .. ".html"
end

------------------------------------------------------------------ annotate

local ANNOTATE_SPEC = {
  format = { arg = true, values = { "jsonl", "json", "tsv", "text", "html" } },
  dict = { arg = true, multi = true },
  lang = { arg = true, values = { "auto", "en", "ja" } },
  invalid = { arg = true, values = { "replace", "error" } },
  input = { arg = true, values = { "text", "jsonl" } },
  output = { arg = true },
  help = {},
}
local ANNOTATE_ALIASES = {
  ["-f"] = "format", ["--format"] = "format", ["-d"] = "dict", ["--dict"] = "dict",
  ["-l"] = "lang", ["--lang"] = "lang", ["--invalid"] = "invalid", ["--input"] = "input",
  ["-o"] = "output", ["--output"] = "output", ["-h"] = "help", ["--help"] = "help",
}

local function load_dictionary(path)
  if path:match("%.kdict$") then
    return kiji.dictionary.load(path)
  end
  local f, err = io.open(path, "rb")
  if not f then return nil, err end
  f:close()
  return kiji.dictionary(path)
end

local function json_id(v)
  if type(v) == "string" then return v end
  if type(v) == "number" then
    if v == math.floor(v) and math.abs(v) < 2 ^ 53 then return ("%d"):format(v) end
    return tostring(v)
  end
  return nil
end

local function cmd_annotate(argv, S)
  local opts, files = parse(argv, 2, ANNOTATE_SPEC, ANNOTATE_ALIASES)
  if not opts then return usage_error(S, "annotate", files) end
  if opts.help then
    S.stdout:write(HELP:format(kiji.version))
    return 0
  end
  local format = opts.format or "jsonl"
  local input_kind = opts.input or "text"
  if #files == 0 then files = { "-" } end
  local nstdin = 0
  for _, f in ipairs(files) do if f == "-" then nstdin = nstdin + 1 end end
  if nstdin > 1 then return usage_error(S, "annotate", "stdin ('-') given more than once") end
  if format == "html" and not opts.output and (#files > 1 or input_kind == "jsonl") then
    return usage_error(S, "annotate", "--format html with several inputs needs -o DIR")
  end

  local html
  if format == "html" then
    local okh, mod = pcall(require, "kiji.html")
    if not okh then
      if tostring(mod):find("module 'kiji.html' not found", 1, true) then
        S.stderr:write("kiji: html output needs kiji.html (kiji/html.lua is not on package.path)\n")
      else
        S.stderr:write("kiji: html output needs kiji.html, which failed to load: ", tostring(mod), "\n")
      end
      return 1
    end
    if type(mod) ~= "table" or type(mod.render) ~= "function" then
      S.stderr:write("kiji: html output needs kiji.html with a render function\n")
      return 1
    end
    html = mod
  end

  local cjson
  if input_kind == "jsonl" then
    local okc, mod = pcall(require, "cjson.safe")
    if not okc then
      S.stderr:write("kiji: --input jsonl needs lua-cjson (module 'cjson.safe')\n")
      return 1
    end
    cjson = mod
  end

  local dictionaries
  if opts.dict then
    dictionaries = {}
    for _, path in ipairs(opts.dict) do
      local d, err = load_dictionary(path)
      if not d then
        S.stderr:write("kiji: dictionary ", err, "\n")
        return 1
      end
      dictionaries[#dictionaries + 1] = d
    end
  end
  local annotate_opts = { lang = opts.lang, invalid = opts.invalid, dictionaries = dictionaries }

  -- where the results go
  local out, close_out, outdir
  if format == "html" and opts.output then
    outdir = opts.output
    local okd = os.execute("mkdir -p " .. shell_quote(outdir))
    if not (okd == true or okd == 0) then
      S.stderr:write("kiji: cannot create directory ", outdir, "\n")
      return 1
    end
  else
    local err
    out, err = open_output(S, opts.output)
    if not out then
      S.stderr:write("kiji: cannot write ", tostring(err), "\n")
      return 1
    end
    close_out = err
  end

  local failed = 0
  local write_failed = nil
  local function emit(s)
    if write_failed then return end
    local okw, err = out:write(s)
    if not okw then write_failed = err or "write error" end
  end
  if format == "tsv" then emit(TSV_HEADER) end

  local used_pages = {}
  -- one text: annotate and write; returns true or nil, message
  local function process(name, text, from_record)
    local doc, err = kiji.annotate(text, annotate_opts)
    if not doc then return nil, err end
    if format == "jsonl" then
      emit(kiji.json(doc, name) .. "\n")
    elseif format == "json" then
      emit(pretty_json(kiji.json(doc, name)) .. "\n")
    elseif format == "tsv" then
      emit(tsv_rows(name or "", doc))
    elseif format == "text" then
      emit(text_summary(name, doc))
    else -- html
      local page, herr = html.render(text, doc, { title = name or "kiji" })
      if type(page) ~= "string" then return nil, "html: " .. tostring(herr or "render returned no page") end
      if outdir then
        local path = outdir .. "/" .. page_name(name or "document", used_pages, from_record)
        local f, ferr = io.open(path, "wb")
        if not f then return nil, ferr end
        local okw, werr = f:write(page)
        f:close()
        if not okw then return nil, path .. ": " .. tostring(werr) end
      else
        emit(page)
      end
    end
    return true
  end
  local function guarded(name, text, from_record)
    local okp, r, err = pcall(process, name, text, from_record)
    if not okp then return nil, tostring(r) end
    return r, err
  end

  local several = #files > 1 or input_kind == "jsonl"
  local show = several and stderr_is_terminal(S)
  local total_bytes
  if show then
    total_bytes = 0
    for _, f in ipairs(files) do
      if f == "-" then total_bytes = nil break end
      total_bytes = total_bytes + (file_size(f) or 0)
    end
  end

  if input_kind == "text" then
    local bar = progress_new(S, show, "files", #files, total_bytes)
    local done_bytes = 0
    for i, path in ipairs(files) do
      local text, err = read_input(S, path)
      if text then
        local okp, perr = guarded(path, text, false)
        if not okp then
          failed = failed + 1
          bar.report(path .. ": " .. tostring(perr))
        end
        done_bytes = done_bytes + #text
      else
        failed = failed + 1
        bar.report(tostring(err))
      end
      if write_failed then break end
      bar.update(i, done_bytes)
    end
    if show then bar.finish() end
  else
    local bar = progress_new(S, show, "records", nil, total_bytes)
    local records, done_bytes = 0, 0
    for _, path in ipairs(files) do
      local f, err, display
      if path == "-" then
        f, display = S.stdin, "-"
      else
        f, err = io.open(path, "rb")
        display = path
      end
      if not f then
        failed = failed + 1
        bar.report(tostring(err))
      else
        local lineno = 0
        while true do
          local line, rerr = f:read("*l")
          if line == nil then
            if rerr then
              failed = failed + 1
              bar.report(display .. ": " .. tostring(rerr))
            end
            break
          end
          lineno = lineno + 1
          done_bytes = done_bytes + #line + 1
          if line:find("[^ \t\r]") then
            local rec, derr = cjson.decode(line)
            local id, text, problem
            if rec == nil then
              problem = "bad record: " .. tostring(derr)
            elseif type(rec) ~= "table" or (rec[1] ~= nil and rec.text == nil) then
              problem = "bad record: not a JSON object"
            else
              text = rec.text
              if type(text) ~= "string" then
                problem = 'bad record: no "text" string'
              elseif rec.id ~= nil and rec.id ~= cjson.null and not json_id(rec.id) then
                problem = 'bad record: "id" must be a string or a number'
              else
                id = json_id(rec.id)
              end
            end
            if not problem then
              local okp, perr = guarded(id, text, true)
              if not okp then problem = (id and ("id " .. id .. ": ") or "") .. tostring(perr) end
            end
            records = records + 1
            if problem then
              failed = failed + 1
              bar.report(("%s:%d: %s"):format(display, lineno, problem))
            end
            if write_failed then break end
            bar.update(records, done_bytes)
          end
        end
        if f ~= S.stdin then f:close() end
      end
      if write_failed then break end
    end
    bar.update(records, done_bytes)
    if show then bar.finish() end
  end

  if close_out then
    local okc, cerr = out:close()
    if not okc and not write_failed then write_failed = cerr or "close failed" end
  end
  if write_failed then
    S.stderr:write("kiji: cannot write ", opts.output or "stdout", ": ", tostring(write_failed), "\n")
    return 1
  end
  return failed > 0 and 1 or 0
end

------------------------------------------------------------------ normalize, sentences

local function single_input(S, which, files)
  if #files > 1 then return nil, usage_error(S, which, "one input at most") end
  return files[1] or "-"
end

local function cmd_normalize(argv, S)
  local opts, files = parse(argv, 2, {
    form = { arg = true, values = { "match", "nfc", "nfd", "nfkc", "nfkd" } },
    invalid = { arg = true, values = { "replace", "error" } },
    output = { arg = true }, help = {},
  }, { ["--form"] = "form", ["--invalid"] = "invalid", ["-o"] = "output", ["--output"] = "output",
       ["-h"] = "help", ["--help"] = "help" })
  if not opts then return usage_error(S, "normalize", files) end
  if opts.help then S.stdout:write(USAGE.normalize, "\n") return 0 end
  local path, status = single_input(S, "normalize", files)
  if not path then return status end
  local text, err = read_input(S, path)
  if not text then S.stderr:write("kiji: ", err, "\n") return 1 end
  local form = opts.form or "match"
  local norm, nerr = kiji.normalize(text, { form = form, invalid = opts.invalid, map = false })
  if not norm then S.stderr:write("kiji: ", path, ": ", tostring(nerr), "\n") return 1 end
  -- the match form never ends with white space: end the line for it
  return write_output(S, opts.output, norm .. ((form == "match" and #norm > 0) and "\n" or ""))
end

local function cmd_sentences(argv, S)
  local opts, files = parse(argv, 2, {
    lang = { arg = true, values = { "auto", "en", "ja", "root" } },
    invalid = { arg = true, values = { "replace", "error" } },
    output = { arg = true }, help = {},
  }, { ["-l"] = "lang", ["--lang"] = "lang", ["--invalid"] = "invalid", ["-o"] = "output",
       ["--output"] = "output", ["-h"] = "help", ["--help"] = "help" })
  if not opts then return usage_error(S, "sentences", files) end
  if opts.help then S.stdout:write(USAGE.sentences, "\n") return 0 end
  local path, status = single_input(S, "sentences", files)
  if not path then return status end
  local text, err = read_input(S, path)
  if not text then S.stderr:write("kiji: ", err, "\n") return 1 end
  local spans, serr = kiji.sentences(text, { locale = opts.lang, invalid = opts.invalid })
  if not spans then S.stderr:write("kiji: ", path, ": ", tostring(serr), "\n") return 1 end
  local buf = {}
  for i, s in ipairs(spans) do
    buf[i] = ("%d\t%d\t%s\n"):format(s.start - 1, s.stop, tsv_field(s.text))
  end
  return write_output(S, opts.output, table.concat(buf))
end

------------------------------------------------------------------ dict

-- Every bad line of a TSV dictionary: the library stops at the first, so
-- the lines are checked in chunks, each bad line blanked (which keeps the
-- numbering) and the chunk checked again.
local function lint_tsv(path, text)
  local core = require "kiji.core"
  local errors = {}
  local lines = {}
  local pos = 1
  while pos <= #text do
    local nl = text:find("\n", pos, true)
    if not nl then
      lines[#lines + 1] = text:sub(pos)
      break
    end
    lines[#lines + 1] = text:sub(pos, nl - 1)
    pos = nl + 1
  end
  local CHUNK = 2000
  for first = 1, #lines, CHUNK do
    local chunk = {}
    for j = first, math.min(first + CHUNK - 1, #lines) do chunk[#chunk + 1] = lines[j] end
    local tries = 0
    while true do
      local d, err = core.dictionary_tsv(table.concat(chunk, "\n"), path)
      if d then break end
      local rest = err:sub(#path + 2)
      local n, why = rest:match("^line (%d+): (.*)$")
      n = tonumber(n)
      tries = tries + 1
      if not n or not chunk[n] or chunk[n] == "" or tries > #chunk then
        errors[#errors + 1] = err
        break
      end
      errors[#errors + 1] = ("%s:line %d: %s"):format(path, first + n - 1, why)
      chunk[n] = ""
    end
  end
  return errors
end

local function cmd_dict(argv, S)
  local sub = argv[2]
  local opts, operands = parse(argv, 3, { help = {} }, { ["-h"] = "help", ["--help"] = "help" })
  if not opts then return usage_error(S, "dict", operands) end
  if sub == "-h" or sub == "--help" or opts.help then S.stdout:write(USAGE.dict, "\n") return 0 end
  if sub == "compile" then
    if #operands ~= 2 then return usage_error(S, "dict", "dict compile needs IN.tsv and OUT.kdict") end
    local d, err = kiji.dictionary(operands[1])
    if not d then S.stderr:write("kiji: ", err, "\n") return 1 end
    local oks, serr = d:save(operands[2])
    if not oks then S.stderr:write("kiji: ", tostring(serr), "\n") return 1 end
    S.stdout:write(("%s: %d entries compiled into %s\n"):format(operands[1], #d, operands[2]))
    return 0
  elseif sub == "lint" then
    if #operands ~= 1 then return usage_error(S, "dict", "dict lint needs one IN.tsv") end
    local path = operands[1]
    local text, err = read_input(S, path)
    if not text then S.stderr:write("kiji: ", err, "\n") return 1 end
    local d = require("kiji.core").dictionary_tsv(text, path)
    if d then
      S.stdout:write(("%s: %d entries\n"):format(path, #d))
      return 0
    end
    local errors = lint_tsv(path, text)
    for _, e in ipairs(errors) do S.stdout:write(e, "\n") end
    S.stdout:write(("%s: %d error%s\n"):format(path, #errors, #errors == 1 and "" or "s"))
    return 1
  elseif sub == nil then
    return usage_error(S, "dict", "dict needs a subcommand (compile, lint)")
  else
    return usage_error(S, "dict", ("unknown dict subcommand '%s'"):format(sub))
  end
end

------------------------------------------------------------------ main

local function searchpath(name, path)
  if package.searchpath then return package.searchpath(name, path) end
  local file = name:gsub("%.", "/")
  for template in path:gmatch("[^;]+") do
    local candidate = template:gsub("%?", file)
    local f = io.open(candidate, "rb")
    if f then f:close() return candidate end
  end
  return nil
end

local function absolute(path)
  if path:sub(1, 1) == "/" then return path end
  local p = io.popen("pwd")
  local cwd = p and p:read("*l")
  if p then p:close() end
  if not cwd then return path end
  path = path:gsub("^%./", "")
  return cwd .. "/" .. path
end

function cli.main(argv, io_streams)
  argv = argv or {}
  local S = {}
  io_streams = io_streams or {}
  S.stdin = io_streams.stdin or io.stdin
  S.stdout = io_streams.stdout or io.stdout
  S.stderr = io_streams.stderr or io.stderr
  S.progress = io_streams.progress
  local cmd = argv[1]
  if cmd == nil then return usage_error(S, "main", "no command") end
  if cmd == "-h" or cmd == "--help" or cmd == "help" then
    S.stdout:write(HELP:format(kiji.version))
    return 0
  elseif cmd == "-V" or cmd == "--version" then
    S.stdout:write("kiji ", kiji.version, "\n")
    return 0
  elseif cmd == "--pandoc-filter" then
    local path = searchpath("kiji.pandoc", package.path)
    if not path then
      S.stderr:write("kiji: kiji/pandoc.lua is not on package.path\n")
      return 1
    end
    S.stdout:write(absolute(path), "\n")
    return 0
  elseif cmd == "annotate" then
    return cmd_annotate(argv, S)
  elseif cmd == "normalize" then
    return cmd_normalize(argv, S)
  elseif cmd == "sentences" then
    return cmd_sentences(argv, S)
  elseif cmd == "dict" then
    return cmd_dict(argv, S)
  elseif cmd:sub(1, 1) == "-" then
    return usage_error(S, "main", ("unknown option '%s'"):format(cmd))
  end
  return usage_error(S, "main", ("unknown command '%s'"):format(cmd))
end

-- for the tests
cli._pretty_json = pretty_json
cli._tsv_field = tsv_field

return cli
