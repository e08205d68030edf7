--- kiji.cli_annotate: `kiji annotate [FILE...|-] [options]`, run by
-- kiji.cli with the options it parsed: each input (a file, stdin, or each
-- record of JSON Lines with --input jsonl) annotated and written in the
-- format of --format (kiji.formats) to stdout, to the file -o OUT, or,
-- for a format of one file per input (html), into the directory -o OUT.
local kiji = require "kiji"
local core = require "kiji.core"
local cli_io = require "kiji.cli_io"
local feed_date = require "kiji.feed_date"
local formats = require "kiji.formats"
local interrupt = require "kiji.interrupt"

local M = {}

------------------------------------------------------------------ outputs

-- A file name for a page: the base name without its extension (or the
-- record id), unsafe characters replaced, made unique among `used`.
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

-- A sink takes what a writer made: sink.put(name, from_record, data) gives
-- true, or nil and why that input failed; sink.failed is set when the
-- stream cannot be written (which stops the command); sink.close() gives
-- sink.failed after closing what is ours. sink.before(), when set, runs
-- before each write (the progress line erased from the same terminal).
-- sink.file, when set, is the io file it writes to (--jobs writes there
-- from C).
local function stream_sink(out, owned)
  local sink = { stdout = not owned, file = io.type(out) == "file" and out or nil }
  function sink.put(_, _, data)
    if not sink.failed then
      if sink.before then sink.before() end
      local okw, err = out:write(data)
      if not okw then sink.failed = err or "write error" end
      if sink.before then out:flush() end
    end
    return true
  end
  function sink.close()
    -- stdout is flushed here, not at exit, where a failure goes unsaid
    local okc, cerr
    if owned then okc, cerr = out:close() else okc, cerr = out:flush() end
    if not okc and not sink.failed then sink.failed = cerr or "close failed" end
    return sink.failed
  end
  return sink
end

-- One file a document, DIR/NAME.html (written as -o OUT is).
local function directory_sink(S, dir)
  local used = {}
  local sink = { close = function() return nil end }
  function sink.put(name, from_record, data)
    local path = dir .. "/" .. page_name(name or "document", used, from_record)
    local f, ferr = cli_io.open_output(S, path)
    if not f then return nil, ferr end
    local okw, werr = f:write(data)
    local okc, cerr = f:close()
    if not (okw and okc) then return nil, path .. ": " .. tostring(werr or cerr) end
    return true
  end
  return sink
end

-- For a format of one file per input: the directory -o OUT names (when
-- there are several inputs, or OUT is a directory or ends with "/"), nil
-- for one file or stdout, or false and the usage error.
local function pages_directory(job)
  local out = job.output
  local kind = out and cli_io.path_kind(out)
  if kind == "directory" then return out end
  if not job.several and not (out and out:sub(-1) == "/") then return nil end
  if not out then return false, "--format html with several inputs needs -o DIR" end
  if not kind then return out end -- made when missing
  if not job.several then return false, ("-o %s is not a directory"):format(out) end
  return false, ("-o %s is not a directory: --format html with %s writes one page for each %s into -o DIR")
    :format(out, job.input == "jsonl" and "--input jsonl" or "several inputs",
            job.input == "jsonl" and "record" or "input")
end

-- The sink of the job, or nil and the exit status (the reason written).
local function open_sink(S, job)
  if job.pages_dir then
    local okd, err = cli_io.make_directory(job.pages_dir)
    if not okd then S.stderr:write("kiji: ", err, "\n") return nil, 1 end
    return directory_sink(S, job.pages_dir)
  end
  local out, owned = cli_io.open_output(S, job.output)
  if not out then S.stderr:write("kiji: cannot write ", tostring(owned), "\n") return nil, 1 end
  return stream_sink(out, owned)
end

------------------------------------------------------------------ the job

local function load_dictionary(path)
  if path:match("%.kdict$") then return kiji.dictionary.load(path) end
  local f, err = io.open(path, "rb")
  if not f then return nil, err end
  f:close()
  return kiji.dictionary(path)
end

-- The --dict dictionaries (nil without), or nil and the exit status.
local function load_dictionaries(S, paths)
  if not paths then return nil end
  local list = {}
  for _, path in ipairs(paths) do
    local d, err = load_dictionary(path)
    if not d then
      S.stderr:write("kiji: dictionary ", err, "\n")
      return nil, 1
    end
    list[#list + 1] = d
  end
  return list
end

-- What the options ask for, checked and loaded: the job, or nil and the
-- exit status.
local function prepare(S, opts, files)
  local job = { input = opts.input or "text", failed = 0, written = 0, files = #files > 0 and files or { "-" } }
  local format = opts.format or "jsonl"
  local nstdin = 0
  for _, f in ipairs(job.files) do if f == "-" then nstdin = nstdin + 1 end end
  if nstdin > 1 then return nil, S.usage("stdin ('-') given more than once") end
  job.several = #job.files > 1 or job.input == "jsonl"
  if opts.jobs then
    local n = tonumber(opts.jobs)
    if not (n and n >= 0 and n <= 1024 and n == math.floor(n) and opts.jobs:match("^%d+$")) then
      return nil, S.usage(("bad value '%s' for '--jobs' (a whole number from 0 to 1024)"):format(opts.jobs))
    end
    job.jobs = n
  end
  job.output = opts.output ~= "-" and opts.output or nil
  if formats.per_input(format) then
    local dir, why = pages_directory(job)
    if dir == false then return nil, S.usage(why) end
    job.pages_dir = dir
  end
  if not job.pages_dir then
    local refused = cli_io.refuse_input_as_output(S, job.output, job.files)
    if refused then return nil, refused end
  end
  local writer, werr = formats.get(format, job.several)
  if not writer then S.stderr:write("kiji: ", werr, "\n") return nil, 1 end
  job.writer = writer
  if job.input == "jsonl" then
    local cjson = interrupt.cjson_safe()
    if not cjson then
      S.stderr:write("kiji: --input jsonl needs lua-cjson (module 'cjson.safe')\n")
      return nil, 1
    end
    job.cjson = cjson
  end
  local dictionaries, status = load_dictionaries(S, opts.dict)
  if status then return nil, status end
  if opts.date and feed_date.day(opts.date) ~= opts.date then
    S.stderr:write("kiji: --date: expected a day as YYYY-MM-DD, got '", opts.date, "'\n")
    return nil, 2
  end
  job.annotate_opts = { lang = opts.lang, invalid = opts.invalid, dictionaries = dictionaries,
                        date = opts.date, source = opts.source }
  return job
end

-- The options of a record of --input jsonl: its own "date" (a day in any
-- form a feed writes one: kiji.feed_date) and "source" win over --date
-- and --source.
local function record_options(job, rec)
  local o = job.annotate_opts
  local rdate = rec and feed_date.day(rec.date)
  local rsource = rec and type(rec.source) == "string" and rec.source or nil
  if not (rdate or rsource) then return o end
  return { lang = o.lang, invalid = o.invalid, dictionaries = o.dictionaries,
           date = rdate or o.date, source = rsource or o.source }
end

-- Annotate one text and write it (after the writer's separator when one
-- is written already): true, or nil and a message. `record` is nil for a
-- text; for a record of --input jsonl, its fields when the writer keeps
-- them (formats.get), else false; `rec`, the record itself. A text
-- annotated already (--jobs) comes as its document, or as its JSON for a
-- writer with write_json (the record's fields in it, `record` nil).
local function annotate_write(job, name, text, record, rec, doc, json)
  if not (doc or json) then
    local aerr
    doc, aerr = kiji.annotate(text, record_options(job, rec))
    if not doc then return nil, aerr end
  end
  local data, werr
  if json then
    data = job.writer.write_json(json, record)
  else
    data, werr = job.writer.write(name, text, doc, record)
  end
  if not data then return nil, werr end
  if job.written > 0 and job.writer.separator then data = job.writer.separator .. data end
  local okp, perr = job.sink.put(name, record ~= nil, data)
  if okp then job.written = job.written + 1 end
  return okp, perr
end

-- The same, what it raises made a message; but SIGINT stops the run.
local function annotate_one(job, name, text, record, rec, doc, json)
  local okp, r, err = interrupt.pcall(annotate_write, job, name, text, record, rec, doc, json)
  if not okp then return nil, tostring(r) end
  return r, err
end

------------------------------------------------------------------ inputs

local function json_id(v)
  if type(v) == "string" then return v end
  if type(v) == "number" then
    if v == math.floor(v) and math.abs(v) < 2 ^ 53 then return ("%d"):format(v) end
    return tostring(v)
  end
  return nil
end

-- A member name of a record, as written (with its quotes), decoded.
local function member_name(cjson, written)
  if not written:find("\\", 1, true) then return written:sub(2, -2) end
  return cjson.decode(written)
end

-- The fields of a record the JSON writers keep (formats.get): its "id"
-- and its other members but "text" as written (so 7 stays 7, 0.1 stays
-- 0.1). A member that the document has too (lang, bytes...) is renamed
-- _NAME (__NAME when _NAME is taken...).
local function record_fields(cjson, line)
  local members, names, taken = formats.json_members(line), {}, {}
  for i, m in ipairs(members) do
    names[i] = member_name(cjson, m[1])
    taken[names[i]] = true
  end
  local own, fields, kept = formats.document_fields(), {}, {}
  for i, m in ipairs(members) do
    local name = names[i]
    if name == "id" then
      fields.id = m[2]
    elseif name ~= "text" then
      local key = m[1]
      if own[name] then
        repeat name = "_" .. name until not own[name] and not taken[name]
        taken[name] = true
        key = cjson.encode(name)
      end
      kept[#kept + 1] = key .. ":" .. m[2]
    end
  end
  fields.members = table.concat(kept, ",")
  return fields
end

-- The id and text of a line of JSON Lines, and the record's fields when
-- the writer keeps them; or nil, nil, nil and what is wrong.
local function decode_record(job, line)
  local rec, derr = job.cjson.decode(line)
  if rec == nil then return nil, nil, nil, "bad record: " .. tostring(derr) end
  if type(rec) ~= "table" or line:match("^%s*(.)") ~= "{" then
    return nil, nil, nil, "bad record: not a JSON object"
  end
  if type(rec.text) ~= "string" then return nil, nil, nil, 'bad record: no "text" string' end
  if rec.id ~= nil and rec.id ~= job.cjson.null and not json_id(rec.id) then
    return nil, nil, nil, 'bad record: "id" must be a string or a number'
  end
  return json_id(rec.id), rec.text, job.writer.records and record_fields(job.cjson, line) or false, nil,
    rec
end

-- The document's own member names, for the C reader
-- (kiji.core.jsonl_records).
local function own_names()
  local list = {}
  for name in pairs(formats.document_fields()) do list[#list + 1] = name end
  return list
end

-- What the C reader left for a record's "id" in messages: its value.
local function message_id(job, id_json)
  if not id_json then return nil end
  return json_id(job.cjson.decode(id_json))
end

-- The options of kiji.annotate_many: the job's, on `threads` threads,
-- giving JSON when `json`.
local function batch_options(job, threads, json)
  local o = job.annotate_opts
  return { lang = o.lang, invalid = o.invalid, dictionaries = o.dictionaries, threads = threads,
           date = o.date, source = o.source, json = json }
end

-- With a writer of JSON, a line the C reader takes as a plain record is
-- annotated into its JSON in C, the record's fields in it (no Lua
-- reader, no Lua tables): true, or nil and the problem; false when it is
-- not plain (decode_record's then).
local function annotate_plain(job, line)
  local recs = core.jsonl_records(line, job.own_names)
  if not recs.texts[1] then return false end
  local opts = batch_options(job, 1, true)
  opts.id_json, opts.members_json = recs.id_json, recs.members
  local okp, docs, errors = interrupt.pcall(kiji.annotate_many, recs.texts, opts)
  local perr = not okp and tostring(docs) or errors and errors[1]
  if not perr then
    local r, err = annotate_one(job, nil, recs.texts[1], nil, nil, nil, docs[1])
    if r then return true end
    perr = err
  end
  local id = message_id(job, recs.id_json[1])
  return nil, (id and ("id " .. id .. ": ") or "") .. tostring(perr)
end

-- FILEs are read a group at a time (at most GROUP_BYTES of text or
-- GROUP_FILES files), each group annotated (on job.jobs threads, else
-- one) and then written in order: memory follows the group, and a call
-- per group, not per file (a 1 KB file cost a third more alone).
local GROUP_BYTES, GROUP_FILES = 1024 * 1024, 256

-- The next group of FILEs from job.files[i]: {path, text or nil, err, k
-- (its text is texts[k])}..., texts, and the index after it.
local function read_group(S, job, i)
  local group, texts, bytes = {}, {}, 0
  while job.files[i] and #group < GROUP_FILES and bytes < GROUP_BYTES do
    local path = job.files[i]
    local text, err = cli_io.read_input(S, path)
    group[#group + 1] = { path = path, text = text, err = err, k = text and #texts + 1 }
    if text then texts[#texts + 1], bytes = text, bytes + #text end
    i = i + 1
  end
  return group, texts, i
end

-- Each FILE one text, named by its path (the JSON writers' "id"), a
-- group at a time. A writer of JSON gets each text's JSON made in C, with
-- no Lua tables between (they were half the CPU of a small text).
local function run_texts(S, job, bar)
  local done_bytes, done, i = 0, 0, 1
  local json = job.writer.write_json ~= nil
  while job.files[i] do
    local group, texts
    group, texts, i = read_group(S, job, i)
    local opts = batch_options(job, job.jobs or 1, json)
    if json then
      opts.ids = {}
      for _, item in ipairs(group) do if item.k then opts.ids[item.k] = item.path end end
    end
    local okp, docs, errors = interrupt.pcall(kiji.annotate_many, texts, opts)
    for _, item in ipairs(group) do
      local perr = item.err
      if item.text then
        local doc = okp and docs[item.k]
        if doc then
          local r, werr = annotate_one(job, item.path, item.text, nil, nil, not json and doc, json and doc)
          perr = not r and item.path .. ": " .. tostring(werr)
        else
          perr = item.path .. ": " .. tostring(not okp and docs or errors and errors[item.k])
        end
        done_bytes = done_bytes + #item.text
      end
      if perr then
        job.failed = job.failed + 1
        bar.report(tostring(perr))
      end
      if job.sink.failed then return end
      done = done + 1
      bar.update(done, done_bytes)
    end
  end
end

-- The records of one stream f (named `display` in messages), each
-- written as soon as it is read; counts: records and bytes so far.
local function run_stream(job, f, display, bar, counts)
  local lineno = 0
  local plain = job.writer.write_json ~= nil
  if plain then job.own_names = job.own_names or own_names() end
  while true do
    local line, rerr = f:read("*l")
    if line == nil then
      if rerr then
        job.failed = job.failed + 1
        bar.report(display .. ": " .. tostring(rerr))
      end
      return
    end
    lineno = lineno + 1
    counts.bytes = counts.bytes + #line + 1
    if line:find("[^ \t\r]") then
      local done, problem = false, nil
      if plain then done, problem = annotate_plain(job, line) end
      if done == false then
        local id, text, fields, rec
        id, text, fields, problem, rec = decode_record(job, line)
        if not problem then
          local okp, perr = annotate_one(job, id, text, fields, rec)
          if not okp then problem = (id and ("id " .. id .. ": ") or "") .. tostring(perr) end
        end
      end
      counts.records = counts.records + 1
      if problem then
        job.failed = job.failed + 1
        bar.report(("%s:%d: %s"):format(display, lineno, problem))
      end
      if job.sink.failed then return end
      bar.update(counts.records, counts.bytes)
    end
  end
end

-- --jobs: the records read in chunks of at most CHUNK_BYTES (or
-- CHUNK_RECORDS records), each chunk annotated by kiji.annotate_many on
-- job.jobs threads while the next ones are read and the one before
-- written: at most AHEAD + 1 chunks in memory (one with --jobs 1),
-- whatever the input's size.
local CHUNK_BYTES, CHUNK_RECORDS, AHEAD = 1024 * 1024, 1024, 2

-- The next chunk of f: {items = {lineno, upto, id, fields, problem, k}...,
-- texts = {...}} (item k's text is texts[k]), or nil after the last.
local function read_chunk(job, f, state)
  if state.eof then return nil end
  local chunk, bytes = { items = {}, texts = {}, dates = {}, sources = {} }, 0
  while bytes < CHUNK_BYTES and #chunk.items < CHUNK_RECORDS do
    local line, rerr = f:read("*l")
    if line == nil then
      state.eof, chunk.read_error = true, rerr
      break
    end
    state.lineno, state.bytes, bytes = state.lineno + 1, state.bytes + #line + 1, bytes + #line + 1
    if line:find("[^ \t\r]") then
      local id, text, fields, problem, rec = decode_record(job, line)
      local item = { lineno = state.lineno, upto = state.bytes, id = id, fields = fields, problem = problem }
      if not problem then
        local k, o = #chunk.texts + 1, record_options(job, rec)
        chunk.texts[k], chunk.dates[k], chunk.sources[k] = text, o.date, o.source
        item.k = k
      end
      chunk.items[#chunk.items + 1] = item
    end
  end
  chunk.upto = state.bytes
  return chunk
end

-- Start annotating a chunk: a pending batch (:wait() -> docs, errors).
-- For a JSON writer, the threads put each record's fields into its JSON.
local function start_chunk(job, chunk)
  local o = job.annotate_opts
  local json = job.writer.write_json ~= nil
  local opts = { lang = o.lang, invalid = o.invalid, dictionaries = o.dictionaries, threads = job.jobs,
                 dates = chunk.dates, sources = chunk.sources, json = json, async = job.jobs ~= 1 }
  if json then
    local ids, members = {}, {}
    for _, item in ipairs(chunk.items) do
      if item.k then ids[item.k], members[item.k] = item.fields.id, item.fields.members end
    end
    opts.id_json, opts.members_json = ids, members
  end
  local okp, pending, errors = interrupt.pcall(kiji.annotate_many, chunk.texts, opts)
  if okp and opts.async then return pending end
  if okp then return { wait = function() return pending, errors end } end
  return { wait = function() return {}, setmetatable({}, { __index = function() return tostring(pending) end }) end }
end

-- Write an annotated chunk in input order (a writer that is not the JSON
-- Lines one: that one's chunks are write_lines_chunk's); true when the
-- sink failed.
local function write_chunk(job, chunk, docs, errors, display, bar, counts)
  local json = job.writer.write_json ~= nil
  for _, item in ipairs(chunk.items) do
    local problem, id = item.problem, item.id
    if not problem then
      local doc = docs[item.k]
      local okp, perr
      if doc then
        okp, perr = annotate_one(job, id, chunk.texts[item.k], not json and item.fields or nil, nil,
                                  not json and doc, json and doc)
      else
        perr = errors and errors[item.k] or "not annotated"
      end
      if not okp then problem = (id and ("id " .. id .. ": ") or "") .. tostring(perr) end
    end
    counts.records, counts.bytes = counts.records + 1, item.upto
    if problem then
      job.failed = job.failed + 1
      bar.report(("%s:%d: %s"):format(display, item.lineno, problem))
    end
    if job.sink.failed then return true end
    bar.update(counts.records, counts.bytes)
  end
  counts.bytes = chunk.upto
  if chunk.read_error then
    job.failed = job.failed + 1
    bar.report(display .. ": " .. tostring(chunk.read_error))
  end
end

-- With the JSON Lines writer, a chunk is read in one piece and its plain
-- records in C (kiji.core.jsonl_records: the Lua reader cost a third of
-- all the work, on the thread that feeds the annotating ones); the lines
-- it leaves are read by decode_record, as without --jobs. A chunk is then
-- {texts, id_json, members, line_of, dates, sources, problems = {{lineno,
-- problem}...}, lines, bytes, read_error}.

-- Read a line the C reader left (decode_record), and put its record's
-- values, or its problem, at the end of chunk c.
local function add_record(job, c, lineno, line)
  local _, text, fields, problem, rec = decode_record(job, line)
  if problem then
    c.problems[#c.problems + 1] = { lineno, problem }
    return
  end
  local k, o = #c.texts + 1, record_options(job, rec)
  c.texts[k], c.id_json[k], c.members[k], c.line_of[k] = text, fields.id or false, fields.members, lineno
  c.dates[k], c.sources[k] = o.date, o.source
end

-- The C reader's records, with the lines it left read in Lua, in order.
local function merge_special(job, recs, c)
  local special, s = recs.special, 1
  for j = 0, #recs.texts do
    if j > 0 then
      local k = #c.texts + 1
      c.texts[k], c.id_json[k], c.members[k] = recs.texts[j], recs.id_json[j], recs.members[j]
      c.line_of[k] = recs.line_of[j]
    end
    while special[s] and special[s].after == j do
      add_record(job, c, special[s].line, special[s].raw)
      s = s + 1
    end
  end
end

-- f:read(n) gives nothing of what it read before an error: the whole
-- lines of f between offsets `at` and `upto` (where the error came), read
-- again as the Lua reader read them, or nil when there are none.
local function lines_before_error(f, at, upto)
  local lines, bytes = {}, 0
  while true do
    local line = f:read("*l")
    if not line or at + bytes + #line + 1 > upto then break end
    lines[#lines + 1], bytes = line, bytes + #line + 1
  end
  return lines[1] and table.concat(lines, "\n") .. "\n" or nil
end

-- The chunk of the lines `data` (nil when a read error, rerr, came
-- first): its plain records read in C, the lines the C reader leaves by
-- merge_special.
local function lines_chunk(job, state, data, rerr)
  local recs = core.jsonl_records(data or "", job.own_names)
  local c = { texts = recs.texts, id_json = recs.id_json, members = recs.members, line_of = recs.line_of,
              dates = {}, sources = {}, problems = {}, read_error = rerr, lines = recs.lines,
              bytes = data and #data or 0 }
  if #recs.special > 0 then
    c.texts, c.id_json, c.members, c.line_of = {}, {}, {}, {}
    merge_special(job, recs, c)
  end
  for k = 1, #c.line_of do c.line_of[k] = c.line_of[k] + state.lineno end
  for _, p in ipairs(c.problems) do p[1] = p[1] + state.lineno end
  state.lineno = state.lineno + recs.lines
  return c
end

-- A file's next chunk: CHUNK_BYTES, and the rest of the line they end in.
local function read_lines_chunk(job, f, state)
  if state.eof then return nil end
  local at = f:seek("cur")
  local data, rerr = f:read(CHUNK_BYTES)
  local upto = rerr and at and f:seek("cur")
  if upto and f:seek("set", at) then data = lines_before_error(f, at, upto) end
  if not (data or rerr) then
    state.eof = true
    return nil
  end
  if data and data:sub(-1) ~= "\n" then
    local rest
    rest, rerr = f:read("*l") -- the chunk's last line, whole
    if rest then
      data = data .. rest .. "\n"
    elseif rerr then
      data = data:match("^.*\n") or "" -- (not the line the error cut short)
    end
  end
  if not data or rerr then state.eof = true end
  return lines_chunk(job, state, data, rerr)
end

-- A pipe's next chunk from `reader` (kiji.core.line_reader): the whole
-- lines there already (waiting for one), at most CHUNK_BYTES of them: a
-- record is annotated as soon as it has come, and those that came
-- together in one call, as a file's are. With `nowait` (a chunk read
-- ahead), false when no whole line is there yet.
local function read_pipe_chunk(job, reader, state, nowait)
  if state.eof then return nil end
  local data, rerr
  repeat data, rerr = reader:read(CHUNK_BYTES, nowait) until data ~= false -- (false: a signal came)
  if data == true then return false end
  if not data then
    state.eof = true
    if not rerr then return nil end
  end
  return lines_chunk(job, state, data, rerr)
end

-- How the lines of f are read in chunks: a file that can seek by
-- read_lines_chunk; another io file (a pipe) by read_pipe_chunk, unless
-- it was read through io already; nil for anything else (a stream of
-- Lua's own), which is read a line at a time.
local function lines_reader(f)
  local at = f.seek and f:seek("cur")
  if at and f:seek("end") and f:seek("set", at) then return read_lines_chunk end
  local reader = io.type(f) == "file" and core.line_reader(f)
  if reader then return function(job, _, state, nowait) return read_pipe_chunk(job, reader, state, nowait) end end
  return nil
end

local function start_lines_chunk(job, c)
  local opts = batch_options(job, job.jobs or 1, true)
  opts.dates, opts.sources, opts.jsonl, opts.async = c.dates, c.sources, true, true
  opts.id_json, opts.members_json = c.id_json, c.members
  local okp, pending = interrupt.pcall(kiji.annotate_many, c.texts, opts)
  if okp then return pending end
  return { wait = function() return "", setmetatable({}, { __index = function() return tostring(pending) end }) end }
end

-- Write an annotated chunk of the JSON Lines writer (`lines`: its JSON
-- Lines, or the bytes written to sink.file already, `werr` what failed
-- there), then say its failures in line order; true when the sink failed.
local function write_lines_chunk(job, c, lines, errors, display, bar, counts, werr)
  if werr then job.sink.failed = werr end
  if type(lines) == "string" and lines ~= "" then job.sink.put(nil, true, lines) end
  if job.sink.failed then return true end
  local failed = {}
  for k = 1, #c.texts do
    if errors and errors[k] then
      local id = message_id(job, c.id_json[k])
      failed[#failed + 1] = { c.line_of[k], (id and ("id " .. id .. ": ") or "") .. tostring(errors[k]) }
    else
      job.written = job.written + 1
    end
  end
  for _, p in ipairs(c.problems) do failed[#failed + 1] = p end
  table.sort(failed, function(a, b) return a[1] < b[1] end)
  for _, p in ipairs(failed) do
    job.failed = job.failed + 1
    bar.report(("%s:%d: %s"):format(display, p[1], p[2]))
  end
  counts.records = counts.records + #c.texts + #c.problems
  counts.bytes = counts.bytes + c.bytes
  if c.read_error then
    job.failed = job.failed + 1
    bar.report(display .. ": " .. tostring(c.read_error))
  end
  bar.update(counts.records, counts.bytes)
end

-- The records of f with --jobs: the AHEAD chunks after chunk k read and
-- started before chunk k's documents are made into Lua strings and
-- written, so the threads have a chunk to work on while Lua writes. (With
-- one chunk ahead they ran dry whenever Lua took longer to write a chunk
-- than they took to annotate one, which on 2 cores, Lua's thread sharing
-- them with two of theirs, left a core idle a fifth of the time.) From a
-- pipe a chunk is read ahead only when its lines are there already: a
-- record is written without waiting for any that come after it.
local function run_stream_jobs(job, f, display, bar, counts, read_lines)
  local state = { lineno = 0, bytes = counts.bytes, eof = false }
  local ahead = (job.jobs or 1) == 1 and 0 or AHEAD -- (one thread: nothing runs meanwhile)
  local read, start, write, file = read_chunk, start_chunk, write_chunk, nil
  if job.writer.lines and job.writer.write_json then
    read, start, write, file = read_lines or read_lines_chunk, start_lines_chunk, write_lines_chunk,
                              job.sink.file
    job.own_names = job.own_names or own_names()
  end
  local queue, first, last = {}, 1, 0
  while true do
    while last - first < ahead do
      local chunk = read(job, f, state, last >= first) -- (ahead of one: no waiting on a pipe)
      if not chunk then break end
      last = last + 1
      queue[last] = { chunk = chunk, pending = start(job, chunk) }
    end
    local q = queue[first]
    if not q then return end
    queue[first], first = nil, first + 1
    if file and job.sink.before then job.sink.before() end
    local docs, errors, werr = q.pending:wait(file)
    if file and job.sink.before then file:flush() end
    if write(job, q.chunk, docs, errors, display, bar, counts, werr) then return end
  end
end

-- Without --jobs, the records are read as --jobs 1 reads them when they
-- are written as JSON Lines: the same output, written a chunk at a time,
-- for a third of the CPU time (no Lua tables between the C document and
-- its JSON, no Lua reader for plain records). A pipe is read in chunks of
-- what is there (read_pipe_chunk), when it is an io file. The reader of
-- f's chunks, or nil.
local function chunk_reader(job, f)
  return job.writer.lines and job.writer.write_json and lines_reader(f) or nil
end

-- --input jsonl: each line of each FILE a record.
local function run_records(S, job, bar)
  local counts = { records = 0, bytes = 0 }
  for _, path in ipairs(job.files) do
    local f, err = S.stdin, nil
    if path ~= "-" then f, err = io.open(path, "rb") end
    if not f then
      job.failed = job.failed + 1
      bar.report(tostring(err))
    else
      local read_lines = chunk_reader(job, f)
      if job.jobs or read_lines then
        run_stream_jobs(job, f, path, bar, counts, read_lines)
      else
        run_stream(job, f, path, bar, counts)
      end
      if f ~= S.stdin then f:close() end
    end
    if job.sink.failed then break end
  end
  bar.update(counts.records, counts.bytes)
end

-- The progress line: shown for several inputs when stderr is a terminal.
local function progress_of(S, job)
  local show = job.several and cli_io.stderr_is_terminal(S)
  local total_bytes
  if show then
    total_bytes = 0
    for _, f in ipairs(job.files) do
      if f == "-" then total_bytes = nil break end
      total_bytes = total_bytes + (cli_io.file_size(f) or 0)
    end
  end
  if job.input == "text" then return cli_io.progress(S, show, "file", #job.files, total_bytes), show end
  return cli_io.progress(S, show, "record", nil, total_bytes), show
end

function M.run(S, opts, files)
  local job, status = prepare(S, opts, files)
  if not job then return status end
  job.sink, status = open_sink(S, job)
  if not job.sink then return status end
  if job.writer.header then job.sink.put(nil, nil, job.writer.header) end
  local bar, show = progress_of(S, job)
  if show and job.sink.stdout and cli_io.is_terminal(S, "stdout") then job.sink.before = bar.clear end
  if job.input == "text" then run_texts(S, job, bar) else run_records(S, job, bar) end
  bar.finish()
  if job.writer.footer then job.sink.put(nil, nil, job.writer.footer) end
  local werr = job.sink.close()
  if werr then
    S.stderr:write("kiji: cannot write ", opts.output or "stdout", ": ", tostring(werr), "\n")
    return 1
  end
  return job.failed > 0 and 1 or 0
end

return M
