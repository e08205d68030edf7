--- kiji.cli_track: `kiji track [FILE...|-] [options]`, run by kiji.cli:
-- JSON Lines of articles ({"id", "date", "source", "text"}) or of kiji's
-- own documents (`kiji annotate --format jsonl`) grouped into events by
-- kiji.track and written as JSON Lines (SCHEMA.md "An event"), as a shard's
-- state (--partial), or as the timeline page (--format html, kiji.timeline).
-- --merge reads states written by --partial instead: merging the states of
-- any split of the input gives the single run's output byte for byte.
local kiji = require "kiji"
local cli_io = require "kiji.cli_io"
local track = require "kiji.track"
local interrupt = require "kiji.interrupt"

local M = {}

local function json_id(v)
  if type(v) == "string" then return v end
  if type(v) == "number" and v == math.floor(v) and math.abs(v) < 2 ^ 53 then return ("%d"):format(v) end
  return nil
end

local function str(v)
  if type(v) == "string" then return v end
  return nil
end

-- One line of input into acc: nil, or what is wrong with it.
local function add_line(job, line)
  local rec, derr = job.cjson.decode(line)
  if type(rec) ~= "table" or line:match("^%s*(.)") ~= "{" then
    return "bad record: " .. tostring(derr or "not a JSON object")
  end
  if job.merge then
    local okl, lerr = job.acc:load(line)
    return not okl and lerr or nil
  end
  -- (kiji annotate --input jsonl keeps a record's date and source, as
  -- _date and _source where the document has its own)
  local opts = { id = json_id(rec.id), date = str(rec.date) or str(rec._date),
                 source = str(rec.source) or str(rec._source), lang = job.lang }
  local what = type(rec.denials) == "table" and rec or rec.text
  if type(what) ~= "table" and type(what) ~= "string" then
    return 'bad record: neither "text" nor "denials"'
  end
  -- a malformed document, as an annotation that fails, fails its line alone
  local okp, n, aerr = interrupt.pcall(job.acc.add, job.acc, what, opts)
  if not okp then return tostring(n) end
  if not n then return tostring(aerr) end
  return nil
end

local function read_stream(job, f, display, report)
  local lineno = 0
  for line in f:lines() do
    lineno = lineno + 1
    if line:find("[^ \t\r]") then
      local problem = add_line(job, line)
      if problem then
        job.failed = job.failed + 1
        report(("%s:%d: %s"):format(display, lineno, problem))
      end
    end
  end
end

function M.run(S, opts, files)
  local cjson = interrupt.cjson_safe()
  if not cjson then
    S.stderr:write("kiji: track needs lua-cjson (module 'cjson.safe')\n")
    return 1
  end
  if opts.partial and opts.format == "html" then return S.usage("--partial writes a state, not --format html") end
  local max = opts["max-denials"]
  if max and not (tonumber(max) and tonumber(max) >= 1 and tonumber(max) % 1 == 0) then
    return S.usage(("bad value '%s' for '--max-denials' (a positive integer)"):format(max))
  end
  files = #files > 0 and files or { "-" }
  local output = opts.output ~= "-" and opts.output or nil
  local refused = cli_io.refuse_input_as_output(S, output, files)
  if refused then return refused end
  local job = {
    cjson = cjson, merge = opts.merge, lang = opts.lang, failed = 0,
    acc = track.new { max_denials = max and tonumber(max) },
  }
  local function report(msg) S.stderr:write("kiji: ", msg, "\n") end
  for _, path in ipairs(files) do
    local f, err = S.stdin, nil
    if path ~= "-" then f, err = io.open(path, "rb") end
    if not f then
      job.failed = job.failed + 1
      report(tostring(err))
    else
      read_stream(job, f, path, report)
      if f ~= S.stdin then f:close() end
    end
  end
  local out, owned = cli_io.open_output(S, output)
  if not out then S.stderr:write("kiji: cannot write ", tostring(owned), "\n") return 1 end
  local werr
  local function write(line)
    if werr then return end
    local okw, e = out:write(line, "\n")
    if not okw then werr = e or "write error" end
  end
  if opts.partial then
    job.acc:dump(write)
  elseif opts.format == "html" then
    local okw, e = out:write(require("kiji.timeline").page(job.acc:events(), { title = "kiji track", version = kiji.version }))
    if not okw then werr = e or "write error" end
  else
    job.acc:write_events(write)
  end
  if owned then
    local okc2, cerr = out:close()
    if not okc2 and not werr then werr = cerr or "close failed" end
  end
  if werr then
    S.stderr:write("kiji: cannot write ", output or "stdout", ": ", tostring(werr), "\n")
    return 1
  end
  return job.failed > 0 and 1 or 0
end

return M
