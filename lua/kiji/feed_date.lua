-- kiji.feed_date: the date a feed gives an article (2023-08-08, 2023/8/8,
-- 2023.8.8, 20230808, an ISO 8601 time, 2023-08, 2023) in ISO 8601 at its
-- precision, or nil. kiji annotate reads a JSON Lines record's "date" with
-- it, and kiji track an article's: feeds write dates in many ways.
local M = {}

local function days_in(y, m)
  if m == 2 then return (y % 4 == 0 and (y % 100 ~= 0 or y % 400 == 0)) and 29 or 28 end
  return (m == 4 or m == 6 or m == 9 or m == 11) and 30 or 31
end

-- A date no calendar has (2023-02-30, month 13, year 0) is no date.
function M.iso(s)
  if type(s) ~= "string" then return nil end
  local y, m, d = s:match("^%s*(%d%d%d%d)[-/.](%d%d?)[-/.](%d%d?)")
  if not y then y, m, d = s:match("^%s*(%d%d%d%d)(%d%d)(%d%d)%f[^%d]") end
  if not y then y, m = s:match("^%s*(%d%d%d%d)[-/.](%d%d?)%s*$") end
  if not y then y = s:match("^%s*(%d%d%d%d)%s*$") end
  local yn, mn, dn = tonumber(y), tonumber(m), tonumber(d)
  if not yn or yn < 1 or (mn and (mn < 1 or mn > 12)) or (dn and (dn < 1 or dn > days_in(yn, mn))) then
    return nil
  end
  if dn then return ("%s-%02d-%02d"):format(y, mn, dn) end
  if mn then return ("%s-%02d"):format(y, mn) end
  return y
end

-- The same, only when it gives a day: what annotation can resolve
-- relative dates against.
function M.day(s)
  local iso = M.iso(s)
  return iso and #iso == 10 and iso or nil
end

return M
