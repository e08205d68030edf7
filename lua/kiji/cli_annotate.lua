--- kiji.cli_annotate: `kiji annotate [FILE...|-] [options]`, run by
-- kiji.cli with the options it parsed: each input (a file, stdin, or each
-- record of JSON Lines with --input jsonl) annotated and written in the
-- format of --format (kiji.formats) to stdout, to the file -o OUT, or,
-- for a format of one file per input (html), into the directory -o OUT.
local kiji = require "kiji"
local cli_io = require "kiji.cli_io"
local formats = require "kiji.formats"

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
-- sink.failed after closing what is ours.
local function stream_sink(out, owned)
  local sink = {}
  function sink.put(_, _, data)
    if not sink.failed then
      local okw, err = out:write(data)
      if not okw then sink.failed = err or "write error" end
    end
    return true
  end
  function sink.close()
    if owned then
      local okc, cerr = out:close()
      if not okc and not sink.failed then sink.failed = cerr or "close failed" end
    end
    return sink.failed
  end
  return sink
end

-- One file a document, DIR/NAME.html.
local function directory_sink(dir)
  local used = {}
  local sink = { close = function() return nil end }
  function sink.put(name, from_record, data)
    local path = dir .. "/" .. page_name(name or "document", used, from_record)
    local f, ferr = io.open(path, "wb")
    if not f then return nil, ferr end
    local okw, werr = f:write(data)
    f:close()
    if not okw then return nil, path .. ": " .. tostring(werr) end
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
    return directory_sink(job.pages_dir)
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
  local job = { input = opts.input or "text", failed = 0, files = #files > 0 and files or { "-" } }
  local format = opts.format or "jsonl"
  local nstdin = 0
  for _, f in ipairs(job.files) do if f == "-" then nstdin = nstdin + 1 end end
  if nstdin > 1 then return nil, S.usage("stdin ('-') given more than once") end
  job.several = #job.files > 1 or job.input == "jsonl"
  job.output = opts.output ~= "-" and opts.output or nil
  if formats.per_input(format) then
    local dir, why = pages_directory(job)
    if dir == false then return nil, S.usage(why) end
    job.pages_dir = dir
  end
  local writer, werr = formats.get(format)
  if not writer then S.stderr:write("kiji: ", werr, "\n") return nil, 1 end
  job.writer = writer
  if job.input == "jsonl" then
    local okc, cjson = pcall(require, "cjson.safe")
    if not okc then
      S.stderr:write("kiji: --input jsonl needs lua-cjson (module 'cjson.safe')\n")
      return nil, 1
    end
    job.cjson = cjson
  end
  local dictionaries, status = load_dictionaries(S, opts.dict)
  if status then return nil, status end
  job.annotate_opts = { lang = opts.lang, invalid = opts.invalid, dictionaries = dictionaries }
  return job
end

-- Annotate one text and write it: true, or nil and a message.
local function annotate_write(job, name, text, from_record)
  local doc, aerr = kiji.annotate(text, job.annotate_opts)
  if not doc then return nil, aerr end
  local data, werr = job.writer.write(name, text, doc)
  if not data then return nil, werr end
  return job.sink.put(name, from_record, data)
end

-- The same, what it raises made a message.
local function annotate_one(job, name, text, from_record)
  local okp, r, err = pcall(annotate_write, job, name, text, from_record)
  if not okp then return nil, tostring(r) end
  return r, err
end

------------------------------------------------------------------ inputs

-- Each FILE one text.
local function run_texts(S, job, bar)
  local done_bytes = 0
  for i, path in ipairs(job.files) do
    local text, err = cli_io.read_input(S, path)
    if text then
      local okp, perr = annotate_one(job, path, text, false)
      if not okp then
        job.failed = job.failed + 1
        bar.report(path .. ": " .. tostring(perr))
      end
      done_bytes = done_bytes + #text
    else
      job.failed = job.failed + 1
      bar.report(tostring(err))
    end
    if job.sink.failed then break end
    bar.update(i, done_bytes)
  end
end

local function json_id(v)
  if type(v) == "string" then return v end
  if type(v) == "number" then
    if v == math.floor(v) and math.abs(v) < 2 ^ 53 then return ("%d"):format(v) end
    return tostring(v)
  end
  return nil
end

-- The id and text of a line of JSON Lines, or nil, nil and what is wrong.
local function decode_record(cjson, line)
  local rec, derr = cjson.decode(line)
  if rec == nil then return nil, nil, "bad record: " .. tostring(derr) end
  if type(rec) ~= "table" or (rec[1] ~= nil and rec.text == nil) then
    return nil, nil, "bad record: not a JSON object"
  end
  if type(rec.text) ~= "string" then return nil, nil, 'bad record: no "text" string' end
  if rec.id ~= nil and rec.id ~= cjson.null and not json_id(rec.id) then
    return nil, nil, 'bad record: "id" must be a string or a number'
  end
  return json_id(rec.id), rec.text
end

-- The records of one stream f (named `display` in messages), each
-- written as soon as it is read; counts: records and bytes so far.
local function run_stream(job, f, display, bar, counts)
  local lineno = 0
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
      local id, text, problem = decode_record(job.cjson, line)
      if not problem then
        local okp, perr = annotate_one(job, id, text, true)
        if not okp then problem = (id and ("id " .. id .. ": ") or "") .. tostring(perr) end
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
      run_stream(job, f, path, bar, counts)
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
  if job.input == "text" then return cli_io.progress(S, show, "files", #job.files, total_bytes), show end
  return cli_io.progress(S, show, "records", nil, total_bytes), show
end

function M.run(S, opts, files)
  local job, status = prepare(S, opts, files)
  if not job then return status end
  job.sink, status = open_sink(S, job)
  if not job.sink then return status end
  if job.writer.header then job.sink.put(nil, nil, job.writer.header) end
  local bar, show = progress_of(S, job)
  if job.input == "text" then run_texts(S, job, bar) else run_records(S, job, bar) end
  if show then bar.finish() end
  local werr = job.sink.close()
  if werr then
    S.stderr:write("kiji: cannot write ", opts.output or "stdout", ": ", tostring(werr), "\n")
    return 1
  end
  return job.failed > 0 and 1 or 0
end

return M
