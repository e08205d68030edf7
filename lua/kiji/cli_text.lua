--- kiji.cli_text: the commands over one text (FILE, or stdin without),
-- run by kiji.cli with the options it parsed:
--   kiji normalize [FILE|-] [--form F] [--invalid I] [-o OUT]
--   kiji sentences [FILE|-] [--lang L] [--invalid I] [-o OUT]
local kiji = require "kiji"
local cli_io = require "kiji.cli_io"
local tsv_field = require("kiji.formats").tsv_field

local M = {}

-- The text of the one input, f(text, opts) of it (a string, or nil and
-- a message), written to -o OUT or stdout; the exit status.
local function over_text(S, opts, files, f)
  local refused = cli_io.refuse_input_as_output(S, opts.output, files)
  if refused then return refused end
  local path, text = cli_io.single_input(S, files)
  if not path then return text end
  local out, err = f(text, opts)
  if not out then
    S.stderr:write("kiji: ", path, ": ", tostring(err), "\n")
    return 1
  end
  return cli_io.write_output(S, opts.output, out)
end

-- The normalized text; the match form, which never ends with white
-- space, with a newline after it.
local function normalized(text, opts)
  local form = opts.form or "match"
  local norm, err = kiji.normalize(text, { form = form, invalid = opts.invalid, map = false })
  if not norm then return nil, err end
  return norm .. ((form == "match" and #norm > 0) and "\n" or "")
end

-- One sentence a line: start TAB end TAB text (0-based, half-open).
local function sentence_lines(text, opts)
  local spans, err = kiji.sentences(text, { locale = opts.lang, invalid = opts.invalid })
  if not spans then return nil, err end
  local buf = {}
  for i, s in ipairs(spans) do
    buf[i] = ("%d\t%d\t%s\n"):format(s.start - 1, s.stop, tsv_field(s.text))
  end
  return table.concat(buf)
end

function M.normalize(S, opts, files) return over_text(S, opts, files, normalized) end
function M.sentences(S, opts, files) return over_text(S, opts, files, sentence_lines) end

return M
