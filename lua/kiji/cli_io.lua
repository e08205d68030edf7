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

--- "1 entry", "2 entries" (kiji.wording.count).
io_.count = require("kiji.wording").count

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

-- The identity of each file of `paths` (device and inode, so any spelling
-- or link of one file gives the same; "?" when stat(1) cannot tell), by
-- one shell running GNU or BSD stat.
local function file_ids(paths)
  local cmd = {}
  for i, path in ipairs(paths) do cmd[i] = shell_quote(path) end
  local p = io.popen("for f in " .. table.concat(cmd, " ") .. '; do id=$(stat -L -c %d:%i -- "$f" 2>/dev/null) ||'
    .. ' id=$(stat -L -f %d:%i -- "$f" 2>/dev/null) || id="?"; echo "$id"; done')
  local ids = {}
  if p then
    for line in p:lines() do ids[#ids + 1] = line end
    p:close()
  end
  return ids
end

--- The input among `inputs` that the file `out` is, or nil. Only inputs
-- of out's size can be, so the common case runs nothing.
function io_.input_that_is(out, inputs)
  local size = out and out ~= "-" and io_.file_size(out)
  if not size then return nil end
  local paths = { out }
  for _, path in ipairs(inputs) do
    if path ~= "-" and io_.file_size(path) == size then paths[#paths + 1] = path end
  end
  if #paths == 1 then return nil end
  local ids = file_ids(paths)
  for i = 2, #paths do
    if ids[1] and ids[1] ~= "?" and ids[i] == ids[1] then return paths[i] end
  end
  return nil
end

--- A usage error (S.usage) when the output `out` is one of `inputs`,
-- which it would replace; else nil.
function io_.refuse_input_as_output(S, out, inputs)
  local same = io_.input_that_is(out, inputs)
  if same then return S.usage(("-o %s is the input %s: name another file"):format(out, same)) end
  return nil
end

--- Make directory `path` (and its parents) unless it is there: true, or
-- nil and a message.
function io_.make_directory(path)
  if io_.path_kind(path) == "directory" then return true end
  local okd = os.execute("mkdir -p " .. shell_quote(path))
  if okd == true or okd == 0 then return true end
  return nil, "cannot create directory " .. path
end

-- ------------------------------------------------------------ outputs

-- Files being written beside their OUT (temp -> its handle). A run that
-- stops on an error or SIGINT removes them (io_.abandon); a kill that Lua
-- cannot catch (SIGTERM, SIGKILL) leaves that to a watcher: a shell that
-- kiji feeds the current list through a pipe and that, at end of file
-- (kiji gone, however), removes what the last list names. It ignores the
-- signals that stop kiji with it (a terminal's ^C reaches the group).
local pending, watcher = {}, nil
local live_bar -- the progress line drawn last, which io_.abandon erases
local WATCHER = [[
exec >/dev/null 2>&1
trap '' INT TERM HUP
last= cur=
while IFS= read -r l; do
  if [ "$l" = . ]; then last=$cur cur=; else cur="$cur$l
"; fi
done
printf %s "$last" | while IFS= read -r f; do rm -f -- "$f"; done]]

-- Hand the watcher the list of pending files (a name holding a newline
-- cannot be said: its watch is left to io_.abandon).
local function tell_watcher()
  if watcher == nil then watcher = io.popen(WATCHER, "w") or false end
  if not watcher then return end
  local list = {}
  for tmp in pairs(pending) do
    if not tmp:find("\n", 1, true) then list[#list + 1] = tmp .. "\n" end
  end
  list[#list + 1] = ".\n"
  watcher:write(table.concat(list))
  watcher:flush()
end

--- The output: the file opened for -o OUT (OUT nil or "-": S.stdout).
-- Gives the stream and whether it is ours to close, or nil and a message.
-- OUT is written beside itself and renamed over it at close, so a run
-- that fails or is stopped leaves the old OUT as it was.
function io_.open_output(S, path)
  if not path or path == "-" then return S.stdout, false end
  local tmp = ("%s.kiji-%d%d"):format(path, os.time(), math.random(1e6))
  pending[tmp] = true -- before it exists: a kill now still has it removed
  tell_watcher()
  local f, err = io.open(tmp, "wb")
  if not f then
    pending[tmp] = nil
    return nil, path .. ": " .. (tostring(err):match(": ([^:]*)$") or tostring(err))
  end
  pending[tmp] = f
  local out = {}
  function out.write(_, ...) return f:write(...) end
  function out.close()
    local okc, cerr = f:close()
    if okc then okc, cerr = os.rename(tmp, path) end
    if not okc then os.remove(tmp) end
    pending[tmp] = nil
    tell_watcher()
    return okc, cerr
  end
  return out, true
end

--- Remove the files of outputs not closed, and the progress line: what a
-- stopped run leaves.
function io_.abandon()
  for tmp, f in pairs(pending) do
    if f ~= true then pcall(f.close, f) end
    os.remove(tmp)
    pending[tmp] = nil
  end
  if live_bar then live_bar.clear() end
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

--- Is the real S.stdout (or S.stderr) a terminal? Never for the
-- streams of an in-process caller.
function io_.is_terminal(S, name)
  if S[name] ~= io[name] then return false end
  local r = os.execute(name == "stdout" and "[ -t 1 ]" or "[ -t 2 ]")
  return r == true or r == 0
end

--- Is the progress line wanted: S.progress when set, else whether the
-- real stderr is a terminal.
function io_.stderr_is_terminal(S)
  if S.progress ~= nil then return S.progress and true or false end
  return io_.is_terminal(S, "stderr")
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
    parts[#parts + 1] = ("%d/%s"):format(p.units, io_.count(p.total_units, p.unit))
  else
    parts[#parts + 1] = io_.count(p.units, p.unit)
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
-- ten times a second: p.update(units, bytes[, force]), p.clear() (erased,
-- drawn again at the next update: before output to the same terminal),
-- p.finish() (erased: no bar is left behind), p.report(message) for an
-- error line. `unit` is singular ("file"). Rates use os.clock (this
-- process's CPU time: kiji is CPU-bound).
function io_.progress(S, enabled, unit, total_units, total_bytes)
  local p = { units = 0, bytes = 0, drawn = false, unit = unit, total_units = total_units, total_bytes = total_bytes }
  local t0, last = os.clock(), -1
  function p.update(units, bytes, force)
    p.units, p.bytes = units, bytes
    if not enabled then return end
    local now = os.clock()
    if force or now - last >= 0.1 then
      last = now
      S.stderr:write("\r", progress_line(p, now - t0), "\27[K")
      p.drawn = true
      live_bar = p
    end
  end
  function p.clear()
    if p.drawn then
      S.stderr:write("\r\27[K")
      p.drawn = false
    end
  end
  p.finish = p.clear
  function p.report(msg)
    p.clear()
    S.stderr:write("kiji: ", msg, "\n")
  end
  return p
end

return io_
