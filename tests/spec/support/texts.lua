-- Random texts over the troublesome parts of Unicode, and a UTF-8 reader
-- that splits the way kiji does (maximal subparts for invalid bytes).
local M = {}

M.fragments = {
  "a", "Z", "Defense", " ", "  ", "\t", "\n", "\r\n", "\194\160", "\227\128\128",
  "か", "カ", "ー", "ｶ", "ﾞ", "ﾟ", "ｰ", "ﾊ", "漢", "字", "「", "」", "。", "、",
  "Ａ", "１", "－", "‐", "–", "—", "−", "〜", "～", "“", "”", "‘", "’", "″",
  "\204\129", "\204\163", "e", "\225\132\128", "\225\133\161", "한", "😀",
  "\226\128\141", "\226\128\139", "\194\173", "\7", "\0", "\255", "\227\129",
  "\240\159", "\237\160\128", "ß", "İ", "ﬁ", "㍻", "①", "ᾳ", "Ω", "Å",
}

-- What the match form may leave out of its output.
M.droppable = {}
for _, s in ipairs { " ", "\t", "\n", "\r", "\194\160", "\227\128\128", "\226\128\141",
                     "\226\128\139", "\194\173", "\7", "\0", "ー", "ｰ", "－", "‐", "–",
                     "—", "−" } do
  M.droppable[s] = true
end

function M.random_text(rand)
  local out = {}
  for i = 1, rand(1, 24) do out[i] = M.fragments[rand(1, #M.fragments)] end
  return table.concat(out)
end

-- Lengths of well-formed sequences by lead byte, with the second byte's range.
local function seq(b, b2)
  if b < 0x80 then return 1 end
  if b < 0xC2 or b > 0xF4 then return 0 end
  local lo, hi = 0x80, 0xBF
  if b == 0xE0 then lo = 0xA0 elseif b == 0xED then hi = 0x9F
  elseif b == 0xF0 then lo = 0x90 elseif b == 0xF4 then hi = 0x8F end
  local n = b < 0xE0 and 2 or b < 0xF0 and 3 or 4
  return n, lo, hi, b2
end

-- The characters of s as {start, stop} pairs; invalid bytes come as their
-- maximal subparts.
function M.chars(s)
  local list, i = {}, 1
  while i <= #s do
    local n, lo, hi = seq(s:byte(i))
    local len = 1
    if n >= 2 then
      len = 1
      for k = 1, n - 1 do
        local b = s:byte(i + k)
        if not b or b < lo or b > hi then break end
        len, lo, hi = len + 1, 0x80, 0xBF
      end
    end
    list[#list + 1] = { i, i + len - 1 }
    i = i + len
  end
  return list
end

return M
