--- kiji.cli: the `kiji` command line as a module: the arguments parsed
-- here, the commands run by their modules (kiji.cli_annotate,
-- kiji.cli_text for normalize and sentences, kiji.cli_dict), the annotate
-- formats written by kiji.formats.
--
--   local status = require("kiji.cli").main(arg, {stdin = io.stdin,
--     stdout = io.stdout, stderr = io.stderr})
--
-- `main` never calls os.exit: it returns the exit status (0 success, 1
-- some inputs failed, 2 usage error, 130 stopped by SIGINT), so it can be
-- tested in process. `argv` is Lua's `arg` table (argv[1] is the
-- command). The streams need only `write` (stdout, stderr) and `read`
-- (stdin); `io_streams.progress`
-- (boolean) forces the progress bar on or off, which otherwise appears only
-- when the real stderr is a terminal and there is more than one input.
-- Runs on Lua 5.1-5.4 and LuaJIT; needs nothing but kiji (and lua-cjson
-- for --input jsonl, kiji.html for --format html).
local kiji = require "kiji"
local interrupt = require "kiji.interrupt"

local cli = {}

local USAGE = {
  main = "usage: kiji annotate|track|normalize|sentences|dict [ARGS...]  (kiji --help for more)",
  annotate = "usage: kiji annotate [FILE...|-] [--format jsonl|json|tsv|text|html] [--dict FILE]... "
    .. "[--lang auto|en|ja] [--invalid replace|error] [--input text|jsonl] [--jobs N] [--date YYYY-MM-DD] [--source NAME] [-o OUT]",
  normalize = "usage: kiji normalize [FILE|-] [--form match|nfc|nfd|nfkc|nfkd] [--invalid replace|error] [-o OUT]",
  sentences = "usage: kiji sentences [FILE|-] [--lang auto|en|ja|root] [--invalid replace|error] [-o OUT]",
  dict = "usage: kiji dict compile IN.tsv OUT.kdict | kiji dict lint IN.tsv",
  track = "usage: kiji track [FILE...|-] [--partial | --merge] [--format jsonl|html] [--max-denials N] "
    .. "[--lang auto|en|ja] [-o OUT]",
}

local HELP = [[
kiji %s: officials, outlets, denials and attributions in English and
Japanese news.

usage:
  kiji annotate [FILE...|-] [options]   annotate texts (stdin without FILE)
  kiji normalize [FILE|-] [--form F]    print the normalized text
  kiji sentences [FILE|-] [--lang L]    one sentence a line: start TAB end TAB text
  kiji dict compile IN.tsv OUT.kdict    compile a TSV dictionary
  kiji dict lint IN.tsv                 check a TSV dictionary for --dict, count its entries
  kiji track [FILE...|-] [options]      denials across articles as events
  kiji --help | --version | --pandoc-filter

annotate options:
  -f, --format F    jsonl (default): one SCHEMA.md document a line, "id" = the
                    file name as given (the record's id with --input jsonl);
                    json: the document indented, or for several inputs one
                    array, a document a line; tsv: a header, then one line
                    per official, outlet, denial and attribution; text: a
                    readable summary; html: a page per input (kiji.html)
  -d, --dict FILE   extra dictionary: a TSV file, or a .kdict from
                    `kiji dict compile` (repeatable)
  -l, --lang L      auto (default: each sentence by its script), en or ja
  --invalid I       replace (default: invalid UTF-8 becomes U+FFFD) or error
                    (an input with invalid UTF-8 fails)
  --date D          the articles' date, YYYY-MM-DD: what "on Tuesday", 27日
                    and 先月 are read against (a jsonl record's "date" wins)
  --source NAME     the articles' source ("Kyodo"): the document's source
                    (a jsonl record's "source" wins)
  --input I         text (default): each FILE is one text; jsonl: each line of
                    the input is a record {"id": ..., "text": ...}, read in
                    chunks (from a pipe, what is there: streamed);
                    jsonl and json keep its other fields (one named like a
                    document's field as _NAME)
  -j, --jobs N      annotate on N threads (0: one per core; 1: one thread,
                    the default), with --input jsonl the records read and
                    written in chunks of a few MB while the threads work,
                    FILEs a group of up to 256 (1 MB) at a time; the output
                    is byte for byte that of one job
  -o, --output OUT  write to the file OUT (not an input) instead of stdout;
                    with --format html and several inputs (or --input
                    jsonl), or when OUT is a directory, OUT/NAME.html for
                    each input

track options (input: JSON Lines of articles {"id", "date", "source",
"text"} or of kiji's documents; output: one event a line, SCHEMA.md):
  --partial         write this shard's state instead of the events
  --merge           the FILEs are states from --partial: write their events
                    (any split of the input merged gives the same bytes)
  -f, --format F    jsonl (default) or html (the timeline, kiji.timeline)
  --max-denials N   denials listed per event (default 100; "count" has all)

Offsets in json, jsonl, tsv and sentences output are 0-based byte offsets,
half-open (start..end), into the original input. Exit status: 0 success,
1 some inputs failed (each named on stderr; the others are still written),
2 usage error, 130 SIGINT, 143 SIGTERM (nothing half-written left in -o
OUT's place). See kiji(1). The JSON Schema of the documents:
  %s
]]

local INVALID = { arg = true, values = { "replace", "error" } }
local OUTPUT, HELP_OPT = { arg = true }, {}
local COMMON_ALIASES = {
  ["--invalid"] = "invalid", ["-o"] = "output", ["--output"] = "output", ["-h"] = "help", ["--help"] = "help",
}

-- Each command: its module and function (`run` unless named), where its
-- options start in argv, the option spec (name -> {arg = true, multi =
-- true, values = {...}}) and the aliases (flag -> name) besides
-- COMMON_ALIASES.
local COMMANDS = {
  annotate = {
    module = "kiji.cli_annotate", first = 2,
    spec = {
      format = { arg = true, values = { "jsonl", "json", "tsv", "text", "html" } },
      dict = { arg = true, multi = true },
      lang = { arg = true, values = { "auto", "en", "ja" } },
      invalid = INVALID,
      input = { arg = true, values = { "text", "jsonl" } },
      date = { arg = true }, source = { arg = true }, jobs = { arg = true },
      output = OUTPUT, help = HELP_OPT,
    },
    aliases = { ["-f"] = "format", ["--format"] = "format", ["-d"] = "dict", ["--dict"] = "dict",
                ["-l"] = "lang", ["--lang"] = "lang", ["--input"] = "input",
                ["--date"] = "date", ["--source"] = "source", ["-j"] = "jobs", ["--jobs"] = "jobs" },
  },
  normalize = {
    module = "kiji.cli_text", run = "normalize", first = 2,
    spec = { form = { arg = true, values = { "match", "nfc", "nfd", "nfkc", "nfkd" } },
             invalid = INVALID, output = OUTPUT, help = HELP_OPT },
    aliases = { ["--form"] = "form" },
  },
  sentences = {
    module = "kiji.cli_text", run = "sentences", first = 2,
    spec = { lang = { arg = true, values = { "auto", "en", "ja", "root" } },
             invalid = INVALID, output = OUTPUT, help = HELP_OPT },
    aliases = { ["-l"] = "lang", ["--lang"] = "lang" },
  },
  dict = { module = "kiji.cli_dict", first = 3, spec = { help = HELP_OPT }, aliases = {} },
  track = {
    module = "kiji.cli_track", first = 2,
    spec = { partial = {}, merge = {}, format = { arg = true, values = { "jsonl", "html" } },
             ["max-denials"] = { arg = true }, lang = { arg = true, values = { "auto", "en", "ja" } },
             output = OUTPUT, help = HELP_OPT },
    aliases = { ["--partial"] = "partial", ["--merge"] = "merge", ["-f"] = "format", ["--format"] = "format",
                ["--max-denials"] = "max-denials", ["-l"] = "lang", ["--lang"] = "lang" },
  },
}

------------------------------------------------------------------ parsing

-- The value of an option that takes one: inline ("--opt=value") or the
-- next argument; checked against s.values. Gives value, next index, or
-- nil, message.
local function option_value(argv, i, flag, inline, s)
  local value = inline
  if value == nil then
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
  return value, i
end

--- Options and operands of argv[first..]: opts (name -> value, a list for
-- multi options, true for flags) and operands, or nil and a message.
-- "--opt=value" works for long options; "--" ends the options; "-" is an
-- operand (stdin).
function cli.parse(argv, first, spec, aliases)
  local opts, operands = {}, {}
  local i, n = first, #argv
  while i <= n do
    local a = argv[i]
    if a == "--" then
      for j = i + 1, n do operands[#operands + 1] = argv[j] end
      break
    elseif a:sub(1, 1) == "-" and a ~= "-" then
      local flag, inline = a, nil
      local eq = a:find("=", 1, true)
      if a:sub(1, 2) == "--" and eq then flag, inline = a:sub(1, eq - 1), a:sub(eq + 1) end
      local name = aliases[flag]
      if not name then return nil, ("unknown option '%s'"):format(flag) end
      local s, value = spec[name], true
      if s.arg then
        value, i = option_value(argv, i, flag, inline, s)
        if value == nil then return nil, i end
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

------------------------------------------------------------------ main

local function usage_error(S, which, msg)
  S.stderr:write("kiji: ", msg, "\n", USAGE[which] or USAGE.main, "\n")
  return 2
end

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

local function pandoc_filter(S)
  local path = searchpath("kiji.pandoc", package.path)
  if not path then
    S.stderr:write("kiji: kiji/pandoc.lua is not on package.path\n")
    return 1
  end
  S.stdout:write(absolute(path), "\n")
  return 0
end

-- The JSON Schema of the output, found from this module's directory DIR:
-- DIR itself (LuaRocks), PREFIX/share/kiji (make install: DIR is
-- PREFIX/share/lua/5.x/kiji) or doc/ (a checkout: DIR is lua/kiji).
local function help()
  local path = searchpath("kiji.cli", package.path)
  local dir = path and absolute(path):match("^(.*)/[^/]*$")
  local up = function(d, n) for _ = 1, n do d = d and d:match("^(.*)/[^/]*$") end return d end
  for _, d in ipairs { dir, up(dir, 3) and up(dir, 3) .. "/kiji", up(dir, 2) and up(dir, 2) .. "/doc" } do
    local f = io.open(d .. "/kiji-doc.schema.json", "rb")
    if f then f:close() return HELP:format(kiji.version, d .. "/kiji-doc.schema.json") end
  end
  return HELP:format(kiji.version, "(not installed; doc/kiji-doc.schema.json in kiji's sources)")
end

-- Parse a command's arguments and run it: its module's function
-- (S, opts, operands, argv); S.usage(message) makes a usage error.
local function run_command(name, argv, S)
  local c = COMMANDS[name]
  local aliases = {}
  for flag, opt in pairs(COMMON_ALIASES) do
    if c.spec[opt] then aliases[flag] = opt end
  end
  for flag, opt in pairs(c.aliases) do aliases[flag] = opt end
  function S.usage(msg) return usage_error(S, name, msg) end
  local opts, operands = cli.parse(argv, c.first, c.spec, aliases)
  if not opts then return S.usage(operands) end
  -- a command of subcommands takes -h for one too: `kiji dict --help`
  if opts.help or (c.first > 2 and (argv[2] == "-h" or argv[2] == "--help")) then
    S.stdout:write(name == "annotate" and help() or (USAGE[name] .. "\n"))
    return 0
  end
  return require(c.module)[c.run or "run"](S, opts, operands, argv)
end

-- run_command; when it stops on an error or SIGINT, what it was writing
-- is removed first. SIGINT: exit status 130 (128 + the signal).
local function run_stoppable(name, argv, S)
  local okr, status = xpcall(function() return run_command(name, argv, S) end, function(e)
    if interrupt.is(e) then return e end
    return debug.traceback(tostring(e), 2)
  end)
  if okr then return status end
  require("kiji.cli_io").abandon()
  if interrupt.is(status) then
    S.stderr:write("kiji: interrupted\n")
    return 130
  end
  error(status, 0)
end

-- What stays in stdout's buffer is flushed here, not at exit, where a
-- failure (a full disk) would go unsaid: said, and the status made 1.
local function flushed(S, status)
  local okf, err = true, nil
  if S.stdout.flush then okf, err = S.stdout:flush() end
  if okf then return status end
  S.stderr:write("kiji: cannot write stdout: ", tostring(err), "\n")
  return status ~= 0 and status or 1
end

function cli.main(argv, io_streams)
  argv = argv or {}
  io_streams = io_streams or {}
  local S = {
    stdin = io_streams.stdin or io.stdin,
    stdout = io_streams.stdout or io.stdout,
    stderr = io_streams.stderr or io.stderr,
    progress = io_streams.progress,
  }
  local cmd = argv[1]
  if cmd == nil then return usage_error(S, "main", "no command") end
  if cmd == "-h" or cmd == "--help" or cmd == "help" then
    S.stdout:write(help())
    return 0
  elseif cmd == "-V" or cmd == "--version" then
    S.stdout:write("kiji ", kiji.version, "\n")
    return 0
  elseif cmd == "--pandoc-filter" then
    return pandoc_filter(S)
  elseif COMMANDS[cmd] then
    return flushed(S, run_stoppable(cmd, argv, S))
  elseif cmd:sub(1, 1) == "-" then
    return usage_error(S, "main", ("unknown option '%s'"):format(cmd))
  end
  return usage_error(S, "main", ("unknown command '%s'"):format(cmd))
end

return cli
