--- kiji.cli_dict: `kiji dict compile IN.tsv OUT.kdict` and `kiji dict
-- lint IN.tsv`, run by kiji.cli with the operands after the subcommand.
local kiji = require "kiji"
local cli_io = require "kiji.cli_io"

local M = {}

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

-- The errors of lines[first..first + CHUNK): the library stops at the
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
      errors[#errors + 1] = err
      return
    end
    errors[#errors + 1] = ("%s:line %d: %s"):format(path, first + n - 1, why)
    chunk[n] = ""
  end
end

-- Every bad line of a TSV dictionary, checked in chunks.
local function lint_tsv(path, text)
  local errors, lines = {}, split_lines(text)
  for first = 1, #lines, CHUNK do lint_chunk(path, lines, first, errors) end
  return errors
end

local function compile(S, operands)
  if #operands ~= 2 then return S.usage("dict compile needs IN.tsv and OUT.kdict") end
  local d, err = kiji.dictionary(operands[1])
  if not d then S.stderr:write("kiji: ", err, "\n") return 1 end
  local oks, serr = d:save(operands[2])
  if not oks then S.stderr:write("kiji: ", tostring(serr), "\n") return 1 end
  S.stdout:write(("%s: %d entries compiled into %s\n"):format(operands[1], #d, operands[2]))
  return 0
end

local function lint(S, operands)
  if #operands ~= 1 then return S.usage("dict lint needs one IN.tsv") end
  local path = operands[1]
  local text, err = cli_io.read_input(S, path)
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
end

function M.run(S, _, operands, argv)
  local sub = argv[2]
  if sub == "compile" then return compile(S, operands) end
  if sub == "lint" then return lint(S, operands) end
  if sub == nil then return S.usage("dict needs a subcommand (compile, lint)") end
  return S.usage(("unknown dict subcommand '%s'"):format(sub))
end

return M
