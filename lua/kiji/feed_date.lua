-- kiji.feed_date: the date a feed gives an article (2023-08-08, 2023/8/8,
-- 2023.8.8, 20230808, an ISO 8601 time, 2023-08, 2023) in ISO 8601 at its
-- precision, or nil. kiji annotate reads a JSON Lines record's "date" with
-- it, and kiji track an article's: feeds write dates in many ways.
local M = {}

function M.iso(s)
  if type(s) ~= "string" then return nil end
  local y, m, d = s:match("^%s*(%d%d%d%d)[-/.](%d%d?)[-/.](%d%d?)")
  if not y then y, m, d = s:match("^%s*(%d%d%d%d)(%d%d)(%d%d)%f[^%d]") end
  if y then return ("%s-%02d-%02d"):format(y, tonumber(m), tonumber(d)) end
  y, m = s:match("^%s*(%d%d%d%d)[-/.](%d%d?)%s*$")
  if y then return ("%s-%02d"):format(y, tonumber(m)) end
  y = s:match("^%s*(%d%d%d%d)%s*$")
  return y
end

-- The same, only when it gives a day: what annotation can resolve
-- relative dates against.
function M.day(s)
  local iso = M.iso(s)
  return iso and #iso == 10 and iso or nil
end

return M
