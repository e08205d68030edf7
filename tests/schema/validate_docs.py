#!/usr/bin/env python3
"""Check kiji JSON documents against the annotation contract (SCHEMA.md).

usage: validate_docs.py SCHEMA TEXT_DIR DOCS.jsonl [--doc-check README DOC...]

SCHEMA     doc/kiji-doc.schema.json (JSON Schema, draft 2020-12)
TEXT_DIR   directory holding the original inputs
DOCS.jsonl one document per line (`kiji annotate --format jsonl`); each
           document's "id" is the name of its input file inside TEXT_DIR

Prints TAP on stdout. Per document: one schema test, then six semantic tests
(bytes, spans, mention order, mention sentences, sentence order, denial cues
and the sentence indexes of denials and attributions).
With --doc-check, first four tests of the documentation: the DOC files
(doc/SCHEMA.md, doc/ANNOTATION.md) name every property and every enumerated
value of SCHEMA in backquotes; README and the DOC files refer to no
../shared/ file; README links every DOC file and SCHEMA; their relative
links (and #anchors into Markdown files) lead somewhere.
Failure details follow each "not ok" as "# " lines naming the document, its
line in DOCS.jsonl, the field path and the offsets. Exit status 0 when every
test passes, 1 otherwise.

Needs python3-jsonschema (Debian) or any jsonschema >= 4.0.
"""

import json
import os
import sys

try:
    import jsonschema
    from jsonschema import Draft202012Validator
except ImportError:  # pragma: no cover - environment problem
    sys.stderr.write("validate_docs.py: needs jsonschema >= 4.0 "
                     "(apt-get install python3-jsonschema)\n")
    sys.exit(1)

MAX_DIAG = 40          # diagnostics printed per test before "... and N more"
MAX_SHOW = 80          # characters of a value shown in a diagnostic

SEMANTIC_TESTS = (
    "bytes equals input size",
    "spans in range, on UTF-8 boundaries, text matches input",
    "mentions in text order",
    "mention sentence indexes",
    "sentences in order, not overlapping",
    "denial cues inside their sentence, sentence indexes",
    "quotes in text order, inside their sentences; a carried quote is one of them",
)


# ---------------------------------------------------------------- helpers

def fmt_path(parts):
    """['officials', 3, 'title'] -> 'officials[3].title' ('$' for the root)."""
    out = ""
    for p in parts:
        if isinstance(p, int):
            out += "[%d]" % p
        else:
            out += ("." if out else "") + str(p)
    return out or "$"


def show(v):
    s = repr(v)
    return s if len(s) <= MAX_SHOW else s[:MAX_SHOW - 3] + "..."


def as_int(v):
    """An offset as int, or None. bool is not a number here; 3.0 counts as
    3 because JSON Schema's "integer" accepts it too."""
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return v
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return None


def offsets(obj):
    """(start, end) of a span-like dict, either possibly None."""
    return as_int(obj.get("start")), as_int(obj.get("end"))


def span_str(obj):
    return "start=%s end=%s" % (show(obj.get("start")), show(obj.get("end")))


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def test(self, name, problems, prefix):
        """One TAP test; `problems` is a list of strings (empty = pass)."""
        self.n += 1
        # '#' would start a TAP directive; a newline would end the line
        name = " ".join(name.replace("\\", "\\\\").replace("#", "\\#").split())
        if problems:
            self.failed += 1
            print("not ok %d - %s" % (self.n, name))
            for p in problems[:MAX_DIAG]:
                for ln in str(p).splitlines() or [""]:
                    print("#   %s%s" % (prefix, ln))
            if len(problems) > MAX_DIAG:
                print("#   %s... and %d more" % (prefix, len(problems) - MAX_DIAG))
        else:
            print("ok %d - %s" % (self.n, name))
        sys.stdout.flush()

    def plan(self):
        print("1..%d" % self.n)


# --------------------------------------------------------------- schema

def schema_problems(validator, doc):
    errs = sorted(validator.iter_errors(doc),
                  key=lambda e: [(0, p, "") if isinstance(p, int) else (1, 0, p)
                                 for p in e.absolute_path])
    out = []
    for e in errs:
        msg = e.message
        if len(msg) > 300:
            msg = msg[:297] + "..."
        path = list(e.absolute_path)
        where = fmt_path(path)
        if path and path[-1] == "stop" and e.validator in ("not", None):
            msg = ("key `stop` is not allowed in JSON (it is the Lua-only name; "
                   "JSON uses half-open `end`); value %s" % show(e.instance))
        out.append("%s: %s  [%s]" % (where, msg, e.validator))
    return out


# ------------------------------------------------------------ walking

def walk_spans(node, path):
    """Yield (path, dict) for every object carrying start or end, anywhere."""
    if isinstance(node, dict):
        if "start" in node or "end" in node:
            yield path, node
        for k, v in node.items():
            yield from walk_spans(v, path + [k])
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from walk_spans(v, path + [i])


def listed(doc, key):
    v = doc.get(key)
    return v if isinstance(v, list) else []


def all_mentions(doc):
    """(path, mention, must_have_sentence) for officials/outlets items and for
    the mention copies held by denials (by, reported_by), attributions
    (source) and quotes (speaker)."""
    for key in ("officials", "outlets"):
        for i, m in enumerate(listed(doc, key)):
            if isinstance(m, dict):
                yield [key, i], m, True
    for key, fields in (("denials", ("by", "reported_by")),
                        ("attributions", ("source",)),
                        ("quotes", ("speaker",))):
        for i, ev in enumerate(listed(doc, key)):
            if not isinstance(ev, dict):
                continue
            for f in fields:
                m = ev.get(f)
                if isinstance(m, dict) and "kind" in m:
                    yield [key, i, f], m, False


# ------------------------------------------------------- semantic checks

def check_bytes(doc, raw, raw_err):
    if raw is None:
        return ["input not readable: %s" % raw_err]
    b = doc.get("bytes")
    if as_int(b) != len(raw):
        return ["bytes=%s but the input file has %d bytes" % (show(b), len(raw))]
    return []


def check_spans(doc, raw, raw_err):
    out = []
    doc_bytes = as_int(doc.get("bytes"))
    if raw is None:
        out.append("input not readable (%s): boundaries and text not checked"
                   % raw_err)
    for path, sp in walk_spans(doc, []):
        where = fmt_path(path)
        s, e = offsets(sp)
        if s is None or e is None:
            out.append("%s: %s: start/end must both be integers" % (where, span_str(sp)))
            continue
        if not (0 <= s <= e):
            out.append("%s: start=%d end=%d: need 0 <= start <= end" % (where, s, e))
            continue
        if doc_bytes is not None and e > doc_bytes:
            out.append("%s: start=%d end=%d: end > bytes=%d" % (where, s, e, doc_bytes))
        if raw is None:
            continue
        if e > len(raw):
            out.append("%s: start=%d end=%d: end > input size %d" % (where, s, e, len(raw)))
            continue
        bad_boundary = False
        for name, o in (("start", s), ("end", e)):
            if o < len(raw) and 0x80 <= raw[o] <= 0xBF:
                bad_boundary = True
                out.append("%s: start=%d end=%d: %s=%d is inside a UTF-8 character "
                           "(byte 0x%02X at %d is a continuation byte)"
                           % (where, s, e, name, o, raw[o], o))
        if "text" in sp and not bad_boundary:
            want = sp["text"]
            try:
                got = raw[s:e].decode("utf-8")
            except UnicodeDecodeError as x:
                out.append("%s: start=%d end=%d: input[%d:%d] is not valid UTF-8 (%s), "
                           "cannot compare with text=%s" % (where, s, e, s, e, x, show(want)))
                continue
            if got != want:
                out.append("%s: start=%d end=%d: text=%s but input[%d:%d]=%s"
                           % (where, s, e, show(want), s, e, show(got)))
    return out


def check_mention_order(doc):
    out = []
    for key in ("officials", "outlets"):
        prev = None  # (index, start)
        for i, m in enumerate(listed(doc, key)):
            if not isinstance(m, dict):
                continue
            s = as_int(m.get("start"))
            if s is None:
                continue
            if prev is not None and s < prev[1]:
                out.append("%s[%d].start=%d comes before %s[%d].start=%d"
                           % (key, i, s, key, prev[0], prev[1]))
            prev = (i, s)
    return out


def sentence_table(doc):
    """List of (start, end) or None per entry of doc.sentences."""
    tab = []
    for sp in listed(doc, "sentences"):
        if isinstance(sp, dict):
            s, e = offsets(sp)
            tab.append((s, e) if s is not None and e is not None else None)
        else:
            tab.append(None)
    return tab


def check_mention_sentences(doc):
    out = []
    sents = sentence_table(doc)
    for path, m, required in all_mentions(doc):
        where = fmt_path(path)
        if "sentence" not in m:
            if required:
                out.append("%s: no sentence index" % where)
            continue
        k = as_int(m["sentence"])
        if k is None or not (0 <= k < len(sents)):
            out.append("%s.sentence=%s: not an index into sentences (0..%d)"
                       % (where, show(m["sentence"]), len(sents) - 1))
            continue
        if sents[k] is None:
            out.append("%s.sentence=%d: sentences[%d] has no valid start/end"
                       % (where, k, k))
            continue
        s, e = offsets(m)
        if s is None or e is None:
            out.append("%s: %s: offsets not integers" % (where, span_str(m)))
            continue
        ss, se = sents[k]
        if not (ss <= s and e <= se):
            out.append("%s: start=%d end=%d lies outside its sentence %d "
                       "(sentences[%d]: start=%d end=%d)"
                       % (where, s, e, k, k, ss, se))
    return out


def check_sentence_order(doc):
    out = []
    prev = None  # (index, start, end)
    for i, se in enumerate(sentence_table(doc)):
        if se is None:
            out.append("sentences[%d]: start/end missing or not integers" % i)
            continue
        s, e = se
        if e < s:
            out.append("sentences[%d]: start=%d end=%d: end before start" % (i, s, e))
        if prev is not None:
            if s < prev[2]:
                out.append("sentences[%d]: start=%d end=%d overlaps or precedes "
                           "sentences[%d]: start=%d end=%d"
                           % (i, s, e, prev[0], prev[1], prev[2]))
        prev = (i, s, e)
    return out


def check_denial_cues(doc):
    out = []
    for i, d in enumerate(listed(doc, "denials")):
        if not isinstance(d, dict):
            continue
        cue, sent = d.get("cue"), d.get("sentence")
        if not isinstance(cue, dict) or not isinstance(sent, dict):
            out.append("denials[%d]: cue or sentence is not a span" % i)
            continue
        cs, ce = offsets(cue)
        ss, se = offsets(sent)
        if None in (cs, ce, ss, se):
            out.append("denials[%d]: cue %s / sentence %s: offsets not integers"
                       % (i, span_str(cue), span_str(sent)))
            continue
        if not (ss <= cs and ce <= se):
            out.append("denials[%d].cue: start=%d end=%d lies outside "
                       "denials[%d].sentence: start=%d end=%d"
                       % (i, cs, ce, i, ss, se))
    # a denial's or an attribution's sentence.index names its sentence
    sents = sentence_table(doc)
    for key in ("denials", "attributions"):
        for i, d in enumerate(listed(doc, key)):
            sent = d.get("sentence") if isinstance(d, dict) else None
            if not isinstance(sent, dict) or "index" not in sent:
                continue
            k = as_int(sent["index"])
            if k is None or not (0 <= k < len(sents)) or sents[k] != offsets(sent):
                out.append("%s[%d].sentence: index=%s but start=%s end=%s is not that "
                           "entry of sentences" % (key, i, show(sent["index"]),
                                                   show(sent.get("start")), show(sent.get("end"))))
    return out


def check_quotes(doc):
    """Quotes in text order, not overlapping, each inside the sentences it
    says it spans; the quote of a denial or an attribution equal to one of
    them."""
    out = []
    sents = sentence_table(doc)
    quotes = listed(doc, "quotes")
    prev_end = None
    for i, q in enumerate(quotes):
        if not isinstance(q, dict) or not isinstance(q.get("text"), dict):
            out.append("quotes[%d]: no text span" % i)
            continue
        s, e = offsets(q["text"])
        k, n = as_int(q.get("sentence")), as_int(q.get("sentences"))
        if None in (s, e, k, n) or n < 1 or not (0 <= k and k + n <= len(sents)) \
                or sents[k] is None or sents[k + n - 1] is None:
            out.append("quotes[%d]: sentence=%s sentences=%s: not sentences of the document"
                       % (i, show(q.get("sentence")), show(q.get("sentences"))))
            continue
        if not (sents[k][0] <= s and e <= sents[k + n - 1][1]):
            out.append("quotes[%d].text: start=%d end=%d lies outside sentences %d..%d"
                       % (i, s, e, k, k + n - 1))
        if prev_end is not None and s < prev_end:
            out.append("quotes[%d].text: start=%d before the end of the quote before (%d)"
                       % (i, s, prev_end))
        prev_end = e
    for key in ("denials", "attributions"):
        for i, d in enumerate(listed(doc, key)):
            q = d.get("quote") if isinstance(d, dict) else None
            if q is not None and q not in quotes:
                out.append("%s[%d].quote: not one of the document's quotes" % (key, i))
    return out


# ------------------------------------------------------ documentation

def schema_names(node, props, values):
    """Every key of a "properties" object, and every string of an "enum"
    or a "const", anywhere in the schema."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "properties" and isinstance(v, dict):
                props.update(v.keys())
            elif k == "enum" and isinstance(v, list):
                values.update(x for x in v if isinstance(x, str))
            elif k == "const" and isinstance(v, str):
                values.add(v)
            schema_names(v, props, values)
    elif isinstance(node, list):
        for v in node:
            schema_names(v, props, values)


def slug(heading):
    """GitHub's anchor of a Markdown heading."""
    h = heading.strip().lower()
    h = "".join(c for c in h if c.isalnum() or c in " -_")
    return h.replace(" ", "-")


def anchors(path):
    with open(path, encoding="utf-8") as f:
        return {slug(ln.lstrip("#")) for ln in f if ln.startswith("#")}


def read_text(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def doc_checks(tap, schema, schema_path, readme, docs):
    import re
    props, values = set(), set()
    schema_names(schema, props, values)
    texts = {p: read_text(p) for p in [readme] + docs}
    contract = "".join(texts[p] for p in docs)
    missing = sorted(n for n in props | values if "`%s`" % n not in contract)
    tap.test("%s name every property and value of %s"
             % (" and ".join(docs), schema_path),
             ["`%s` is in the schema but in none of them" % n for n in missing], "")

    tap.test("%s and the docs refer to no ../shared/ file" % readme,
             ["%s:%d: %s" % (p, i, ln.strip())
              for p, t in texts.items()
              for i, ln in enumerate(t.splitlines(), 1) if "../shared/" in ln], "")

    links = {}
    for p, t in texts.items():
        if p.endswith(".md"):
            links[p] = re.findall(r"\]\(([^)\s]+)\)", t)
    readme_targets = {os.path.normpath(os.path.join(os.path.dirname(readme), l.split("#")[0]))
                      for l in links.get(readme, [])}
    tap.test("%s links %s" % (readme, " ".join(docs + [schema_path])),
             ["%s has no link to %s" % (readme, p) for p in docs + [schema_path]
              if os.path.normpath(p) not in readme_targets], "")

    bad = []
    for p, ls in links.items():
        for l in ls:
            if re.match(r"[a-z]+:", l):
                continue
            target, _, anchor = l.partition("#")
            target = os.path.normpath(os.path.join(os.path.dirname(p), target)) if target else p
            if not os.path.exists(target):
                bad.append("%s: link %s: no file %s" % (p, l, target))
            elif anchor and target.endswith(".md") and anchor not in anchors(target):
                bad.append("%s: link %s: no heading #%s in %s" % (p, l, anchor, target))
    tap.test("the relative links of %s and the docs lead somewhere" % readme, bad, "")


# --------------------------------------------------------------- input

def read_input(text_dir, doc_id):
    """(bytes, None) or (None, reason)."""
    if not isinstance(doc_id, str) or not doc_id:
        return None, "document has no string \"id\" naming its input file"
    base = os.path.realpath(text_dir)
    path = os.path.realpath(os.path.join(text_dir, doc_id))
    if os.path.commonpath([base, path]) != base:
        return None, "id %s points outside TEXT_DIR %s" % (show(doc_id), text_dir)
    try:
        with open(path, "rb") as f:
            return f.read(), None
    except OSError as e:
        return None, "cannot read %s: %s" % (os.path.join(text_dir, doc_id),
                                             e.strerror or e)


# ---------------------------------------------------------------- main

def main(argv):
    doc_files = []
    if "--doc-check" in argv:
        i = argv.index("--doc-check")
        argv, doc_files = argv[:i], argv[i + 1:]
    if len(argv) != 4 or len(doc_files) == 1:
        sys.stderr.write("usage: %s SCHEMA TEXT_DIR DOCS.jsonl [--doc-check README DOC...]\n"
                         % argv[0])
        return 1
    schema_path, text_dir, docs_path = argv[1:]
    try:
        with open(schema_path, encoding="utf-8") as f:
            schema = json.load(f)
        Draft202012Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
        sys.stderr.write("validate_docs.py: bad schema %s: %s\n" % (schema_path, e))
        return 1
    if not os.path.isdir(text_dir):
        sys.stderr.write("validate_docs.py: TEXT_DIR %s is not a directory\n" % text_dir)
        return 1
    validator = Draft202012Validator(schema)

    tap = Tap()
    if doc_files:
        try:
            doc_checks(tap, schema, schema_path, doc_files[0], doc_files[1:])
        except OSError as e:
            tap.test("the documentation is readable", [str(e)], "")
    ndocs = 0
    try:
        docs = open(docs_path, "rb")
    except OSError as e:
        sys.stderr.write("validate_docs.py: cannot read %s: %s\n" % (docs_path, e))
        return 1
    with docs:
        for lineno, line in enumerate(docs, 1):
            if not line.strip():
                continue
            ndocs += 1
            try:
                doc = json.loads(line.decode("utf-8"))
            except (UnicodeDecodeError, ValueError) as e:
                tap.test("%s line %d: parse" % (docs_path, lineno),
                         ["not a JSON document: %s" % e], "")
                continue
            doc_id = doc.get("id") if isinstance(doc, dict) else None
            label = doc_id if isinstance(doc_id, str) and doc_id else \
                "%s line %d" % (docs_path, lineno)
            prefix = ("%s (line %d): " % (label, lineno)) if label == doc_id \
                else "%s: " % label

            tap.test("%s: schema" % label, schema_problems(validator, doc), prefix)
            if not isinstance(doc, dict):
                continue
            raw, raw_err = read_input(text_dir, doc_id)
            results = (
                check_bytes(doc, raw, raw_err),
                check_spans(doc, raw, raw_err),
                check_mention_order(doc),
                check_mention_sentences(doc),
                check_sentence_order(doc),
                check_denial_cues(doc),
                check_quotes(doc),
            )
            for name, problems in zip(SEMANTIC_TESTS, results):
                tap.test("%s: %s" % (label, name), problems, prefix)

    if ndocs == 0:
        tap.test("%s: contains documents" % docs_path,
                 ["no documents in %s" % docs_path], "")
    tap.plan()
    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
