#!/usr/bin/env python3
"""reporting_verbs.py -- the English reporting verbs of cues.tsv, from WordNet.

A generator-time tool (Debian `wordnet`): make never runs it, and what it
prints is committed in plugin/lexicon/cues.tsv, between the lines
"# ---- reporting verbs (plugin/gen/reporting_verbs.py)" and "# ---- end".

  python3 plugin/gen/reporting_verbs.py --candidates
      every verb of verb.communication, verb.cognition and verb.emotion
      with a sense that takes a clause ("Somebody ----s that CLAUSE", or
      the sample "They ----s that there was a traffic accident"), by the
      tag count of those senses: what KEEP and LEFT_OUT decide between
  python3 plugin/gen/reporting_verbs.py
      the cue records of KEEP, each with its inflections (-s, -ed, -ing,
      WordNet's irregular forms, -ise spellings)

Each candidate is either kept (KEEP) or left out (LEFT_OUT, with why);
--candidates marks the ones neither list has decided.
"""
import collections
import sys

WN = "/usr/share/wordnet/"

# lemma -> cue id (subtype attrib_verb). Say, tell and report are speech
# itself (cue.said, cue.tell, cue.report): an attribution whenever they
# have a source. The others make one only with a clause after them
# ("warned that the plan…", "noted the figures were…"), a quotation, or
# after their claim ("…, she added.") -- attributions.c.
KEEP = {
    # speech itself
    "say": "cue.said",
    "tell": "cue.tell",
    "report": "cue.report",
    # communication
    "acknowledge": "cue.acknowledge",
    "add": "cue.add",
    "admit": "cue.admit",
    "affirm": "cue.affirm",
    "reaffirm": "cue.affirm",
    "agree": "cue.agree",
    "allege": "cue.allege",
    "announce": "cue.announce",
    "answer": "cue.reply",
    "reply": "cue.reply",
    "respond": "cue.reply",
    "retort": "cue.reply",
    "counter": "cue.reply",
    "argue": "cue.argue",
    "assert": "cue.assert",
    "reassert": "cue.assert",
    "assure": "cue.assure",
    "boast": "cue.boast",
    "charge": "cue.charge",
    "claim": "cue.claim",
    "comment": "cue.comment",
    "remark": "cue.comment",
    "complain": "cue.complain",
    "concede": "cue.concede",
    "confess": "cue.admit",
    "confide": "cue.confide",
    "confirm": "cue.confirm",
    "contend": "cue.contend",
    "declare": "cue.declare",
    "proclaim": "cue.declare",
    "disclose": "cue.disclose",
    "divulge": "cue.disclose",
    "reveal": "cue.disclose",
    "emphasize": "cue.stress",
    "stress": "cue.stress",
    "underline": "cue.stress",
    "underscore": "cue.stress",
    "explain": "cue.explain",
    "hint": "cue.suggest",
    "imply": "cue.suggest",
    "suggest": "cue.suggest",
    "indicate": "cue.indicate",
    "insist": "cue.insist",
    "maintain": "cue.maintain",
    "mention": "cue.note",
    "note": "cue.note",
    "observe": "cue.note",
    "notify": "cue.notify",
    "predict": "cue.predict",
    "forecast": "cue.predict",
    "promise": "cue.promise",
    "pledge": "cue.promise",
    "vow": "cue.promise",
    "swear": "cue.promise",
    "guarantee": "cue.promise",
    "recall": "cue.recall",
    "reiterate": "cue.repeat",
    "repeat": "cue.repeat",
    "specify": "cue.specify",
    "state": "cue.state",
    "testify": "cue.testify",
    "warn": "cue.warn",
    "write": "cue.write",
    # cognition: a belief, an estimate, a finding
    "anticipate": "cue.expect",
    "expect": "cue.expect",
    "assume": "cue.believe",
    "believe": "cue.believe",
    "feel": "cue.believe",
    "guess": "cue.believe",
    "presume": "cue.believe",
    "reckon": "cue.believe",
    "suppose": "cue.believe",
    "suspect": "cue.believe",
    "think": "cue.believe",
    "doubt": "cue.doubt",
    "calculate": "cue.estimate",
    "estimate": "cue.estimate",
    "conclude": "cue.conclude",
    "determine": "cue.conclude",
    "find": "cue.conclude",
    "judge": "cue.conclude",
    "show": "cue.conclude",
    "know": "cue.know",
    "learn": "cue.know",
    "understand": "cue.know",
    "recognize": "cue.acknowledge",
    "speculate": "cue.speculate",
    "hypothesize": "cue.speculate",
    "surmise": "cue.speculate",
    # emotion: a feared or hoped-for state of affairs
    "fear": "cue.fear",
    "worry": "cue.fear",
    "hope": "cue.hope",
}

# News verbs WordNet gives no clause frame, kept all the same: "cautioned
# that", "informed reporters that", "reminded lawmakers that", "signaled
# that". (quoted, cited, tweeted and the describing verbs stay hand-made
# records of cues.tsv.)
NEWS = {
    "caution": "cue.warn",
    "inform": "cue.notify",
    "remind": "cue.notify",
    "signal": "cue.indicate",
}

# Phrasal verbs, inflected on their first word.
PHRASES = {"point out": "cue.note"}

# Surfaces left out of a kept lemma: nouns or adjectives first ("figure"
# is kept by no sense here; "figures" and "shows" are plurals of nouns
# as often as verbs and no rule can tell them from the next word).
DROP = {"judge", "judges", "counter", "counters", "suspect", "suspects", "state",
        "known", "sworn"}

LEFT_OUT = {
    # the clause is an order, a wish or a request, not a claim
    "ask": "directive", "order": "directive", "demand": "directive", "urge": "directive",
    "request": "directive", "recommend": "directive", "advise": "directive",
    "instruct": "directive", "advocate": "directive", "wish": "wish", "want": "wish",
    "pray": "wish", "desire": "wish", "plead": "mostly 'pleaded guilty'",
    "petition": "directive", "stipulate": "directive", "ordain": "directive",
    # the clause is a fact the writer asserts, perceived or remembered
    "see": "perception", "hear": "perception", "overhear": "perception",
    "realize": "factive", "remember": "factive", "forget": "factive",
    "discover": "factive", "find_out": "factive", "perceive": "perception",
    "comprehend": "factive", "grasp": "factive", "fathom": "factive",
    "appreciate": "factive", "sense": "perception", "smell": "perception",
    "recollect": "factive", "prove": "factive", "demonstrate": "factive",
    "establish": "factive", "verify": "factive", "ascertain": "factive",
    "corroborate": "factive", "substantiate": "factive", "evidence": "factive",
    "check": "factive", "ensure": "an act", "insure": "an act", "see_to_it": "an act",
    # a decision or a choice, not a claim
    "decide": "decision", "choose": "decision", "resolve": "decision",
    "prefer": "decision", "rule": "decision", "accept": "decision",
    "deem": "takes an object and a complement, not a clause",
    "consider": "takes an object and a complement, not a clause",
    "regret": "emotion about a fact",
    "trust": "emotion", "imagine": "imagination", "pretend": "imagination",
    "make": "light verb", "set": "light verb", "hold": "mostly 'held talks'",
    "move": "motion", "enter": "data entry", "file": "documents", "record": "documents",
    "sign": "documents", "read": "what a text says, rare with a source",
    "teach": "instruction", "provide": "supply", "supply": "supply", "return": "motion",
    "break": "news idiom only", "cut": "other sense", "arrange": "other sense",
    "grant": "concession, mostly of things", "yield": "other sense",
    "count": "other sense", "weigh": "other sense", "affect": "other sense",
    "describe": "a describing verb (cue.describe), for denials' predicates",
    "call": "a describing verb (cue.describe)", "question": "asks",
    "object": "rare with a clause", "protest": "mostly against a thing",
    "bet": "rare with a clause", "derive": "other sense", "compute": "numbers",
    "gather": "other sense", "interpret": "other sense", "translate": "other sense",
    "deduce": "rare", "infer": "rare", "reason": "rare", "generalize": "rare",
    "postulate": "rare", "presuppose": "rare", "theorize": "rare", "extrapolate": "rare",
    "approximate": "rare", "gauge": "rare", "foresee": "rare", "penetrate": "other sense",
    "reconstruct": "other sense", "apprehend": "other sense", "induce": "other sense",
    "mind": "other sense", "will": "a modal first", "dig": "other sense",
    "deny": "a denial cue", "contradict": "a denial cue", "reject": "a denial cue",
    "disprove": "a denial cue", "contest": "a denial cue", "disregard": "not speech",
    "ignore": "not speech", "snub": "not speech", "apologize": "no claim",
    "expose": "mostly of things", "publicize": "mostly of things",
    "advertise": "mostly of things", "volunteer": "mostly an offer",
    "venture": "rare", "profess": "rare", "intimate": "rare", "certify": "documents",
    "attest": "rare", "submit": "mostly of documents", "qualify": "other sense",
    "specialize": "other sense", "designate": "other sense", "denote": "other sense",
    "signify": "other sense", "connote": "other sense", "condition": "other sense",
    "elaborate": "mostly 'elaborate on'", "enlarge": "mostly 'enlarge on'",
    "concur": "rare", "preach": "religion", "commend": "praise",
    "accentuate": "rare", "overemphasize": "rare", "telegraph": "rare",
    "wire": "rare", "cable": "rare", "bulletin": "rare", "conjecture": "rare",
    "hazard": "rare", "posit": "rare", "opine": "rare", "aver": "rare", "avow": "rare",
    "asseverate": "rare", "append": "rare", "interject": "rare", "interpose": "rare",
    "rejoin": "rare", "restate": "rare", "reassure": "mostly of people",
    "inject": "other sense", "insert": "other sense", "lodge": "mostly 'lodged a complaint'",
    "demonstrate ": "factive", "quip": "manner", "let_on": "rare", "get_word": "rare",
    "give_away": "other sense", "call_out": "other sense", "spell_out": "rare",
    "think_of": "other sense", "view_as": "complement", "lay_down": "other sense",
    "point_up": "rare", "write_down": "other sense", "take_for_granted": "rare",
    "bear_in_mind": "rare", "lament": "emotion", "deplore": "emotion",
    "begrudge": "emotion", "resent": "emotion",
}
# Manners of speaking: rare in news with a clause.
for w in ("mutter murmur whisper shout cry roar snap snarl grunt groan exclaim holler shriek "
          "mumble moan hiss bark crow grumble snivel whine sigh cackle shrill thunder bluster "
          "gloat brag bellyache gripe grouse kvetch croak rasp blurt_out blunder_out pipe_up "
          "ejaculate").split():
    LEFT_OUT.setdefault(w, "manner of speaking")
LEFT_OUT.update({
    "point": "kept as 'point out' (PHRASES)", "figure": "'figures' is a noun first",
    "relate": "other sense", "support": "not speech", "echo": "mostly 'echoed the view'",
    "cry_out": "manner of speaking",
})
RARE = 5  # a candidate neither list names, tagged fewer times than this, is left out as rare

DOUBLE = {"admit"}  # admitted, admitting
STRONG = {"say", "tell", "think", "know", "write", "feel", "find", "swear", "understand"}  # no -ed


def candidates():
    """lemma -> tag count of its senses that take a clause."""
    keys = set()
    for line in open(WN + "data.verb"):
        if line.startswith("  "):
            continue
        f = line.split("|")[0].split()
        lex = f[1]
        if lex not in ("31", "32", "37"):
            continue
        n = int(f[3], 16)
        words = [f[4 + 2 * i].lower() for i in range(n)]
        ids = [int(f[5 + 2 * i], 16) for i in range(n)]
        i = 4 + 2 * n
        i += 1 + 4 * int(f[i])
        for k in range(int(f[i])):
            frame, which = int(f[i + 2 + 3 * k]), int(f[i + 3 + 3 * k], 16)
            if frame == 26:
                for j, w in enumerate(words):
                    if which in (0, j + 1):
                        keys.add("%s%%2:%s:%02d::" % (w, lex, ids[j]))
    for line in open(WN + "sentidx.vrb"):
        p = line.split()
        if len(p) == 2 and "112" in p[1].split(",") and (":31:" in p[0] or ":32:" in p[0] or ":37:" in p[0]):
            keys.add(p[0])
    count = collections.Counter({k.split("%")[0]: 0 for k in keys})
    for line in open(WN + "cntlist.rev"):
        k, _, c = line.split()
        if k in keys:
            count[k.split("%")[0]] += int(c)
    return count


def irregular():
    out = collections.defaultdict(list)
    for line in open(WN + "verb.exc"):
        form, base = line.split()[:2]
        out[base].append(form)
    return out


def inflect(v, irr):
    forms = [v]
    if v.endswith(("s", "sh", "ch", "x", "z")):
        forms.append(v + "es")
    elif v.endswith("y") and v[-2] not in "aeiou":
        forms.append(v[:-1] + "ies")
    else:
        forms.append(v + "s")
    if v in DOUBLE:
        past, ing = v + v[-1] + "ed", v + v[-1] + "ing"
    elif v.endswith("ee"):
        past, ing = v + "d", v + "ing"
    elif v.endswith("e"):
        past, ing = v + "d", v[:-1] + "ing"
    elif v.endswith("y") and v[-2] not in "aeiou":
        past, ing = v[:-1] + "ied", v + "ing"
    else:
        past, ing = v + "ed", v + "ing"
    forms += irr.get(v, []) + ([] if v in STRONG else [past])
    forms.append(ing)
    if v.endswith("ize"):
        forms += [f.replace("iz", "is") for f in forms]
    return [f for f in dict.fromkeys(forms) if f not in DROP]


def main():
    if "--candidates" in sys.argv:
        for lemma, n in sorted(candidates().items(), key=lambda x: (-x[1], x[0])):
            if lemma in KEEP:
                mark = "keep"
            elif lemma in LEFT_OUT:
                mark = "left out: " + LEFT_OUT[lemma]
            else:
                mark = "left out: rare" if n < RARE else "UNDECIDED"
            print("%5d  %-16s %s" % (n, lemma, mark))
        return
    irr = irregular()
    records, names = collections.OrderedDict(), {}
    for table in (KEEP, NEWS):
        for lemma, cid in table.items():
            records.setdefault(cid, []).extend(inflect(lemma, irr))
            names.setdefault(cid, lemma)
    for phrase, cid in PHRASES.items():
        head, rest = phrase.split(" ", 1)
        records.setdefault(cid, []).extend(f + " " + rest for f in inflect(head, irr))
    for cid, forms in records.items():
        name = names[cid]
        print("cue\t%s\tattrib_verb\t-\t%s\t%s" % (cid, name, "|".join(dict.fromkeys(forms))))


if __name__ == "__main__":
    main()
