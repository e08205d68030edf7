--- kiji.wording: how kiji says things to a person, the same in every host
-- (the CLI's text format and messages, Neovim's summary, quickfix and
-- :KijiInfo). Pure Lua 5.1 to 5.4, no other module.
--
--   local wording = require "kiji.wording"
--   wording.count(1, "entry", "entries")   --> "1 entry"
--   wording.denial_line(doc.denials[1])    --> "防衛省 denied 東海新聞's report: …  [cue: 否定]"
--   wording.attribution_line(doc.attributions[1])
--   wording.quote_line(doc.quotes[1])      --> "報道官: “それは虚偽だ。”  [cue: 【報道官】]"
--   wording.summary(doc)                   --> "3 officials, 2 outlets, 1 denial, 0 attributions in 12 sentences"
local wording = {}

--- "1 entry", "2 entries": n and the noun, `many` (or `one` .. "s")
-- unless n is 1.
function wording.count(n, one, many)
  return ("%d %s"):format(n, n == 1 and one or many or one .. "s")
end

--- s with its white space runs as one space.
function wording.flat(s)
  return (s:gsub("%s+", " "))
end

--- s on one line, cut to at most `max` bytes (on a UTF-8 character
-- boundary) and then "…".
function wording.one_line(s, max)
  s = wording.flat(s)
  if #s > max then
    local cut = max
    while cut > 1 and s:byte(cut + 1) and s:byte(cut + 1) >= 0x80 and s:byte(cut + 1) < 0xC0 do
      cut = cut - 1
    end
    s = s:sub(1, cut) .. "…"
  end
  return s
end

local function text_of(part)
  return part and part.text and wording.flat(part.text)
end

--- What a party names: an anaphor ("the report", 同省) by the mention it
-- refers to, else its own text.
function wording.named(p)
  return p and (p.antecedent and text_of(p.antecedent) or text_of(p))
end

-- A party's own words, and for an anaphor what it names: "同省 (防衛省)".
local function party(p)
  if p and p.antecedent then return ("%s (%s)"):format(text_of(p), text_of(p.antecedent)) end
  return text_of(p)
end

--- "WHO denied WHOSE report: CLAIM (reported by OUTLET)  [cue: CUE]" of a
-- document's denial; opts.cue == false: without the cue.
function wording.denial_line(d, opts)
  local target = wording.named(d.target)
  local line = ("%s denied %s%s"):format(party(d.by) or "(unnamed)",
    target and (target .. "'s report: ") or "",
    d.claim and wording.one_line(d.claim.text, 70) or "(the claim is not in the sentence)")
  if d.reported_by then line = line .. (" (reported by %s)"):format(text_of(d.reported_by)) end
  if d.date then line = line .. (" on %s"):format(d.date) end
  if opts and opts.cue == false then return line end
  return line .. ("  [cue: %s]"):format(text_of(d.cue) or "-")
end

--- "SOURCE: CLAIM  [cue: CUE]" of a document's attribution.
function wording.attribution_line(a)
  return ("%s: %s  [cue: %s]"):format(party(a.source) or "(no source)",
    a.claim and wording.one_line(a.claim.text, 70) or "-", text_of(a.cue) or "-")
end

--- "SPEAKER: “WORDS”  [cue: CUE]" of a document's quotation.
function wording.quote_line(q)
  return ("%s: “%s”  [cue: %s]"):format(party(q.speaker) or "(unnamed)",
    q.text and wording.one_line(q.text.text, 70) or "", text_of(q.cue) or "-")
end

--- "3 officials, 2 outlets, 1 denial, 0 attributions in 12 sentences".
function wording.summary(doc)
  local c = wording.count
  return ("%s, %s, %s, %s in %s"):format(c(#doc.officials, "official"), c(#doc.outlets, "outlet"),
    c(#doc.denials, "denial"), c(#(doc.attributions or {}), "attribution"),
    c(#doc.sentences, "sentence"))
end

return wording
