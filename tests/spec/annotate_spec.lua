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
  { "Jiji Press said the firm flatly rejected the claims.", denials = { { "rejected", "firm", "Jiji Press" } } },
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
  -- nominal denials (issue 13): the possessor or the agent after "by" denies
  { "The story drew a swift rejection by the cabinet office.",
    denials = { { "rejection", "cabinet office", false } } },
  { "The embassy's denial came within the hour.", denials = { { "denial", "embassy", false } } },
  { "The defense ministry's rejection of the report surprised analysts.",
    denials = { { "rejection", "defense ministry", false } } },
  { "防衛省による否定は翌日になった。", denials = { { "否定", "防衛省", false } } },
  { "外務省からの反論が相次いだ。", denials = { { "反論", "外務省", false } } },
  -- a party that is no official (ANNOTATION.md: any party can deny); describing verbs
  { "The company denied any wrongdoing.", denials = { { "denied", "company", false } } },
  { "Organizers rejected the report as false.", denials = { { "rejected", "Organizers", false } } },
  { "The ministry, which oversees the company, denied the report.",
    denials = { { "denied", "ministry", false } } },
  { "A Japanese company denied the report.", denials = { { "denied", false, false } } },
  { "The embassy denounced the article as a \"fabrication\" on Friday.",
    denials = { { "fabrication", "embassy", false } } },
  { "Officials condemned the story as a smear and a lie.", denials = { { "lie", "Officials", false } } },
  { "会社側は不正への関与を否定している。", denials = { { "否定", "会社側", false } } },
  { "大会組織委員会は報道内容を全面的に否定した。", denials = { { "全面的に否定", "大会組織委員会", false } } },
  { "防衛省は、委託先の会社は関与していないとして報道を否定した。", denials = { { "否定", "防衛省", false } } },
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
  { "The ministry's rejection of the proposal angered farmers.", denials = {} },
  { "The party's rejection of the tax plan was expected.", denials = {} },
  { "A dismissal of the lawsuit by the judge followed.", denials = {} },
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
  -- a scraped line: headline, time stamp, caption and story run together
  { "防衛省、報道を否定 2024.2.1 09:30 会見する長官=1日、東京都内 長官は「事実無根だ」と否定した。",
    denials = { { "否定", "防衛省", false }, { "否定", "長官", false } } },
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

  -- Recall and precision over sentences of our own, each with the
  -- attributions it must give ({ cue, source }, compared either-contains,
  -- case-folded, less a leading "the") or none: every frame of issue 13
  -- (SOURCE VERB (that) CLAIM, "CLAIM," SOURCE VERB, CLAIM, SOURCE VERB,
  -- "…," VERB SOURCE, SOURCE, apposition, VERB, according to SOURCE,
  -- participles), nouns that look like verbs and verbs with no clause.
  local table_en = {
    { "The finance minister warned that the deficit would grow next year.", { { "warned", "finance minister" } } },
    { "Analysts believe the central bank will raise rates in March.", { { "believe", "Analysts" } } },
    { "The company claimed it had paid all of its taxes.", { { "claimed", "company" } } },
    { "Opposition lawmakers argued that the bill was unconstitutional.", { { "argued", "Opposition lawmakers" } } },
    { "The mayor insisted the bridge was safe.", { { "insisted", "mayor" } } },
    { "Police noted that the suspect had no prior record.", { { "noted", "Police" } } },
    { "The minister acknowledged that mistakes had been made.", { { "acknowledged", "minister" } } },
    { "Health officials estimated that 3,000 people had been infected.", { { "estimated", "Health officials" } } },
    { "The governor announced that schools would reopen on Monday.", { { "announced", "governor" } } },
    { "The report found that emissions had risen by 4 percent.", { { "found", "report" } } },
    { "A spokeswoman for the airline confirmed that two flights were cancelled.", { { "confirmed", "spokeswoman" } } },
    { "The union stressed that the strike would continue.", { { "stressed", "union" } } },
    { "Prosecutors alleged that the executive had hidden the losses.", { { "alleged", "Prosecutors" } } },
    { "He admitted he had made an error.", { { "admitted", "He" } } },
    { "The ambassador wrote that the talks had stalled.", { { "wrote", "ambassador" } } },
    { "Residents complained that the water tasted of metal.", { { "complained", "Residents" } } },
    { "The central bank predicted that inflation would ease.", { { "predicted", "central bank" } } },
    { "The coach suggested the team had lost its focus.", { { "suggested", "coach" } } },
    { "The survey shows that most voters oppose the plan.", { { "shows", "survey" } } },
    { "The defense minister has repeatedly said the missiles pose no threat.", { { "said", "defense minister" } } },
    { "Investors fear that the trade dispute will hurt exports.", { { "fear", "Investors" } } },
    { "The firm's lawyers contended that the contract was void.", { { "contended", "lawyers" } } },
    { "The minister told parliament that the budget was balanced.", { { "told", "minister" } } },
    { "Many scientists think the glacier will vanish within decades.", { { "think", "scientists" } } },
    { "The regulator warned investors that the scheme was a fraud.", { { "warned", "regulator" } } },
    { "Kyodo News reported that the ministry denied the report.", { { "reported", "Kyodo News" } } },
    { "The chairman pointed out that sales had doubled.", { { "pointed out", "chairman" } } },
    { "Doctors say the vaccine is safe.", { { "say", "Doctors" } } },
    { "\"We will not raise taxes,\" the prime minister said.", { { "said", "prime minister" } } },
    { "\"The bridge is perfectly safe,\" the engineer insisted.", { { "insisted", "engineer" } } },
    { "\"This is only the beginning,\" she warned.", { { "warned", "she" } } },
    { "\"Our figures are correct,\" a company spokesman added.", { { "added", "company spokesman" } } },
    { "\"Nobody saw the letter,\" the aide claimed.", { { "claimed", "aide" } } },
    { "\"Prices will fall,\" analysts predicted on Monday.", { { "predicted", "analysts" } } },
    { "The talks will resume next week, the foreign ministry said.", { { "said", "foreign ministry" } } },
    { "The vote was rigged, opposition leaders alleged.", { { "alleged", "opposition leaders" } } },
    { "Sales fell sharply in the second quarter, the company noted.", { { "noted", "company" } } },
    { "The plant will close in June, the workers' union warned on Tuesday.", { { "warned", "union" } } },
    { "Turnout was higher than expected, election officials added.", { { "added", "election officials" } } },
    { "The ministry denied the report, Kyodo News said.", { { "said", "Kyodo News" } } },
    { "\"We have no choice,\" said the chairman.", { { "said", "chairman" } } },
    { "The ban will stay in place, said Maria Lopez, the agency's director.", { { "said", "Maria Lopez" } } },
    { "\"It is too early to tell,\" warned the central bank's governor.", { { "warned", "governor" } } },
    { "The harvest was the worst in a decade, noted the farm ministry.", { { "noted", "farm ministry" } } },
    { "\"This was a difficult year,\" admitted the club's manager.", { { "admitted", "manager" } } },
    { "Kenji Sato, a spokesman for the ministry, said that the plan was on hold.", { { "said", "Kenji Sato" } } },
    { "The mayor, who took office in May, argued that the budget was too small.", { { "argued", "mayor" } } },
    { "Lee, 52, said he would resign.", { { "said", "Lee" } } },
    { "The company, which makes car parts, warned that profits would fall.", { { "warned", "company" } } },
    { "The agency, citing safety concerns, announced that the launch was delayed.", { { "announced", "agency" } } },
    { "According to a poll by the Asahi Shimbun, most voters oppose the plan.", { { "According to", "a poll by the Asahi Shimbun" } } },
    { "According to documents seen by Reuters, the deal was signed in May.", { { "According to", "documents seen by Reuters" } } },
    { "The plan was dropped last year, according to two people familiar with the matter.", { { "according to", "people familiar with" } } },
    { "According to the ministry's statement, the ship left port on Friday.", { { "According to", "the ministry's statement" } } },
    { "According to officials, the fire started in the kitchen.", { { "According to", "officials" } } },
    { "Unemployment rose to 5 percent, according to government data.", { { "according to", "government data" } } },
    { "According to a report by the World Bank, growth will slow.", { { "According to", "a report by the World Bank" } } },
    { "The ministry denied the report, saying it contained several errors.", { { "saying", "ministry" } } },
    { "The union called off the strike, adding that talks would continue.", { { "adding", "union" } } },
    { "The agency raised its forecast, noting that exports had recovered.", { { "noting", "agency" } } },
    { "The company is arguing that the fine is excessive.", { { "arguing", "company" } } },
    { "Officials are warning that the river could flood.", { { "warning", "Officials" } } },
    { "The United States has imposed sanctions.", {} },
    { "Several states have passed similar laws.", {} },
    { "The states will vote on the measure next week.", {} },
    { "The company filed a claim with its insurer.", {} },
    { "The warning came too late for many residents.", {} },
    { "She left notes for her successor.", {} },
    { "He added three goals in the second half.", {} },
    { "The ministry noted the increase in applications.", {} },
    { "The team claimed the title on Sunday.", {} },
    { "Officials warned of heavy rain in the north.", {} },
    { "The senator insisted on a recount.", {} },
    { "The plan was announced last week.", {} },
    { "The museum explained the history of the castle to visitors.", {} },
    { "Everything went according to plan.", {} },
    { "The early warning system failed.", {} },
    { "He maintained the roads for ten years.", {} },
    { "The firm revealed a new phone on Tuesday.", {} },
    { "The company confirmed the appointment of a new chief executive.", {} },
    { "The ministry expects to finish the review by June.", {} },
    { "Prices are expected to rise.", {} },
    { "The Warning Office issued a bulletin.", {} },
    { "A judge found the man guilty.", {} },
    { "Their claims were rejected by the court.", {} },
    { "The new estimates show a sharp drop.", {} },
    { "The governor's warning that the dam could fail was ignored.", {} },
    { "Critics' claims that the vote was rigged have been dismissed.", {} },
    { "Experts believe in the power of education.", {} },
    { "She wrote a book about the war.", {} },
    { "He argued with his brother about money.", {} },
    { "The notes were found in a drawer.", {} },
    { "The ministry denied reports that it had paid a ransom.", {} },
    { "On Monday, the minister added.", {} },
    { "The airline said on Friday that it would cut 2,000 jobs.", { { "said", "airline" } } },
    { "Two senior diplomats told the newspaper that the summit had been postponed.", { { "told", "senior diplomats" } } },
    { "The watchdog concluded that the bank had broken no rules.", { { "concluded", "watchdog" } } },
    { "Local farmers worry that the drought will last another year.", { { "worry", "farmers" } } },
    { "The president's chief of staff conceded that the rollout had been slow.", { { "conceded", "chief of staff" } } },
    { "Researchers at the university calculated that the ice sheet lost 200 billion tons.", { { "calculated", "Researchers" } } },
    { "The striking nurses say their wages have not kept up with prices.", { { "say", "nurses" } } },
    { "Environmental groups charged that the permit was issued illegally.", { { "charged", "Environmental groups" } } },
    { "The defendant testified that he had never met the buyer.", { { "testified", "defendant" } } },
    { "She explained that the delay was caused by a software fault.", { { "explained", "She" } } },
    { "Critics contend the new rules will drive small shops out of business.", { { "contend", "Critics" } } },
    { "The navy disclosed that a second submarine had been damaged.", { { "disclosed", "navy" } } },
    { "The club's owner has promised that ticket prices will not rise.", { { "promised", "owner" } } },
    { "Officials in the capital estimate that 40,000 people have fled.", { { "estimate", "Officials" } } },
    { "The retailer revealed that its profits had fallen by half.", { { "revealed", "retailer" } } },
    { "\"We are not going anywhere,\" the protest leader vowed.", { { "vowed", "protest leader" } } },
    { "\"The numbers speak for themselves,\" the manager remarked.", { { "remarked", "manager" } } },
    { "\"I have done nothing wrong,\" he told reporters outside the court.", { { "told", "he" } } },
    { "The deal is worth about $3 billion, people briefed on the talks said.", { { "said", "people briefed on the talks" } } },
    { "Inflation will peak this summer, the bank's economists forecast.", { { "forecast", "economists" } } },
    { "The ceasefire is holding, a military spokesman confirmed.", { { "confirmed", "military spokesman" } } },
    { "\"Nobody is above the law,\" said the chief prosecutor.", { { "said", "chief prosecutor" } } },
    { "The factory will reopen in the spring, announced the company's president.", { { "announced", "president" } } },
    { "According to police, the driver was not injured.", { { "According to", "police" } } },
    { "According to the latest census, the city's population has shrunk.", { { "According to", "latest census" } } },
    { "The vessel carried 300 passengers, according to the coast guard.", { { "according to", "coast guard" } } },
    { "According to figures released on Monday, exports rose 6 percent.", { { "According to", "figures released on Monday" } } },
    { "The ministry rejected the claim, insisting that the data were accurate.", { { "insisting", "ministry" } } },
    { "The mayor is expected to resign.", {} },
    { "The governor signed the bill, arguing it would create jobs.", { { "arguing", "governor" } } },
    { "The teachers' union is demanding higher pay.", {} },
    { "The committee's findings were published on Tuesday.", {} },
    { "The report's authors noted several gaps in the data.", {} },
    { "Her comments drew sharp criticism.", {} },
    { "The company announced record profits.", {} },
    { "He stressed the importance of cooperation.", {} },
    { "The states that border the river share its water.", {} },
    { "Prices rose according to schedule.", {} },
    { "The suspect was found hiding in a barn.", {} },
    { "Villagers believe in an old legend.", {} },
    { "A warning was issued for the coast.", {} },
    { "The minister added a clause to the bill.", {} },
  }
  local table_ja = {
    { "外務省は「協議は続いている」と述べた。", { { "述べた", "外務省" } } },
    { "防衛省によると、艦船は午前に出港した。", { { "によると", "防衛省" } } },
    { "世論調査によると、内閣支持率は下落した。", { { "によると", "世論調査" } } },
    { "関係者によれば、交渉は来月再開される。", { { "によれば", "関係者" } } },
    { "NHKの世論調査によると、賛成は4割だった。", { { "によると", "NHKの世論調査" } } },
    { "官房長官は「問題はない」と強調した。", { { "強調した", "官房長官" } } },
    { "専門家は「景気は回復に向かう」と分析した。", { { "と分析した", "専門家" } } },
    { "首相は「増税は考えていない」と明言した。", { { "と明言した", "首相" } } },
    { "市長は「安全は確保されている」と説明した。", { { "説明した", "市長" } } },
    { "同社は「影響は限定的だ」との見方を示した。", { { "との見方を示した", "同社" } } },
    { "労組は「賃上げが不十分だ」と批判した。", { { "と批判した", "労組" } } },
    { "大臣は「対応に誤りがあった」と認めた。", { { "と認めた", "大臣" } } },
    { "気象庁は「大雨に警戒が必要だ」と警告した。", { { "と警告した", "気象庁" } } },
    { "知事は記者会見で「計画を見直す」と語った。", { { "語った", "知事" } } },
    { "日本銀行によると、物価は上昇を続けている。", { { "によると", "日本銀行" } } },
    { "朝日新聞は、政府が法案の提出を見送ると報じた。", { { "報じた", "朝日新聞" } } },
    { "捜査関係者によると、男は容疑を認めている。", { { "によると", "捜査関係者" } } },
    { "報告書によると、被害額は10億円に上った。", { { "によると", "報告書" } } },
    { "警察の調べでは、火元は台所だった。", { { "の調べでは", "警察" } } },
    { "社長は「来年度は黒字になる」と予測した。", { { "と予測した", "社長" } } },
    { "外相は会談後、「率直な意見交換ができた」と話した。", { { "話した", "外相" } } },
    { "野党は「説明が足りない」と訴えた。", { { "と訴えた", "野党" } } },
    { "議長は「審議を続ける」と付け加えた。", { { "と付け加えた", "議長" } } },
    { "大使はSNSに「訪問は成功だった」と投稿した。", { { "と投稿した", "大使" } } },
    { "教授は「制度の見直しが必要だ」と指摘した。", { { "指摘した", "教授" } } },
    { "同省の発表によると、死者は3人だった。", { { "の発表によると", "同省" } } },
    { "共同通信が伝えたところによると、会談は1時間続いた。", { { "が伝えたところによると", "共同通信" } } },
    { "経済産業省は、輸出が増加したと発表した。", { { "発表した", "経済産業省" } } },
    { "首相は「景気は緩やかに回復している」との認識を示した。", { { "との認識を示した", "首相" } } },
    { "長官は「情報は正確だ」と主張した。", { { "主張した", "長官" } } },
    { "政府は方針を決めた。", {} },
    { "両国の話し合いは続いた。", {} },
    { "説明会は来週開かれる。", {} },
    { "発表会の会場が変更された。", {} },
    { "大臣は誤りを認めた。", {} },
    { "市は警告を出した。", {} },
    { "その行為は違法と認められた。", {} },
    { "この町は昔から漁業が盛んだ。", {} },
    { "指摘事項を改善した。", {} },
    { "主張の違いが明らかになった。", {} },
    { "総務省の調査によると、利用者は増えている。", { { "によると", "総務省の調査" } } },
    { "消防によると、けが人はいない。", { { "によると", "消防" } } },
    { "外務省幹部は「会談の予定はない」と語った。", { { "語った", "外務省幹部" } } },
    { "同社の社長は「値上げは避けられない」と述べた。", { { "述べた", "社長" } } },
    { "研究チームは「温暖化の影響が大きい」と分析している。", { { "と分析している", "研究チーム" } } },
    { "村長は「復旧には時間がかかる」との見通しを示した。", { { "との見通しを示した", "村長" } } },
    { "医師会は「感染が再び広がる恐れがある」と警告した。", { { "と警告した", "医師会" } } },
    { "読売新聞は、首相が解散を検討していると報じた。", { { "報じた", "読売新聞" } } },
    { "気象庁の発表によると、震源の深さは10キロだった。", { { "の発表によると", "気象庁" } } },
    { "監督は「選手はよく戦った」と話している。", { { "話している", "監督" } } },
    { "会社は新製品を発表した。", { { "発表した", "会社" } } },
    { "話し合いの結果、計画は中止された。", {} },
    { "彼は規則を守らなかったことを認めた。", {} },
    { "報道陣が会場に集まった。", {} },
    { "説明書をよく読んでください。", {} },
  }
  local function fold(s) return (s:lower():gsub("^the ", "")) end
  local function agrees(got, want)
    local c1, c2 = fold(got.cue.text), fold(want[1])
    if not (c1:find(c2, 1, true) or c2:find(c1, 1, true)) or not got.source then return false end
    local s1, s2 = fold(got.source.text), fold(want[2])
    return s1:find(s2, 1, true) ~= nil or s2:find(s1, 1, true) ~= nil
  end
  local function score(list)
    local found, expected, right, predicted, misses = 0, 0, 0, 0, {}
    for _, c in ipairs(list) do
      local got, used = assert(kiji.annotate(c[1])).attributions, {}
      for _, want in ipairs(c[2]) do
        expected = expected + 1
        local hit = false
        for i, g in ipairs(got) do
          if not used[i] and agrees(g, want) then used[i], hit = true, true; break end
        end
        if hit then found = found + 1 else misses[#misses + 1] = c[1] end
      end
      for i, g in ipairs(got) do
        predicted = predicted + 1
        if used[i] then right = right + 1 else misses[#misses + 1] = c[1] .. " (" .. g.cue.text .. ")" end
      end
    end
    return found / expected, right / math.max(predicted, 1), misses
  end
  it("finds the reporting verbs' attributions: recall >= 0.8, precision >= 0.95 (en)", function()
    assert.is_true(#table_en >= 60)
    local recall, precision, misses = score(table_en)
    assert.is_true(recall >= 0.8 and precision >= 0.95,
      ("recall %.3f precision %.3f: %s"):format(recall, precision, table.concat(misses, " | ")))
  end)
  it("finds the reporting verbs' attributions: recall >= 0.8, precision >= 0.95 (ja)", function()
    assert.is_true(#table_ja >= 30)
    local recall, precision, misses = score(table_ja)
    assert.is_true(recall >= 0.8 and precision >= 0.95,
      ("recall %.3f precision %.3f: %s"):format(recall, precision, table.concat(misses, " | ")))
  end)
  -- the claim of each frame: { text, cue, source, claim }
  local claims = {
    -- SOURCE VERB (that) CLAIM
    { "The finance minister warned that the deficit would grow.", "warned", "finance minister", "the deficit would grow" },
    { "Analysts believe the central bank will raise rates.", "believe", "Analysts", "the central bank will raise rates" },
    { "The regulator warned investors that the scheme was a fraud.", "warned", "regulator", "the scheme was a fraud" },
    { "The airline said on Friday that it would cut jobs.", "said", "airline", "it would cut jobs" },
    { "The minister told the committee on Monday that the plan was dead.", "told", "minister", "the plan was dead" },
    { "He added: \"We will not give up.\"", "added", "He", "\"We will not give up.\"" },
    -- "CLAIM," SOURCE VERB
    { "\"We will not raise taxes,\" the prime minister said.", "said", "prime minister", "\"We will not raise taxes,\"" },
    { "\"The bridge is safe,\" the engineer insisted.", "insisted", "engineer", "\"The bridge is safe,\"" },
    { "\"Prices will fall,\" analysts predicted on Monday.", "predicted", "analysts", "\"Prices will fall,\"" },
    { "\"I have done nothing wrong,\" he told reporters outside the court.", "told", "he", "\"I have done nothing wrong,\"" },
    -- (the first person inside a quotation is its speaker: quotes.c)
    { "\"I think we can win,\" the coach said.", "think", "coach", "we can win" },
    -- CLAIM, SOURCE VERB.
    { "The talks will resume next week, the foreign ministry said.", "said", "foreign ministry", "The talks will resume next week" },
    { "The vote was rigged, opposition leaders alleged.", "alleged", "opposition leaders", "The vote was rigged" },
    { "The plant will close in June, the workers' union warned on Tuesday.", "warned", "workers' union", "The plant will close in June" },
    { "The talks will resume, Japan's Defense Ministry said.", "said", "Defense Ministry", "The talks will resume" },
    { "The ministry denied the report, Kyodo News said.", "said", "Kyodo News", "The ministry denied the report" },
    -- "…," VERB SOURCE / …, said the minister
    { "\"We have no choice,\" said the chairman.", "said", "chairman", "\"We have no choice,\"" },
    { "The ban will stay, said Maria Lopez, the agency's director.", "said", "Maria Lopez", "The ban will stay" },
    { "\"It is too early,\" warned the central bank's governor.", "warned", "central bank's governor", "\"It is too early,\"" },
    { "The harvest was poor, noted the farm ministry.", "noted", "farm ministry", "The harvest was poor" },
    { "\"This was a hard year,\" admitted the club's manager.", "admitted", "club's manager", "\"This was a hard year,\"" },
    -- SOURCE, apposition, VERB that …
    { "Kenji Sato, a spokesman for the ministry, said that the plan was on hold.", "said", "Kenji Sato", "the plan was on hold" },
    { "The company, which makes car parts, warned that profits would fall.", "warned", "company", "profits would fall" },
    { "Lee, 52, said he would resign.", "said", "Lee", "he would resign" },
    { "The report, released on Monday, found that poverty had fallen.", "found", "report", "poverty had fallen" },
    { "The paper, citing unnamed sources, reported that the talks had collapsed.", "reported", "paper", "the talks had collapsed" },
    -- according to SOURCE
    { "According to a poll by the Asahi Shimbun, most voters oppose the plan.", "According to", "poll by the Asahi Shimbun", "most voters oppose the plan" },
    { "According to documents seen by Reuters, the deal was signed in May.", "According to", "documents seen by Reuters", "the deal was signed in May" },
    { "According to the ministry's statement, the ship left port.", "According to", "ministry's statement", "the ship left port" },
    { "Unemployment rose to 5 percent, according to government data.", "according to", "government data", "Unemployment rose to 5 percent" },
    { "The plan was dropped, according to two people familiar with the matter.", "according to", "two people familiar with the matter", "The plan was dropped" },
    -- participles and progressives
    { "The ministry denied the report, saying it contained errors.", "saying", "ministry", "it contained errors" },
    { "The ministry denied Kyodo's report, saying it was wrong.", "saying", "ministry", "it was wrong" },
    { "The union called off the strike, adding that talks would continue.", "adding", "union", "talks would continue" },
    { "The newspaper quoted a senior official as saying the talks had failed.", "saying", "senior official", "the talks had failed" },
    { "Officials are warning that the river could flood.", "warning", "Officials", "the river could flood" },
    -- Japanese
    { "気象庁は「大雨に警戒が必要だ」と警告した。", "と警告した", "気象庁", "「大雨に警戒が必要だ」" },
    { "同社は「影響は限定的だ」との見方を示した。", "との見方を示した", "同社", "「影響は限定的だ」" },
    { "NHKの世論調査によると、賛成は4割だった。", "によると", "NHKの世論調査", "賛成は4割だった" },
    { "報告書によると、被害額は10億円に上った。", "によると", "報告書", "被害額は10億円に上った" },
    { "専門家は「景気は回復に向かう」と分析した。", "と分析した", "専門家", "「景気は回復に向かう」" },
  }
  for _, c in ipairs(claims) do
    it("gives the claim of a frame: " .. c[1], function()
      local found
      for _, a in ipairs(assert(kiji.annotate(c[1])).attributions) do
        if a.cue.text == c[2] then found = { a.cue.text, a.source and a.source.text or false, a.claim and a.claim.text or false } end
      end
      assert.are.same({ c[2], c[3], c[4] }, found)
    end)
  end
  -- issue 13: the denial inside an attribution, its claim and its reporter
  it("reports the denial of a reported clause: X reported that …", function()
    local doc = assert(kiji.annotate("Kyodo News reported that the ministry denied the report."))
    assert.are.same({ { "denied", "ministry", "Kyodo News" } }, denials(doc))
    assert.are.same("Kyodo News", doc.attributions[1].source.text)
  end)
  it("keeps a trailing attribution out of the denial's claim", function()
    for _, text in ipairs { "The ministry denied the report, Kyodo News said.",
                            "The ministry denied the report, the Hokkaido Shimbun reported on Monday." } do
      local d = assert(kiji.annotate(text)).denials[1]
      assert.are.same("the report", d.claim.text)
      assert.is_truthy(d.reported_by)
    end
  end)
  it("gives a said-clause as the claim, not a word of it", function()
    local doc = assert(kiji.annotate("An official said the report was not true."))
    assert.are.same("the report was not true", doc.attributions[1].claim.text)
    assert.are.same("the report", doc.denials[1].claim.text)
  end)
  it("makes the hearer of told the reporter, never the source", function()
    local doc = assert(kiji.annotate("Sources at the ministry told Kyodo News that the ministry had denied the report."))
    assert.are.same("Sources at the ministry", doc.attributions[1].source.text)
    assert.are.same({ { "denied", "ministry", "Kyodo News" } }, denials(doc))
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
    { "外務省は「報道は事実無根だ」と断言した。", { { "報道は事実無根だ", "外務省", "と断言した", 1, 1 } } },
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

  it("takes a nominal denial's claim from its complement, never the verb after it", function()
    local function claim(text)
      local d = assert(assert(kiji.annotate(text)).denials[1])
      return d.claim and d.claim.text or false
    end
    assert.are.equal("the report", claim("The defense ministry's rejection of the report surprised analysts."))
    assert.are.equal("the allegations", claim("The minister's rebuttal of the allegations was broadcast live."))
    assert.are.equal("the newspaper's account", claim("The ministry issued a denial of the newspaper's account."))
    assert.is_false(claim("The embassy's denial came within the hour."))
  end)

  it("cuts a claim at a describing verb's object, a quotation's closing mark, a quoted copula", function()
    local function claim(text)
      local d = assert(assert(kiji.annotate(text)).denials[1])
      return d.claim and d.claim.text or false
    end
    assert.are.equal("the report", claim("The embassy called the report \"fake news\" in a post."))
    assert.are.equal("the article", claim("The agency denounced the article as a \"fabrication\" on Friday."))
    assert.are.equal("this report", claim("\"We categorically deny this report,\" a spokesman told reporters."))
    assert.are.equal("The allegations", claim("The allegations were \"completely untrue,\" said the minister."))
  end)

  it("gives a definite claim the outlet that reported it earlier as its target", function()
    local two = "Kyodo News reported that hackers had entered the network. The ministry denied the intrusion."
    local doc = assert(kiji.annotate(two))
    local t = assert(doc.denials[1].target)
    assert.are.equal("the intrusion", t.text)
    assert.is_true(rawequal(doc.outlets[1], t.antecedent))
    -- the claim came from officials, not an outlet; or nobody reported it
    assert.is_nil(assert(kiji.annotate("Hackers entered the network, officials said. Kyodo News "
      .. "covered the budget. The ministry denied the intrusion.")).denials[1].target)
    assert.is_nil(assert(kiji.annotate("The ministry denied the intrusion.")).denials[1].target)
    -- "It" that opens a sentence is the previous sentence's subject, an outlet too
    local three = "Kyodo News cited sources within the Self-Defense Forces. It reports that "
      .. "a drill was cancelled. The ministry denied the cancellation."
    doc = assert(kiji.annotate(three))
    local reports
    for _, a in ipairs(doc.attributions) do
      if a.cue.text == "reports" then reports = a end
    end
    assert.are.equal("It", reports.source.text)
    assert.is_true(rawequal(doc.outlets[1], reports.source.antecedent))
    assert.is_true(rawequal(doc.outlets[1], doc.denials[1].target.antecedent))
    assert.is_nil(assert(kiji.annotate("Kyodo News reported that hackers had entered the network. "
      .. "The ministry denied any intrusion.")).denials[1].target)
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

-- A body has one id in both languages and in every phrasing: a country
-- word in its noun phrase (before it, X's, Xの, "of X" after it) gives a
-- general body ("Defense Ministry", 国防省) the id of that country's own,
-- which the lexicon generator derives from the aliases (bases=).
describe("kiji.annotate a country's own body, one id in every phrasing", function()
  local function sole(text)
    local doc = assert(kiji.annotate(text))
    assert.are.equal(1, #doc.officials, text)
    return doc.officials[1], doc
  end
  local bodies = {
    { "jp.mod", "JP", {
      "防衛省は報道を否定した。", "日本の国防省は報道を否定した。",
      "Japan's Defense Ministry denied the report.", "The Japanese Defense Ministry denied the report.",
      "Japan's defence ministry denied the report.", "The Defense Ministry of Japan denied the report.",
      "Japan's Ministry of Defense denied the report.",
      "The Japanese Ministry of National Defense denied the report.",
      "Japan\226\128\153s Defence Ministry denied the report." } }, -- (a curly apostrophe)
    { "cn.mfa", "CN", {
      "中国外務省は報道を否定した。", "中国の外務省は報道を否定した。",
      "China's Foreign Ministry denied the report.", "The Chinese foreign ministry denied the report.",
      "The Foreign Ministry of China denied the report.",
      "China's Ministry of Foreign Affairs denied the report.",
      "The Ministry of Foreign Affairs of the People's Republic of China denied the report." } },
    { "kr.mnd", "KR", {
      "韓国国防省は報道を否定した。", "韓国の国防省は報道を否定した。",
      "South Korea's Defense Ministry denied the report.",
      "The South Korean Defense Ministry denied the report.",
      "South Korea's defence ministry denied the report.",
      "The Defense Ministry of South Korea denied the report.",
      "The Ministry of National Defense of the Republic of Korea denied the report." } },
    { "ru.mfa", "RU", {
      "ロシア外務省は報道を否定した。", "ロシアの外務省は報道を否定した。",
      "Russia's Foreign Ministry denied the report.", "The Russian foreign ministry denied the report.",
      "The Foreign Ministry of Russia denied the report.",
      "Russia's Ministry of Foreign Affairs denied the report." } },
  }
  for _, b in ipairs(bodies) do
    for _, text in ipairs(b[3]) do
      it(b[1] .. ": " .. text, function()
        local m, doc = sole(text)
        assert.are.same({ b[1], b[2], "body" }, { m.id, m.country, m.subtype })
        assert.is_string(m.name)
        assert.are.equal(1, #doc.denials)
        assert.is_true(rawequal(m, doc.denials[1].by)) -- the denier, by the same id
      end)
    end
  end

  it("reads the body's own country from a national body of another's (UK MoD, German Foreign Office)", function()
    local m = sole("Britain's MOD denied the report.")
    assert.are.same({ "gb.mod", "GB" }, { m.id, m.country })
    assert.are.equal("de.mfa", sole("Germany's Foreign Office denied the report.").id)
    assert.are.equal("in.pmo", sole("India's Prime Minister's Office denied the report.").id)
  end)

  it("keeps the general id, with the country, where the lexicon has no country's own", function()
    local m = sole("Vietnam's Defense Ministry denied the report.")
    assert.are.same({ "any.defense_ministry", "VN" }, { m.id, m.country })
    m = sole("The Defense Ministry of Vietnam denied the report.")
    assert.are.same({ "any.defense_ministry", "VN" }, { m.id, m.country })
  end)

  it("gives a title the country of its possessive or genitive", function()
    local m = sole("Japan's foreign minister denied the report.")
    assert.are.same({ "t.foreign_minister", "JP" }, { m.id, m.country })
    m = sole("China's Foreign Ministry spokesperson Li Wen denied the report.")
    assert.are.same({ "t.spokesperson", "CN" }, { m.id, m.country })
    m = sole("中国の外務省報道官が報道を否定した。")
    assert.are.same({ "t.spokesperson", "CN" }, { m.id, m.country })
  end)

  -- traps: no country word in the body's own noun phrase, or two owners
  local traps = {
    { "The Defense Ministry denied the report.", "any.defense_ministry" },
    { "A Japanese delegation met the Defense Ministry.", "any.defense_ministry" },
    { "The Defense Ministry of Japan's neighbour denied the report.", "any.defense_ministry" },
    { "Japan and China's Defense Ministry denied the report.", "any.defense_ministry" },
    { "The Tokyo government denied the report.", "any.government", "JP" }, -- a city's, not Japan's
    { "米国の防衛省への要請は否定された。", "jp.mod", "JP" }, -- の may belong to 要請
  }
  for _, c in ipairs(traps) do
    it("trap: " .. c[1], function()
      local m = sole(c[1])
      assert.are.same({ c[2], c[3] or false }, { m.id, m.country or false })
    end)
  end

  it("trap: Japan and China's defense ministers are both's, and no ministry is one", function()
    local doc = assert(kiji.annotate("Japan and China's defense ministers met, as did their defense ministries."))
    for _, m in ipairs(doc.officials) do
      assert.is_nil(m.country)
      assert.are_not.equal("jp.mod", m.id)
      assert.are_not.equal("cn.mnd", m.id)
    end
  end)
end)

describe("kiji.annotate dates", function()
  it("reads a denial's date against opts.date, 1-based date_text", function()
    local text = "The Defense Ministry on Tuesday denied the report."
    local doc = kiji.annotate(text, { date = "2023-08-10" })
    assert.are.equal("2023-08-10", doc.date)
    local d = doc.denials[1]
    assert.are.equal("2023-08-08", d.date)
    assert.are.equal("on Tuesday", d.date_text.text)
    assert.are.equal("on Tuesday", text:sub(d.date_text.start, d.date_text.stop))
  end)

  it("gives no date for a relative expression without opts.date, and one for a full date", function()
    local doc = kiji.annotate("防衛省は２７日、共同通信の報道を否定した。")
    assert.is_nil(doc.date)
    assert.is_nil(doc.denials[1].date)
    assert.is_nil(doc.denials[1].date_text)
    doc = kiji.annotate("防衛省は令和5年8月8日、共同通信の報道を否定した。")
    assert.are.equal("2023-08-08", doc.denials[1].date)
    assert.are.equal("令和5年8月8日", doc.denials[1].date_text.text)
  end)

  it("dates an attribution, and gives no date where the text gives none", function()
    local doc = kiji.annotate("Kyodo News reported last month that the plan was shelved.", { date = "2023-01-05" })
    assert.are.equal("2022-12", doc.attributions[1].date)
    doc = kiji.annotate("Kyodo News reported that the plan under Article 9 was shelved.", { date = "2023-01-05" })
    assert.is_nil(doc.attributions[1].date)
  end)

  it("takes opts.source as the document's source, with the lexicon's id", function()
    local doc = kiji.annotate("The ministry denied the report.", { source = "共同通信" })
    assert.are.equal("共同通信", doc.source.text)
    assert.are.equal("kyodo", doc.source.id)
    assert.is_nil(doc.source.start)
    assert.matches('"source":{"text":"共同通信","kind":"outlet"', kiji.json(doc), 1, true)
  end)

  it("refuses a date that is not ISO 8601 and options that are not strings", function()
    assert.has_error(function() kiji.annotate("x", { date = "8/8/2023" }) end)
    assert.has_error(function() kiji.annotate("x", { date = 20230808 }) end)
    assert.has_error(function() kiji.annotate("x", { source = {} }) end)
  end)
end)
