--- kiji.cli_io: what the commands of kiji.cli share for reading inputs,
-- writing outputs and showing progress. `S` is the command's context:
-- the streams (stdin, stdout, stderr: `read` and `write` are all that is
-- used) and `progress` (true or false forces the progress line on or off).
-- Pure Lua 5.1 to 5.4.
local io_ = {}

--- A whole input: a path, or "-" for S.stdin. Gives the text, or nil and
-- a message naming the input.
function io_.read_input(S, path)
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

--- The input of a command that takes one at most (FILE, or "-" and
-- stdin without): its path and text, or nil and the exit status (the
-- reason written).
function io_.single_input(S, files)
  if #files > 1 then return nil, S.usage("one input at most") end
  local path = files[1] or "-"
  local text, err = io_.read_input(S, path)
  if not text then
    S.stderr:write("kiji: ", err, "\n")
    return nil, 1
  end
  return path, text
end

--- The size in bytes of a file, or nil ("-", or not there).
function io_.file_size(path)
  if path == "-" then return nil end
  local f = io.open(path, "rb")
  if not f then return nil end
  local size = f:seek("end")
  f:close()
  return size
end

--- What a path is: "directory", "file" (anything else that is there), or
-- nil when there is nothing.
function io_.path_kind(path)
  local d = io.open(path .. "/.", "rb")
  if d then
    d:close()
    return "directory"
  end
  local f, _, code = io.open(path, "rb")
  if f then
    f:close()
    return "file"
  end
  if code == 2 then return nil end -- ENOENT
  return "file"
end

local function shell_quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

--- Make directory `path` (and its parents) unless it is there: true, or
-- nil and a message.
function io_.make_directory(path)
  if io_.path_kind(path) == "directory" then return true end
  local okd = os.execute("mkdir -p " .. shell_quote(path))
  if okd == true or okd == 0 then return true end
  return nil, "cannot create directory " .. path
end

--- The output: the file opened for -o OUT (OUT nil or "-": S.stdout).
-- Gives the stream and whether it is ours to close, or nil and a message.
-- OUT is written beside itself and renamed over at close, so an OUT that
-- is also an input (kiji annotate a.txt -o a.txt) is read whole first,
-- and a failed run leaves the old OUT as it was.
function io_.open_output(S, path)
  if not path or path == "-" then return S.stdout, false end
  local tmp = ("%s.kiji-%d%d"):format(path, os.time(), math.random(1e6))
  local f, err = io.open(tmp, "wb")
  if not f then return nil, path .. ": " .. (tostring(err):match(": ([^:]*)$") or tostring(err)) end
  local out = {}
  function out.write(_, ...) return f:write(...) end
  function out.close()
    local okc, cerr = f:close()
    if okc then okc, cerr = os.rename(tmp, path) end
    if not okc then os.remove(tmp) end
    return okc, cerr
  end
  return out, true
end

--- Write `data` to `path` (or S.stdout) and close what was opened: 0, or
-- 1 with the reason on stderr.
function io_.write_output(S, path, data)
  local out, owned = io_.open_output(S, path)
  if not out then S.stderr:write("kiji: cannot write ", tostring(owned), "\n") return 1 end
  local okw, werr = out:write(data)
  if owned then
    local okc, cerr = out:close()
    if okw and not okc then okw, werr = nil, cerr end
  end
  if not okw then S.stderr:write("kiji: cannot write: ", tostring(werr), "\n") return 1 end
  return 0
end

--- Is the progress line wanted: S.progress when set, else whether the
-- real stderr is a terminal.
function io_.stderr_is_terminal(S)
  if S.progress ~= nil then return S.progress and true or false end
  if S.stderr ~= io.stderr then return false end
  local r = os.execute("[ -t 2 ]")
  return r == true or r == 0
end

-- ------------------------------------------------------------ progress

local function human(b)
  if b < 1e3 then return ("%d B"):format(math.floor(b)) end
  if b < 1e6 then return ("%.1f kB"):format(b / 1e3) end
  if b < 1e9 then return ("%.1f MB"):format(b / 1e6) end
  return ("%.2f GB"):format(b / 1e9)
end

-- The progress line of p: [bar]  units  bytes  rate  ETA.
local function progress_line(p, elapsed)
  local total, parts = p.total_bytes, {}
  local rate = elapsed > 0 and p.bytes / elapsed or 0
  local known = total and total > 0
  if known then
    local full = math.floor(math.min(p.bytes / total, 1) * 20 + 0.5)
    parts[#parts + 1] = "[" .. string.rep("#", full) .. string.rep("-", 20 - full) .. "]"
  end
  if p.total_units then
    parts[#parts + 1] = ("%d/%d %s"):format(p.units, p.total_units, p.unit)
  else
    parts[#parts + 1] = ("%d %s"):format(p.units, p.unit)
  end
  parts[#parts + 1] = known and (human(p.bytes) .. " of " .. human(total)) or human(p.bytes)
  parts[#parts + 1] = human(rate) .. "/s"
  if known and rate > 0 then
    local eta = math.max(total - p.bytes, 0) / rate
    parts[#parts + 1] = ("ETA %d:%02d"):format(math.floor(eta / 60), math.floor(eta % 60))
  end
  return table.concat(parts, "  ")
end

--- A progress line on S.stderr (when `enabled`), redrawn with \r at most
-- ten times a second: p.update(units, bytes[, force]), p.finish(),
-- p.report(message) for an error line (the bar cleared first). Rates use
-- os.clock (this process's CPU time: kiji is CPU-bound).
function io_.progress(S, enabled, unit, total_units, total_bytes)
  local p = { units = 0, bytes = 0, width = 0, unit = unit, total_units = total_units, total_bytes = total_bytes }
  local t0, last = os.clock(), -1
  local function draw()
    local line = progress_line(p, os.clock() - t0)
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
  function p.finish()
    if enabled then
      draw()
      S.stderr:write("\n")
      p.width = 0
    end
  end
  function p.report(msg)
    if enabled and p.width > 0 then
      S.stderr:write("\r", string.rep(" ", p.width), "\r")
      p.width = 0
    end
    S.stderr:write("kiji: ", msg, "\n")
  end
  return p
end

return io_
