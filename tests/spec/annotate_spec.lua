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
  -- open-class bodies (en): a head noun the lexicon does not list, with
  -- capitalized name words, an "of/for X" complement, a nationality or a
  -- leader's name; the head must end the phrase
  { "The Office for National Statistics said prices rose.", officials = { "Office for National Statistics" } },
  { "The Department of Fisheries, Forests and the Coast denied the report.",
    officials = { "Department of Fisheries, Forests and the Coast" } },
  { "The Revenue Service rejected the claim.", officials = { "Revenue Service" } },
  { "The Italian presidency denied the story.", officials = { "Italian presidency" } },
  { "The Biden administration dismissed the report.", officials = { "Biden administration" } },
  { "Taiwan's military denied the report on Monday.", officials = { "military" } },
  { "The Federal Aviation Authority said on Monday that the runway was safe.",
    officials = { "Federal Aviation Authority" } },
  { "The Ministry of Ecological Transition said it would wait.", officials = { "Ministry of Ecological Transition" } },
  { "The Japanese military denied the report.", officials = { "Japanese military" } },
  { "A spokesman said the Coastal Shipping Agency's data were wrong.", officials = { "Coastal Shipping Agency" } },
  { "The Department of Agriculture, Food and the Marine denied the report.",
    officials = { "Department of Agriculture, Food and the Marine" } },
  -- a lexicon body inside a longer name: the longer name
  { "Iran's Supreme National Security Council denied the report.",
    officials = { "Supreme National Security Council" } },
  { "The Italian Ministry of Ecological Transition denied the report.",
    officials = { "Italian Ministry of Ecological Transition" } },
  { "The Kishida cabinet approved the plan.", officials = { "Kishida cabinet" } },
  -- traps: a modifier of a noun after it, a company's or a product's
  -- office, sentence-initial and headline capitals, lower-case heads
  { "Chinese military hackers stole the files.", officials = {} },
  { "He bought Microsoft Office last year.", officials = {} },
  { "The film topped the Box Office again.", officials = {} },
  { "Department stores reported weak sales.", officials = {} },
  { "Startup Opens Office In Tokyo", officials = {} },
  { "The company's Tokyo office handled the claim.", officials = {} },
  { "Office workers said the building was cold.", officials = {} },
  { "Chinese Military Hackers Blamed For Breach", officials = {} },
  { "The Osaka Travel Agency said the tour was full.", officials = {} },
  { "The Japanese military service ended in 1945.", officials = {} },
  { "The Atlantic Council published a report.", officials = {} },
  { "Pro-Russian forces shelled the town.", officials = {} },
  { "The Houthi military said it fired missiles.", officials = {} },
  { "The company's Legal Department said so.", officials = {} },
  { "A Customer Service Department employee said so.", officials = {} },
  -- open-class bodies (ja): a compound that ends with 省・庁・局・室・部・軍・
  -- 当局・部隊 and holds a country or a word of government
  { "行政改革推進室は報道を否定した。", officials = { "行政改革推進室" } },
  { "日米防衛当局は報道を否定した。", officials = { "日米防衛当局" } },
  { "タイ国家警察局が発表した。", officials = { "タイ国家警察局" } },
  { "捜査当局は関与を否定した。", officials = { "捜査当局" } },
  { "国境管理局は声明を出した。", officials = { "国境管理局" } },
  { "ケニア国境警備隊が発表した。", officials = { "ケニア国境警備隊" } },
  { "東京税関が摘発した。", officials = { "東京税関" } },
  -- traps: parts, wholes, regions, a paper's bureau, rooms, rebels
  { "一部の報道によると、全部が内部の話だ。", officials = {} },
  { "中国北部で地震があった。", officials = {} },
  { "反乱軍が首都に迫った。", officials = {} },
  { "朝日新聞中国総局が伝えた。", officials = {}, outlets = { "朝日新聞" } },
  { "会議室で説明があった。", officials = {} },
  { "将軍が現れた。", officials = {} },
  { "郵便局の窓口が混雑した。", officials = {} },
  { "大会組織委員会は報道を否定した。", officials = {} },
  { "英語教育室が新設された。", officials = {} },
  -- acronyms defined in the text: a later use is a mention of what the
  -- definition named; a definition for something else makes no official
  { "The Supreme Security Commission (SSC) met on Friday. Later the SSC denied the report.",
    officials = { "Supreme Security Commission", "SSC", "SSC" } },
  { "The Maritime Safety Directorate (MSD) said so. MSD officials denied it.",
    officials = { "Maritime Safety Directorate", "MSD", "MSD officials" } },
  { "The Supreme Security Commission (SSC) met. An SSC spokesman denied the report.",
    officials = { "Supreme Security Commission", "SSC", "SSC spokesman" },
    denials = { { "denied", "SSC spokesman", false } } },
  -- the name before a bracketed acronym is the party
  { "The Supreme Security Commission (SSC) on Monday denied the report.",
    denials = { { "denied", "Supreme Security Commission", false } } },
  { "海上保安庁（JCG）は報道を否定した。", denials = { { "否定", "海上保安庁", false } } },
  { "The Harbor Evening Courier (HEC) reported the plan. HEC later corrected it.",
    outlets = { "Harbor Evening Courier", "HEC", "HEC" } },
  { "国家サイバー統括室（ＮＣＯ）は調査した。ＮＣＯは報道を否定した。",
    officials = { "国家サイバー統括室", "ＮＣＯ", "ＮＣＯ" } },
  { "The Revenue Service (RS) said so. The RS denied the report.", officials = { "Revenue Service", "RS", "RS" } },
  -- traps
  { "The Tokyo Power Company (TPC) said so. TPC denied the report.", officials = {} },
  { "The Pacific Power Company (PPC) said so. PPC denied the report.", officials = {} },
  { "The SSC met on Friday.", officials = {} },
  { "SSC met. The Supreme Security Commission (SSC) met too.", officials = { "Supreme Security Commission", "SSC" } },
  { "Prices rose (CPI) again. CPI data came out.", officials = {} },
  { "The plan (which the Supreme Security Commission announced) was late.", officials = { "Supreme Security Commission" } },
  -- outlets by pattern: a katakana name before 紙 / 誌, capitalized words
  -- before Times / Post / Herald / Daily; the suffix must end the name
  { "ボルドー・クーリエ紙が報じた。", outlets = { "ボルドー・クーリエ紙" } },
  { "ガゼタ紙によると、計画は延期された。", outlets = { "ガゼタ紙" } },
  { "マリタイム・レビュー誌が報じた。", outlets = { "マリタイム・レビュー誌" } },
  { "The Harbor Courier reported it.", outlets = { "Harbor Courier" } },
  { "The Manila Daily reported it on Monday.", outlets = { "Manila Daily" } },
  { "Baltic Times Reports Plan", outlets = { "Baltic Times" } },
  -- traps
  { "スポーツ紙が報じた。", outlets = {} },
  { "コピー紙が不足した。", outlets = {} },
  { "ファッション誌が特集した。", outlets = {} },
  { "New Times Square opened.", outlets = {} },
  { "The Tokyo Post Office closed early.", outlets = {} },
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
