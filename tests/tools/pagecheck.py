"""tests/tools/pagecheck.py -- the checks that the suites of the
self-contained pages share (tests/suites/html.t for the article view,
tests/suites/timeline.t for the timeline): a tolerant tree of a page or a
dumped DOM, html5lib strict validation with no external resource, no
request in a Chromium net log, a harness page's #results, a PNG's size.
A suite's own checker imports these and calls main(cmds)."""
import json, re, struct, sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}
problems = []
def bad(msg):
    problems.append(msg)

class El:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children = []
    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)
    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, El):
                yield from c.iter()
    def get(self, k, d=None):
        return self.attrs.get(k, d)

class Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = El("#root", [], None)
        self.cur = self.root
    def handle_starttag(self, tag, attrs):
        el = El(tag, attrs, self.cur)
        self.cur.children.append(el)
        if tag not in VOID:
            self.cur = el
    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(El(tag, attrs, self.cur))
    def handle_endtag(self, tag):
        el = self.cur
        while el is not self.root and el.tag != tag:
            el = el.parent
        if el is not self.root:
            self.cur = el.parent
    def handle_data(self, data):
        self.cur.children.append(data)

def parse(path):
    t = Tree()
    with open(path, encoding="utf-8") as f:
        t.feed(f.read())
    t.close()
    return t.root


def clean(b):
    """What the page must show for original bytes b."""
    s = b.decode("utf-8", "replace")
    out = []
    for ch in s:
        c = ord(ch)
        if c < 32 and ch not in "\t\n\f\r":
            out.append(chr(0x2400 + c))
        elif c == 127:
            out.append("\u2421")
        elif 0x80 <= c <= 0x9f or 0xfdd0 <= c <= 0xfdef or (c & 0xfffe) == 0xfffe:
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out).replace("\r\n", "\n").replace("\r", "\n")

def cmd_validate(page):
    import html5lib
    with open(page, "rb") as f:
        data = f.read()
    p = html5lib.HTMLParser(strict=True)
    try:
        p.parse(data)
    except Exception as e:
        bad("html5lib: %s: %r" % (type(e).__name__, e))
    for pos, code, args in p.errors:
        bad("html5lib error at %s: %s %s" % (pos, code, args))
    if not data.startswith(b"<!DOCTYPE html>"):
        bad("no <!DOCTYPE html> first")
    if b'<meta charset="utf-8">' not in data:
        bad("no meta charset utf-8")
    # no external resources: no src, no href outside the page, no CSS url()
    # or @import
    root = parse(page)
    for el in root.iter():
        for k, v in el.attrs.items():
            if k in ("src", "srcset", "action", "formaction", "poster", "data", "background"):
                bad("<%s %s=%r>" % (el.tag, k, v))
            if k in ("href", "xlink:href") and not (v or "").startswith("#"):
                bad("<%s %s=%r>" % (el.tag, k, v))
            if k == "style" and re.search(r"url\(|@import", v or ""):
                bad("<%s style=%r>" % (el.tag, v))
        if el.tag == "link":
            bad("<link> %r" % el.attrs)
        if el.tag == "style":
            css = el.text()
            for m in re.finditer(r"url\(\s*['\"]?([^)'\"]*)", css):
                if not m.group(1).startswith("#"):
                    bad("CSS url(%s)" % m.group(1))
            if "@import" in css:
                bad("CSS @import")
        if el.tag == "script":
            if "src" in el.attrs:
                bad("external script")
            js = el.text()
            for word in ("fetch(", "XMLHttpRequest", "WebSocket", "EventSource", "import(", "sendBeacon", ".src"):
                if word in js:
                    bad("script uses %s" % word)


def cmd_net(netlog, control_url=None):
    """No request from a page in the net log; with control_url, that one
    request must be there (and no other)."""
    try:
        with open(netlog, encoding="utf-8", errors="replace") as f:
            data = f.read()
        try:
            log = json.loads(data)
        except ValueError:      # a log cut short: close it
            log = json.loads(data.rstrip().rstrip(",") + "]}")
    except Exception as e:
        bad("unreadable net log: %r" % e)
        return
    if not log.get("events"):
        bad("empty net log")
    from_page = set()
    for e in log["events"]:
        p = e.get("params") or {}
        if "url" not in p:
            continue
        initiator = str(p.get("initiator", ""))
        nik = str(p.get("network_isolation_key", ""))
        url = str(p["url"])
        if url.startswith("file:") or url.startswith("data:"):
            continue
        # background services have no origin ("not an origin"); what a
        # file:// page asks for has the page's opaque or file origin
        if "file://" in nik or initiator in ("null", "file://") or initiator.startswith("file:"):
            from_page.add(url)
    if control_url:
        if control_url not in from_page:
            bad("the control frame's request %s is not in the net log: the check would see nothing" % control_url)
        from_page.discard(control_url)
    if from_page:
        bad("requests from the pages: %s" % sorted(from_page))

def cmd_harness(dom, names):
    root = parse(dom)
    pre = next((e for e in root.iter() if e.get("id") == "results"), None)
    try:
        res = json.loads(pre.text())
    except Exception as e:
        bad("no harness results: %r %r" % (e, pre and pre.text()[:300]))
        return
    for name in names.split(","):
        r = res.get(name)
        if not r:
            bad("%s: no result" % name)
            continue
        for msg in r.get("problems", []):
            bad("%s: %s" % (name, msg))
        if not r.get("checked"):
            bad("%s: nothing checked" % name)

def cmd_png(path, width, height):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        bad("not a PNG")
        return
    w, h = struct.unpack(">II", data[16:24])
    if w != int(width) or (height != "-" and h != int(height)):
        bad("%dx%d, want %sx%s" % (w, h, width, height))
    if len(data) < 20000:
        bad("only %d bytes: a blank page?" % len(data))


def main(cmds):
    """Run the command argv[1] names with the rest as arguments; print the
    problems (at most 40) and exit 1 when there are any."""
    cmds[sys.argv[1]](*sys.argv[2:])
    for p in problems[:40]:
        print(p)
    if len(problems) > 40:
        print("... %d more" % (len(problems) - 40))
    sys.exit(1 if problems else 0)
