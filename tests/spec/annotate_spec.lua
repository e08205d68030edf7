-- kiji.annotate and kiji.json: one case per rule and per trap (short
-- sentences written for these tests), the document's shape, and errors.
local kiji = require "kiji"
local cjson = require "cjson"

local function texts(list)
  local out = {}
  for i, m in ipairs(list) do out[i] = m.text end
  return out
end

local function denials(doc)
  local out = {}
  for i, d in ipairs(doc.denials) do
    out[i] = { d.cue.text, d.by and d.by.text or false, d.reported_by and d.reported_by.text or false }
  end
  return out
end

-- { text, officials = {...}, outlets = {...}, denials = {{cue, by|false, reported_by|false}} }
-- A list left out is not checked.
local cases = {
  -- officials (en)
  { "Japanese government officials met on Friday.", officials = { "Japanese government officials" } },
  { "The Japanese Ministry of Defense issued a statement.", officials = { "Japanese Ministry of Defense" } },
  { "Japan's Defense Ministry issued a statement.", officials = { "Defense Ministry" } },
  { "Defense Minister Tomoko Arai visited the base.", officials = { "Defense Minister Tomoko Arai" } },
  { "Chief Cabinet Secretary Ken Ueda spoke.", officials = { "Chief Cabinet Secretary Ken Ueda" } },
  { "U.S. President Alan Brooks arrived.", officials = { "U.S. President Alan Brooks" } },
  { "A ministry representative said so.", officials = { "ministry representative" } },
  { "Senior military officials gathered.", officials = { "Senior military officials" } },
  { "Chinese military hackers were blamed.", officials = {} },
  { "An LDP official said the party would wait.", officials = {} },
  { "The Ground Self-Defense Force and the SDF trained.", officials = { "Ground Self-Defense Force", "SDF" } },
  { "The Chinese Embassy in Tokyo issued a note.", officials = { "Chinese Embassy in Tokyo" } },
  { "The Pentagon said nothing.", officials = { "Pentagon" } },
  -- officials (ja)
  { "稲田朋美防衛相が視察した。", officials = { "稲田朋美防衛相" } },
  { "松野官房長官は会見した。", officials = { "松野官房長官" } },
  { "中国外務省の郭嘉昆副報道局長が語った。", officials = { "中国外務省", "郭嘉昆副報道局長" } },
  { "政府関係者と防衛省幹部が出席した。", officials = { "政府関係者", "防衛省幹部" } },
  { "政府は方針を決めた。", officials = { "政府" } },
  { "韓国国防省が発表した。", officials = { "韓国国防省" } },
  { "自民党幹部が話した。", officials = {} },
  { "陸自と海自が訓練した。", officials = { "陸自", "海自" } },
  -- outlets
  { "Kyodo News and Reuters reported it.", outlets = { "Kyodo News", "Reuters" } },
  { "The Hokkaido Shimbun reported it first.", outlets = { "Hokkaido Shimbun" } },
  { "TOKYO (Kyodo) -- Rain fell.", outlets = { "Kyodo" } },
  { "The newspaper said so.", outlets = {} },
  { "A post by @kyodo_official and one by @someone_private.", outlets = { "@kyodo_official" } },
  { "米紙ワシントン・ポストが報じた。", outlets = { "ワシントン・ポスト" } },
  { "英タイムズ紙が報じた。", outlets = { "タイムズ紙" } },
  { "共同通信と朝日新聞が伝えた。", outlets = { "共同通信", "朝日新聞" } },
  { "同紙によると、計画は延期された。", outlets = {} },
  -- denials (en)
  { "Japan denies report of radar leak", denials = { { "denies", "Japan", false } } },
  { "The Defense Ministry on Tuesday denied the report.", denials = { { "denied", "Defense Ministry", false } } },
  { "The Defense Ministry flatly denied the report.", denials = { { "denied", "Defense Ministry", false } } },
  { "The claim was denied by the Defense Ministry.", denials = { { "denied", "Defense Ministry", false } } },
  { "That allegation has also been denied.", denials = { { "denied", false, false } } },
  { "A ministry representative told Bloomberg News that the report was untrue.",
    denials = { { "untrue", "ministry representative", "Bloomberg News" } } },
  { "\"There is no truth to it,\" Chief Cabinet Secretary Ken Ueda said.",
    denials = { { "no truth", "Chief Cabinet Secretary Ken Ueda", false } } },
  { "She flatly denied having been briefed.", denials = { { "denied", "She", false } } },
  { "The ministry rejected the report as groundless, Kyodo reported.",
    denials = { { "rejected", "ministry", "Kyodo" } } },
  -- the first of an apposition or a coordination denies, a mention before a bare name
  { "Ken Ueda, Chief Cabinet Secretary, and a government spokesman told reporters, \"We deny it.\"",
    denials = { { "deny", "Chief Cabinet Secretary", false } } },
  { "The Foreign Ministry, and a spokesman for the cabinet, denied the report.",
    denials = { { "denied", "Foreign Ministry", false } } },
  -- a reported clause's own subject denies; the outlet that reports it carries it
  { "Jiji Press said the firm flatly rejected the claims.", denials = { { "rejected", "the firm", "Jiji Press" } } },
  { "Kyodo News reported that the cabinet denied the story.",
    denials = { { "denied", "the cabinet", "Kyodo News" } } },
  { "The agency denied the story, Jiji Press said.", denials = { { "denied", "agency", "Jiji Press" } } },
  { "A cabinet aide said the article was not accurate.", denials = { { "not accurate", "cabinet aide", false } } },
  -- a quotation over two sentences: its speaker after the closing mark
  { "\"The account is untrue. No one met the envoy,\" the spokeswoman said.",
    denials = { { "untrue", "spokeswoman", false } } },
  -- vocabulary (issue 13): wordnet's deny / refute / contradict / dismiss
  -- synsets, their tenses, and predicates with an intensifier between
  { "Foreign Ministry Contradicts Newspaper Account", denials = { { "Contradicts", "Foreign Ministry", false } } },
  { "The embassy contradicted the report on Monday.", denials = { { "contradicted", "embassy", false } } },
  { "The cabinet office is contradicting the story.", denials = { { "contradicting", "cabinet office", false } } },
  { "The Defense Ministry is denying the allegations.", denials = { { "denying", "Defense Ministry", false } } },
  { "The ministry is rebutting the claims.", denials = { { "rebutting", "ministry", false } } },
  { "The agency disproved the claims in a statement.", denials = { { "disproved", "agency", false } } },
  { "A spokeswoman pooh-poohed the report.", denials = { { "pooh-poohed", "spokeswoman", false } } },
  { "The report was a complete fabrication, the spokesman said.",
    denials = { { "fabrication", "spokesman", false } } },
  { "The allegation is an outright lie, the ministry said.", denials = { { "lie", "ministry", false } } },
  { "The spokesman said the claims were a hoax.", denials = { { "hoax", "spokesman", false } } },
  { "The ministry said the report was not factual.", denials = { { "not factual", "ministry", false } } },
  { "The minister said the document was fictitious.", denials = { { "fictitious", "minister", false } } },
  { "The agency said the allegations were untruths.", denials = { { "untruths", "agency", false } } },
  { "The spokesman said the article was trumped-up.", denials = { { "trumped-up", "spokesman", false } } },
  { "The agency said the article was patently false.", denials = { { "false", "agency", false } } },
  { "A ministry aide told Kyodo the story was factually incorrect.",
    denials = { { "incorrect", "ministry aide", "Kyodo" } } },
  { "EMBASSY CONTRADICTS PAPER'S ACCOUNT OF TALKS", denials = { { "CONTRADICTS", "EMBASSY", false } } },
  { "Seoul gainsays Tokyo's claim on radar", denials = { { "gainsays", "Seoul", false } } },
  { "The ministry is dismissing the reports as nonsense.", denials = { { "dismissing", "ministry", false } } },
  -- a passive's subject is the claim that reject / dispute / dismiss need
  { "Report of drill disputed by ministry", denials = { { "disputed", "ministry", false } } },
  { "MINISTRY IS DENYING THE REPORT", denials = { { "DENYING", "MINISTRY", false } } },
  { "The allegations were flatly rejected by the ministry.", denials = { { "rejected", "ministry", false } } },
  -- traps (en)
  { "The ministry declined to confirm the report.", denials = {} },
  { "The ministry did not confirm the figures.", denials = {} },
  { "The site suffered a denial-of-service attack.", denials = {} },
  { "Guards denied the reporters access to the base.", denials = {} },
  { "It cannot be denied that the plan was late.", denials = {} },
  { "The minister did not deny the report.", denials = {} },
  { "The ministry rejected the budget request.", denials = {} },
  { "The ministry declined to confirm or deny the report.", denials = {} },
  { "He gave a false name to police.", denials = {} },
  { "The report may be false, an analyst said.", denials = {} },
  { "Travelers faced denial of entry at the border.", denials = {} },
  { "The board's rejection of the budget request surprised staff.", denials = {} },
  { "The new figures contradict the forecast.", denials = {} },
  { "The minister did not contradict the report.", denials = {} },
  { "Hoax: a moon landing claim spreads online", denials = {} },
  { "The stadium is made up of three stands.", denials = {} },
  { "The appeal was dismissed by the court.", denials = {} },
  { "The data could be inaccurate, the analyst warned.", denials = {} },
  -- denials (ja)
  { "政府、英紙の報道を否定", denials = { { "否定", "政府", false } } },
  { "松野官房長官は「そのような事実はない」と否定した。", denials = { { "否定", "松野官房長官", false } } },
  { "防衛省は報道を全面否定した。", denials = { { "全面否定", "防衛省", false } } },
  { "「事実無根だ」と反論した。", denials = { { "反論", false, false } } },
  { "韓国国防省が「事実ではない」と反論した。", denials = { { "反論", "韓国国防省", false } } },
  { "稲田氏は関与を否定した。", denials = { { "否定", "稲田氏", false } } },
  -- a relative clause's subject does not deny; a headline's last official does
  { "毎日新聞が報じた文書について、外務省は「事実ではない」と否定した。",
    denials = { { "否定", "外務省", false } } },
  { "読売新聞が報じたメモについても、事実関係を全否定した。", denials = { { "全否定", false, false } } },
  { "事実はない=一部報道で官房長官", denials = { { "事実はない", "官房長官", false } } },
  { "根拠のない臆測=中国外務省", denials = { { "根拠のない", "中国外務省", false } } },
  -- vocabulary (issue 13): 間違い・でたらめ・偽情報・虚報 as predicates, と-frames
  { "外務省は「報道は間違いだ」と述べた。", denials = { { "間違いだ", "外務省", false } } },
  { "防衛省は報道について「間違っている」と指摘した。", denials = { { "間違っている", "防衛省", false } } },
  { "官房長官は「全くのでたらめだ」と述べた。", denials = { { "でたらめ", "官房長官", false } } },
  { "報道官は「偽情報だ」と強調した。", denials = { { "偽情報", "報道官", false } } },
  { "大臣は報道を「誤情報だ」と述べた。", denials = { { "誤情報", "大臣", false } } },
  { "外務省は「嘘だ」と述べた。", denials = { { "嘘だ", "外務省", false } } },
  { "防衛相は記事について「根拠に欠ける」と述べた。", denials = { { "根拠に欠ける", "防衛相", false } } },
  { "大使館は報道を「虚報だ」と非難した。", denials = { { "虚報", "大使館", false } } },
  { "政府は英紙の記事を「ガセネタだ」と語った。", denials = { { "ガセネタ", "政府", false } } },
  { "官房長官は記事の内容を「事実に基づいていない」と述べた。",
    denials = { { "事実に基づいていない", "官房長官", false } } },
  { "政府は「報道のような事実は存在しない」と述べた。", denials = { { "事実は存在しない", "政府", false } } },
  { "報道官は疑惑を「ばかげている」とはねつけた。", denials = { { "とはねつけた", "報道官", false } } },
  -- traps (ja)
  { "防衛省は「事実は確認していない」と述べた。", denials = {} },
  { "官房長官は「答えは差し控える」と述べた。", denials = {} },
  { "中国は参加を拒否した。", denials = {} },
  { "政府は防衛省声明への反論は避けた。", denials = {} },
  { "大臣は報道を否定しなかった。", denials = {} },
  { "否定的な見方が広がった。", denials = {} },
  { "政府は要求をはねつけた。", denials = {} },
  { "それは間違いない。", denials = {} },
  { "大臣は「判断は間違いだったかもしれない」と述べた。", denials = {} },
  { "誤報を防ぐため確認を徹底する。", denials = {} },
  { "防衛省は報道に反発した。", denials = {} },
}

describe("kiji.annotate rules", function()
  for _, c in ipairs(cases) do
    it(c[1], function()
      local doc = assert(kiji.annotate(c[1]))
      if c.officials then assert.are.same(c.officials, texts(doc.officials)) end
      if c.outlets then assert.are.same(c.outlets, texts(doc.outlets)) end
      if c.denials then assert.are.same(c.denials, denials(doc)) end
    end)
  end
end)

describe("kiji.annotate attributions", function()
  local function attributions(text)
    local out = {}
    for i, a in ipairs(assert(kiji.annotate(text)).attributions) do
      out[i] = { a.cue.text, a.source and a.source.text or false, a.claim and a.claim.text or false }
    end
    return out
  end
  it("takes no word of a name for a cue", function()
    assert.are.same({}, attributions("The United States has imposed new tariffs."))
  end)
  it("takes the hearer of told for no source, and a source with its place", function()
    assert.are.same({ { "told", "Sources at the agency", "the figures were wrong" } },
      attributions("Sources at the agency told Jiji Press that the figures were wrong."))
  end)
  it("ends a quotation's claim at its closing mark, before 'the spokesman said'", function()
    assert.are.same({ { "said", "spokesman", "\"We never met him,\"" } },
      attributions("\"We never met him,\" the spokesman said."))
  end)
  it("finds X reported / X said for an outlet of two words", function()
    assert.are.same({ { "said", "Jiji Press", "The agency denied the story" } },
      attributions("The agency denied the story, Jiji Press said."))
  end)
end)

describe("kiji.annotate datelines and credits", function()
  -- { text, dateline|false, source|false, denier|false, reported_by|false }
  local lines = {
    { "PARIS — The presidency denied the report.", "PARIS —", false, false, false },
    { "BEIJING, March 3 (Xinhua) -- The foreign ministry denied the claims.",
      "BEIJING, March 3 (Xinhua) --", "Xinhua", "foreign ministry", "Xinhua" },
    { "Osaka, Jan. 12 (Jiji Press)--The city government denied the report.",
      "Osaka, Jan. 12 (Jiji Press)--", "Jiji Press", "city government", "Jiji Press" },
    { "TOKYO (Kyodo) -- She denied the report.", "TOKYO (Kyodo) --", "Kyodo", "She", "Kyodo" },
    { "SEOUL, May 26 (Yonhap) -- The ministry denied the report.",
      "SEOUL, May 26 (Yonhap) --", "Yonhap", "ministry", "Yonhap" },
    { "The agency denied the report.\n(Kyodo)", "(Kyodo)", "Kyodo", "agency", "Kyodo" },
    { "【ソウル共同】韓国外務省は報道を否定した。", "【ソウル共同】", "共同", "韓国外務省", "共同" },
    { "【北京時事】中国国防省は報道を否定した。", "【北京時事】", "時事", "中国国防省", "時事" },
    { "防衛省は報道を否定した。（共同）", "（共同）", "共同", "防衛省", "共同" },
    { "防衛省は報道に反論した（時事）。", "（時事）", "時事", "防衛省", "時事" },
    { "[大阪 5日 ロイター] - 府は報道を否定した。", "[大阪 5日 ロイター] -", "ロイター", false, "ロイター" },
    -- traps
    { "Officials — and the minister — denied the report.", false, false, "minister", false },
    { "The envoy said the U.S. — not Japan — denied the report.", false, false, "Japan", false },
    { "MINISTRY DENIES REPORT\n\nThe ministry denied the report.", false, false, "ministry", false },
    { "共同会見で防衛省は報道を否定した。", false, false, "防衛省", false },
    { "[2021/04/01 10:00] 防衛省は報道を否定した。", false, false, "防衛省", false },
  }
  for _, c in ipairs(lines) do
    it(c[1], function()
      local doc = assert(kiji.annotate(c[1]))
      local d = doc.denials[#doc.denials]
      assert.are.same({ c[2], c[3], c[4], c[5] }, {
        doc.dateline and doc.dateline.text or false, doc.source and doc.source.text or false,
        d.by and d.by.text or false, d.reported_by and d.reported_by.text or false })
      if doc.dateline then assert.are.equal(doc.dateline.text, c[1]:sub(doc.dateline.start, doc.dateline.stop)) end
    end)
  end
  it("gives the source as the outlet's own table, and JSON null when none", function()
    local doc = assert(kiji.annotate("TOKYO (Kyodo) -- The ministry denied the report."))
    assert.is_true(rawequal(doc.outlets[1], doc.source))
    assert.is_true(rawequal(doc.source, doc.denials[1].reported_by))
    local j = cjson.decode(kiji.json(doc))
    assert.are.same({ "TOKYO (Kyodo) --", 0, 16, "Kyodo" },
      { j.dateline.text, j.dateline.start, j.dateline["end"], j.source.text })
    j = cjson.decode(kiji.json(assert(kiji.annotate("The ministry denied the report."))))
    assert.are.equal(cjson.null, j.dateline)
    assert.are.equal(cjson.null, j.source)
  end)
end)

describe("kiji.annotate quotes", function()
  -- { text, { {quote text, speaker|false, cue|false, sentence, sentences}, ... } }:
  -- every quotation of the text, in order. Texts written for these tests.
  local function quotes(text)
    local out = {}
    for i, q in ipairs(assert(kiji.annotate(text)).quotes) do
      assert.are.equal(q.text.text, text:sub(q.text.start, q.text.stop))
      out[i] = { q.text.text, q.speaker and q.speaker.text or false, q.cue and q.cue.text or false,
                 q.sentence, q.sentences }
    end
    return out
  end
  local cases = {
    -- the speech verb after the closing mark
    { "\"None of that happened,\" a ministry spokeswoman said.",
      { { "None of that happened,", "ministry spokeswoman", "said", 1, 1 } } },
    { "\"We have never seen the document,\" Defense Minister Tomoko Arai told reporters.",
      { { "We have never seen the document,", "Defense Minister Tomoko Arai", "told", 1, 1 } } },
    { "\"The account is wrong,\" said a cabinet spokesman.",
      { { "The account is wrong,", "cabinet spokesman", "said", 1, 1 } } },
    { "\"It is a fabrication,\" the embassy said in a statement.",
      { { "It is a fabrication,", "embassy", "said", 1, 1 } } },
    { "“We deny it,” Tanaka said on Monday.", { { "We deny it,", "Tanaka", "said", 1, 1 } } },
    -- the speech verb before the opening mark
    { "Tanaka said: \"The story is baseless.\"", { { "The story is baseless.", "Tanaka", "said", 1, 1 } } },
    { "The foreign ministry said in a statement: \"The claims are groundless.\"",
      { { "The claims are groundless.", "foreign ministry", "said", 1, 1 } } },
    { "Chief Cabinet Secretary Ken Ueda told reporters, \"There is no such plan.\"",
      { { "There is no such plan.", "Chief Cabinet Secretary Ken Ueda", "told", 1, 1 } } },
    { "The spokeswoman said \"no.\"", { { "no.", "spokeswoman", "said", 1, 1 } } },
    { "The minister said that \"the figures were never hidden from anyone.\"",
      { { "the figures were never hidden from anyone.", "minister", "said", 1, 1 } } },
    { "Tanaka said: \"The report is false,\" Kyodo reported.",
      { { "The report is false,", "Tanaka", "said", 1, 1 } } },
    { "Tanaka said: \"The report is false. Nobody met him,\" Kyodo reported.",
      { { "The report is false. Nobody met him,", "Tanaka", "said", 1, 2 } } },
    -- across sentences: the speaker after the last closing mark, or before the first
    { "\"The report is untrue. Nobody met the envoy,\" the spokeswoman said.",
      { { "The report is untrue. Nobody met the envoy,", "spokeswoman", "said", 1, 2 } } },
    { "\"The report is untrue. Nobody met the envoy. We never will,\" the aide said.",
      { { "The report is untrue. Nobody met the envoy. We never will,", "aide", "said", 1, 3 } } },
    { "Tanaka said: \"The story is baseless. Nobody met the envoy.\"",
      { { "The story is baseless. Nobody met the envoy.", "Tanaka", "said", 1, 2 } } },
    { "Rain fell. \"The plan was dropped,\" Bach said. \"We will not go back to it.\"",
      { { "The plan was dropped,", "Bach", "said", 2, 1 }, { "We will not go back to it.", "Bach", false, 3, 1 } } },
    { "The minister said:\n\n“The report is false. We deny it.\n\n“Nobody met the envoy,” she added.",
      { { "The report is false. We deny it.", "minister", "said", 2, 2 },
        { "Nobody met the envoy,", "she", "added", 4, 1 } } },
    { "The spokesman said:\n\n\"It is false. It is baseless.\n\n\"We never met him.\"",
      { { "It is false. It is baseless.", "spokesman", "said", 2, 2 },
        { "We never met him.", "spokesman", "said", 4, 1 } } },
    -- the paragraph after "X said:"
    { "The minister said:\n\nThe report is false. We deny it.\n\nReporters left.",
      { { "The report is false. We deny it.", "minister", "said", 2, 2 } } },
    { "He said:\nThe report is false.", { { "The report is false.", "He", "said", 1, 1 } } },
    { "The agency said in a statement:\nNo data was lost.\nThe agency then closed.",
      { { "No data was lost.", "agency", "said", 1, 1 } } },
    { "Defense Minister Tomoko Arai told reporters:\n\nThe drill was planned. Nobody was hurt.",
      { { "The drill was planned. Nobody was hurt.", "Defense Minister Tomoko Arai", "told", 2, 2 } } },
    { "The embassy stated:\nThe visa rules have not changed.\n\nStaff left.",
      { { "The visa rules have not changed.", "embassy", "stated", 1, 1 } } },
    -- transcript labels: a turn runs to its paragraph's end
    { "SPOKESMAN: The report is completely false. We deny it.\nQUESTION: Is that so?",
      { { "The report is completely false. We deny it.", "SPOKESMAN", "SPOKESMAN:", 1, 2 } } },
    { "Chief Cabinet Secretary Ken Ueda: We deny it.",
      { { "We deny it.", "Chief Cabinet Secretary Ken Ueda", "Chief Cabinet Secretary Ken Ueda:", 1, 1 } } },
    { "Defense Ministry: the report is untrue", { { "the report is untrue", "Defense Ministry", "Defense Ministry:", 1, 1 } } },
    { "Q: Is it true?\nSPOKESWOMAN: It is not.",
      { { "It is not.", "SPOKESWOMAN", "SPOKESWOMAN:", 2, 1 } } },
    { "【報道官】それは全くの虚偽だ。", { { "それは全くの虚偽だ。", "報道官", "【報道官】", 1, 1 } } },
    { "【官房長官】報道は事実無根だ。我々は否定する。\n【記者】本当ですか。",
      { { "報道は事実無根だ。我々は否定する。", "官房長官", "【官房長官】", 1, 2 } } },
    { "【防衛相】そのような計画はない。", { { "そのような計画はない。", "防衛相", "【防衛相】", 1, 1 } } },
    { "【中国外務省報道官】報道はでっち上げだ。",
      { { "報道はでっち上げだ。", "中国外務省報道官", "【中国外務省報道官】", 1, 1 } } },
    { "報道官：事実ではない。", { { "事実ではない。", "報道官", "報道官：", 1, 1 } } },
    -- Japanese headlines: 「…」＝X, X「…」, 「…」 X, 「…」とX
    { "「根拠のない臆測」＝中国外務省", { { "根拠のない臆測", "中国外務省", false, 1, 1 } } },
    { "「事実無根」＝防衛省", { { "事実無根", "防衛省", false, 1, 1 } } },
    { "「そのような事実はない」＝官房長官", { { "そのような事実はない", "官房長官", false, 1, 1 } } },
    { "「報道は誤りだ」＝韓国国防省報道官", { { "報道は誤りだ", "韓国国防省報道官", false, 1, 1 } } },
    { "「全くのでたらめ」=外務省", { { "全くのでたらめ", "外務省", false, 1, 1 } } },
    { "官房長官「事実無根」", { { "事実無根", "官房長官", false, 1, 1 } } },
    { "防衛相「報道は誤り」", { { "報道は誤り", "防衛相", false, 1, 1 } } },
    { "中国外務省報道官「でっち上げだ」", { { "でっち上げだ", "中国外務省報道官", false, 1, 1 } } },
    { "外務省「計画はない」", { { "計画はない", "外務省", false, 1, 1 } } },
    { "韓国国防省『事実ではない』", { { "事実ではない", "韓国国防省", false, 1, 1 } } },
    { "「事実無根だ」 官房長官", { { "事実無根だ", "官房長官", false, 1, 1 } } },
    { "「計画は存在しない」　防衛相", { { "計画は存在しない", "防衛相", false, 1, 1 } } },
    { "「報道は誤りだ」 中国外務省", { { "報道は誤りだ", "中国外務省", false, 1, 1 } } },
    { "「そのような事実はない」 外務報道官", { { "そのような事実はない", "外務報道官", false, 1, 1 } } },
    { "「検討していない」 韓国大統領府", { { "検討していない", "韓国大統領府", false, 1, 1 } } },
    { "「事実ない」と官房長官", { { "事実ない", "官房長官", false, 1, 1 } } },
    -- Japanese quote verbs
    { "防衛省は報道について「事実ではない」とした。", { { "事実ではない", "防衛省", "した", 1, 1 } } },
    { "官房長官は「計画は存在しない」としている。", { { "計画は存在しない", "官房長官", "している", 1, 1 } } },
    { "防衛省は「報道は誤りだ」としており、調査はしない。", { { "報道は誤りだ", "防衛省", "しており", 1, 1 } } },
    { "外務省は「そうした計画はない」としたうえで、説明を続けた。", { { "そうした計画はない", "外務省", "した", 1, 1 } } },
    { "大使館は記事を「捏造だ」と強く批判した。", { { "捏造だ", "大使館", "批判した", 1, 1 } } },
    { "外務省は「報道は事実無根だ」と断言した。", { { "報道は事実無根だ", "外務省", "断言した", 1, 1 } } },
    { "報道官は記事を「誤りだ」と指摘した。", { { "誤りだ", "報道官", "指摘した", 1, 1 } } },
    { "報道官は報道を「ばかげている」とはねつけた。", { { "ばかげている", "報道官", "とはねつけた", 1, 1 } } },
    { "大使館は記事を「悪意のある中傷だ」と一蹴した。", { { "悪意のある中傷だ", "大使館", "一蹴", 1, 1 } } },
    { "政府は報道を「虚偽だ」として退けた。", { { "虚偽だ", "政府", "退けた", 1, 1 } } },
    { "防衛相は「そのような事実はない」と記者団に述べた。", { { "そのような事実はない", "防衛相", "述べた", 1, 1 } } },
    { "松野官房長官は「事実はない」と明確に否定した。", { { "事実はない", "松野官房長官", "明確に否定", 1, 1 } } },
    { "官房長官は「報道は誤りだ」と述べた。「計画に変更はない」。",
      { { "報道は誤りだ", "官房長官", "述べた", 1, 1 }, { "計画に変更はない", "官房長官", false, 2, 1 } } },
    -- no quotation: scare quotes, titles, names, apostrophes, a colon in a sentence
    { "The ministry denied the so-called \"report\".", {} },
    { "He gave a \"final\" warning to the firm.", {} },
    { "The ministry's 'report' isn't true, an aide said.", {} },
    { "Tanaka said the so-called \"plan\" was false.", {} },
    { "Tanaka said there were two reasons: cost and time.", {} },
    { "Q: Is it true?", {} },
    { "Note: the ministry denied it.", {} },
    { "『日本書紀』を読んだ。", {} },
    { "「はやぶさ2」が帰還した。", {} },
    { "「東京大会にかかる報道について」と題した文書を公表した。", {} },
    { "「りんご」と「みかん」を比べた。", {} },
    { "首相は「こども政策」担当相を任命した。", {} },
    { "He said \"the report is false. A. B. C. D. E. F. G. H. I.", {} },
  }
  for _, c in ipairs(cases) do
    it(c[1], function() assert.are.same(c[2], quotes(c[1])) end)
  end

  it("gives what a quotation carries its speaker, and the quotation itself", function()
    local doc = assert(kiji.annotate("\"The report is untrue. We never discussed a visit,\" "
      .. "Chief Cabinet Secretary Ken Ueda said."))
    local q = doc.quotes[1]
    assert.are.equal("Chief Cabinet Secretary Ken Ueda", doc.denials[1].by.text)
    assert.is_true(rawequal(q, doc.denials[1].quote))
    assert.is_true(rawequal(q, doc.attributions[1].quote))
    assert.is_true(rawequal(q.speaker, doc.officials[1]))
    doc = assert(kiji.annotate("【報道官】それは全くの虚偽だ。我々は否定する。"))
    assert.are.same({ "報道官", "報道官" }, { doc.denials[1].by.text, doc.denials[2].by.text })
    assert.is_true(rawequal(doc.quotes[1], doc.denials[2].quote))
    doc = assert(kiji.annotate("The ministry said nothing. It denied the report."))
    assert.is_nil(doc.denials[1].quote)
  end)

  it("gives \"we\" inside a quotation its speaker, not a party named there", function()
    local function by(text) return assert(kiji.annotate(text)).denials[1].by.text end
    assert.are.equal("spokeswoman", by("\"We deny it. We reject the claims,\" the spokeswoman said."))
    assert.are.equal("ministry", by("\"The figures are right. The ministry denied the report,\" Tanaka said."))
  end)

  it("cuts a carried claim at the quotation's marks", function()
    local d = assert(kiji.annotate("He said:\n\"The story is baseless. Nothing happened.\"")).denials[1]
    assert.are.same({ "baseless", "He", "The story" }, { d.cue.text, d.by.text, d.claim.text })
  end)

  it("takes a Japanese quotation's falsehood word for the denial, its verb for the quotation", function()
    local doc = assert(kiji.annotate("報道官は報道を「全くの捏造だ」と一蹴した。"))
    assert.are.same({ "捏造", "報道官" }, { doc.denials[1].cue.text, doc.denials[1].by.text })
    assert.are.same({ "全くの捏造だ", "一蹴" }, { doc.quotes[1].text.text, doc.quotes[1].cue.text })
    assert.is_true(rawequal(doc.quotes[1], doc.denials[1].quote))
  end)

  it("gives an anaphor speaker its antecedent", function()
    local doc = assert(kiji.annotate("Defense Minister Tomoko Arai met the envoy. \"We deny it,\" she said."))
    assert.is_true(rawequal(doc.officials[1], doc.quotes[1].speaker.antecedent))
    assert.is_true(rawequal(doc.officials[1], doc.denials[1].by.antecedent))
  end)

  it("writes quotes in JSON: a copy on what they carry, null when none", function()
    local doc = assert(kiji.annotate("\"It is false,\" Tanaka said. The ministry denied it."))
    local j = cjson.decode(kiji.json(doc))
    assert.are.equal(1, #j.quotes)
    local q = j.quotes[1]
    assert.are.same({ "It is false,", 1, 13, "Tanaka", "said", 0, 1 },
      { q.text.text, q.text.start, q.text["end"], q.speaker.text, q.cue.text, q.sentence, q.sentences })
    assert.are.same(q, j.denials[1].quote)
    assert.are.same(q, j.attributions[1].quote)
    assert.are.equal(cjson.null, j.denials[2].quote)
    j = cjson.decode(kiji.json(assert(kiji.annotate("No quotation here."))))
    assert.are.same({}, j.quotes)
  end)
end)

describe("kiji.annotate", function()
  local text = "Japan's Defense Ministry denied the report, Kyodo News said.\n\n"
    .. "防衛省は報道を否定した。"
  local doc = assert(kiji.annotate(text))

  it("has the SCHEMA.md keys, 1-based spans", function()
    assert.are.equal(2, doc.kiji)
    assert.are.equal("mixed", doc.lang)
    assert.are.equal(#text, doc.bytes)
    assert.are.equal(2, #doc.sentences)
    for _, m in ipairs(doc.officials) do
      assert.are.equal(m.text, text:sub(m.start, m.stop))
      assert.are.equal("official", m.kind)
    end
    assert.are.equal("Kyodo News", doc.outlets[1].text)
    assert.are.equal("kyodo", doc.outlets[1].id)
  end)

  it("gives a denial's by as the mention's own table", function()
    local d = doc.denials[1]
    local same = false
    for _, m in ipairs(doc.officials) do same = same or rawequal(m, d.by) end
    assert.is_true(same)
    assert.are.equal(d.sentence.text, text:sub(d.sentence.start, d.sentence.stop))
  end)

  it("gives a predicate's claim its subject, not an opening quote mark", function()
    local d = assert(kiji.annotate("\"This story is false,\" Tanaka told reporters.")).denials[1]
    assert.are.same({ "false", "Tanaka", "This story" }, { d.cue.text, d.by.text, d.claim and d.claim.text })
    d = assert(kiji.annotate("\"There is no truth to it,\" an aide told reporters.")).denials[1]
    assert.is_nil(d.claim) -- "There" names no claim
  end)

  it("gives a denial's target: an outlet's own table, or an anaphor and its antecedent", function()
    local direct = assert(kiji.annotate("A ministry spokesman said Kyodo's report was untrue."))
    local t = direct.denials[1].target
    assert.is_true(rawequal(direct.outlets[1], t))
    local two = "Reuters reported that the talks had failed. The ministry denied the report."
    local anaphor = assert(kiji.annotate(two))
    t = anaphor.denials[1].target
    assert.are.equal("the report", t.text)
    assert.are.equal(t.text, two:sub(t.start, t.stop))
    assert.is_true(rawequal(anaphor.outlets[1], t.antecedent))
    assert.is_nil(assert(kiji.annotate("The ministry denied a media report.")).denials[1].target)
  end)

  it("gives an anaphor denier the mention it refers to, as the mention's own table", function()
    local function antecedent(text)
      local d = assert(kiji.annotate(text))
      local by = d.denials[#d.denials].by
      if not (by and by.antecedent) then return nil end
      for _, m in ipairs(d.officials) do
        if rawequal(m, by.antecedent) then return by.text, m.text end
      end
      error("the antecedent is not one of the document's officials")
    end
    assert.are.same({ "She", "Defense Minister Tomoko Arai" },
      { antecedent("Defense Minister Tomoko Arai visited the base. She denied the report.") })
    assert.are.same({ "ministry", "Foreign Ministry" },
      { antecedent("The Foreign Ministry met. Police came. The ministry later denied the claim.") })
    assert.are.same({ "同省", "防衛省" }, { antecedent("防衛省は計画を発表した。同省は報道を否定した。") })
    assert.are.same({ "同氏", "稲田朋美防衛相" },
      { antecedent("稲田朋美防衛相は会見した。同氏は関与を否定した。") })
    assert.is_nil(antecedent("The Foreign Ministry met. He denied the report."))
    assert.is_nil(antecedent("\"We deny it,\" she said."))
  end)

  it("shares ids across languages", function()
    local en = assert(kiji.annotate("Kyodo reported it."))
    local ja = assert(kiji.annotate("共同通信が報じた。"))
    assert.are.equal(en.outlets[1].id, ja.outlets[1].id)
  end)

  it("writes JSON that cjson reads back, 0-based and half-open", function()
    local j = cjson.decode(kiji.json(doc, "doc-1"))
    assert.are.equal("doc-1", j.id)
    assert.are.equal(#doc.officials, #j.officials)
    for i, m in ipairs(j.officials) do
      assert.are.equal(doc.officials[i].start - 1, m.start)
      assert.are.equal(doc.officials[i].stop, m["end"])
      assert.are.equal(m.text, text:sub(m.start + 1, m["end"]))
      assert.is_nil(m.stop)
    end
    assert.are.equal(#doc.denials, #j.denials)
  end)

  it("escapes what JSON must escape", function()
    local t = "Tabs\tand \"quotes\" \\ \1 \127 and bad \255 bytes: Kyodo denied it.\n"
    local d = assert(kiji.annotate(t))
    local j = cjson.decode(kiji.json(d, "a\"b\n"))
    assert.are.equal("a\"b\n", j.id)
    assert.are.equal(#t, j.bytes)
  end)

  it("takes extra dictionaries into the same rules", function()
    local d = assert(kiji.dictionary {
      { "Tsugaru Evening Post", kind = "outlet", id = "tsugaru_post", payload = "subtype=newspaper;country=JP" },
      { "Harbor Agency", kind = "body", id = "harbor", payload = "subtype=agency;country=JP" },
    })
    local t = "The Harbor Agency denied a report by the Tsugaru Evening Post."
    local doc2 = assert(kiji.annotate(t, { dictionaries = { d } }))
    assert.are.same({ "Harbor Agency" }, texts(doc2.officials))
    assert.are.same({ "Tsugaru Evening Post" }, texts(doc2.outlets))
    assert.are.equal("tsugaru_post", doc2.outlets[1].id)
    assert.are.equal("Harbor Agency", doc2.denials[1].by.text)
  end)

  it("follows lang and invalid options", function()
    local d = assert(kiji.annotate("abc", { lang = "ja" }))
    assert.are.equal("ja", d.lang)
    local bad = "Kyodo \255 denied"
    assert.is_table(kiji.annotate(bad))
    local none, err = kiji.annotate(bad, { invalid = "error" })
    assert.is_nil(none)
    assert.matches("invalid UTF%-8", err)
  end)

  it("handles empty and NUL-holding texts", function()
    local d = assert(kiji.annotate(""))
    assert.are.equal(0, #d.sentences)
    local j = cjson.decode(kiji.json(d))
    assert.are.equal(0, j.bytes)
    assert.are.same({}, j.officials)
    assert.are.same({}, j.denials)
    local z = assert(kiji.annotate("Kyodo\0denied\0it"))
    assert.are.equal(15, z.bytes)
  end)

  it("raises on wrong arguments", function()
    assert.has_error(function() kiji.annotate() end)
    assert.has_error(function() kiji.annotate({}) end)
    assert.has_error(function() kiji.annotate("x", "en") end)
    assert.has_error(function() kiji.annotate("x", { lang = "fr" }) end)
    assert.has_error(function() kiji.annotate("x", { invalid = 1 }) end)
    assert.has_error(function() kiji.annotate("x", { dictionaries = "d" }) end)
    assert.has_error(function() kiji.annotate("x", { dictionaries = { 1 } }) end)
    assert.has_error(function() kiji.json({}) end)
    assert.has_error(function() kiji.json(doc, 5) end)
  end)

  it("keeps each document's JSON after later calls", function()
    local first = kiji.json(doc)
    kiji.annotate("Another text entirely, denied by Reuters.")
    collectgarbage()
    assert.are.equal(first, kiji.json(doc))
  end)

  it("exposes the built-in lexicon", function()
    local lex = kiji.lexicon()
    assert.is_true(#lex > 2000)
    local m = lex:scan("Kyodo News")
    assert.are.equal("outlet", m[1].kind)
  end)
end)
