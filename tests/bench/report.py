"""report.py -- RESULTS.md from the logs of one `make bench` run.

Usage: python3 tests/bench/report.py BENCH_DIR OUT.md

BENCH_DIR is $(BUILD)/bench as tests/bench/run.sh leaves it: STEP.log (a
step's whole output; lines "@result<TAB>section<TAB>row<TAB>key=value..."
carry its figures), STEP.rc, STEP.time, and the scale-*.dat of
bench_scale. Every figure in the report comes from those files or from
the machine itself (versions, CPU, memory); nothing is typed in. Summary
tables first, then each step's whole output in a details block.
Standard library only.
"""
import datetime
import os
import platform
import re
import subprocess
import sys

STEPS = [
    ("norm", "bench_norm: normalization"),
    ("seg", "bench_seg: sentences and words"),
    ("dict", "bench_dict: dictionary build and scan"),
    ("annotate", "bench_annotate: annotation from C"),
    ("lua", "bench_annotate.lua: annotation from Lua 5.4 and LuaJIT"),
    ("lualib", "bench_lua.lua: normalize and the dictionary scan from Lua"),
    ("scale", "bench_scale: scaling with input and dictionary size"),
    ("parallel", "bench_parallel.sh: GNU parallel"),
]


# ------------------------------------------------------------ input

def read(path, default=""):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return default


def parse_results(bench_dir):
    """{section: {row: {key: value}}} over every step's log."""
    res = {}
    for step, _ in STEPS:
        for line in read(os.path.join(bench_dir, step + ".log")).splitlines():
            if not line.startswith("@result\t"):
                continue
            parts = line.split("\t")
            if len(parts) < 3:
                continue
            fields = {}
            for kv in parts[3:]:
                k, _, v = kv.partition("=")
                fields[k] = v
            res.setdefault(parts[1], {}).setdefault(parts[2], {}).update(fields)
    return res


def cmd(*args):
    """First line of a command's output (stdout or stderr), or None."""
    try:
        p = subprocess.run(args, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    out = (p.stdout.strip() or p.stderr.strip()).splitlines()
    return out[0].strip() if out else None


def num(d, key):
    try:
        return float(d[key])
    except (KeyError, TypeError, ValueError):
        return None


# ------------------------------------------------------------ formatting

def f1(v, digits=1):
    return "n/a" if v is None else "%.*f" % (digits, v)


def g3(v):
    """Three significant digits, no exponent for everyday sizes."""
    if v is None:
        return "n/a"
    if v == 0:
        return "0"
    if abs(v) >= 100:
        return "%.0f" % v
    if abs(v) >= 10:
        return "%.1f" % v
    if abs(v) >= 1:
        return "%.2f" % v
    return "%.3g" % v


def mbs(d, key="mb_s", lo="min", hi="max"):
    """'123.4 (110.0–130.2)' from a result row."""
    if d is None or num(d, key) is None:
        return "n/a"
    s = f1(num(d, key))
    if num(d, lo) is not None and num(d, hi) is not None:
        s += " (%s–%s)" % (f1(num(d, lo)), f1(num(d, hi)))
    return s


def ratio(v):
    return "n/a" if v is None else "%.2f×" % v


def ratio_cpu(d):
    """'1.23× (CPU 1.25×)' from a ratio row."""
    s = ratio(num(d or {}, "ratio"))
    if num(d or {}, "cpu_ratio") is not None:
        s += " (CPU %s)" % ratio(num(d, "cpu_ratio"))
    return s


def with_cpu(d):
    """MB/s (min–max), then the CPU-time median."""
    s = mbs(d)
    if d and num(d, "cpu_mb_s") is not None:
        s += "; CPU %s" % f1(num(d, "cpu_mb_s"))
    return s


def table(head, rows):
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    for r in rows:
        out.append("| " + " | ".join(str(c) for c in r) + " |")
    return "\n".join(out) + "\n"


def secs(v):
    """Seconds in a readable unit: 71.8 µs, 0.95 ms, 1.15 s."""
    if v is None:
        return "n/a"
    if v < 1e-3:
        return "%.3g µs" % (v * 1e6)
    if v < 1:
        return "%.3g ms" % (v * 1e3)
    return "%.3g s" % v


def secs_range(d, key, lo, hi):
    return "%s (%s–%s)" % (secs(num(d, key)), secs(num(d, lo)), secs(num(d, hi)))


def human_bytes(b):
    b = float(b)
    if b >= 1 << 20:
        return "%g MiB" % (b / (1 << 20))
    if b >= 1024:
        return "%g KiB" % round(b / 1024)
    return "%d B" % b


def human_count(n):
    n = int(float(n))
    if n >= 1000000 and n % 1000000 == 0:
        return "%dM" % (n // 1000000)
    if n >= 1000 and n % 1000 == 0:
        return "%dk" % (n // 1000)
    return str(n)


# ------------------------------------------------------------ header

def first_words(line, n):
    """'Lua 5.4.4' of 'Lua 5.4.4  Copyright ...'."""
    return " ".join((line or "?").split()[:n])


def machine_facts(bench_dir, res):
    cpu = "unknown"
    for line in read("/proc/cpuinfo").splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = None
    m = re.search(r"MemTotal:\s+(\d+) kB", read("/proc/meminfo"))
    if m:
        mem = int(m.group(1)) / 1024 / 1024
    kiji_h = read(os.path.join(os.path.dirname(__file__), "..", "..", "include", "kiji.h"))
    m = re.search(r'#define KIJI_VERSION "([^"]+)"', kiji_h)
    kiji_version = m.group(1) if m else "?"
    commit = cmd("git", "rev-parse", "--short=12", "HEAD") or "?"
    # (the run's own outputs aside: scaling.png is drawn before this runs)
    dirty = cmd("git", "status", "--porcelain", "--untracked-files=no", "--", ".",
                ":!tests/bench/RESULTS.md", ":!tests/bench/scaling.png")
    if dirty:
        commit += " (with uncommitted changes)"
    versions = res.get("meta", {}).get("versions", {})
    mecab = res.get("meta", {}).get("mecab", {})
    par = res.get("parallel", {}).get("input", {})
    pyac = cmd("dpkg-query", "-W", "-f=${Version}", "python3-ahocorasick")
    cc = os.environ.get("CC", "cc")
    rows = [
        ("date", datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")),
        ("machine", "%s, %d cores, %s GiB memory" % (cpu, os.cpu_count() or 0,
                                                    "?" if mem is None else "%.1f" % mem)),
        ("kernel", "%s %s" % (platform.system(), platform.release())),
        ("compiler", "%s (`%s`)" % (cmd(cc, "--version") or "?", cc)),
        ("kiji", "%s (include/kiji.h), git %s" % (kiji_version, commit)),
        ("ICU", versions.get("icu", "?")),
        ("utf8proc", "%s (Unicode %s)" % (versions.get("utf8proc", "?"),
                                          versions.get("unicode", "?"))),
        ("Lua 5.4", first_words(cmd("lua5.4", "-v"), 2)),
        ("LuaJIT", first_words(cmd("luajit", "-v"), 2)),
        ("MeCab", "%s, dictionary %s" % (mecab.get("version", "?"),
                                         os.path.dirname(mecab.get("dictionary", "?")))),
        ("pyahocorasick", "%s (Debian python3-ahocorasick), %s" % (
            pyac or "?", cmd(sys.executable, "--version") or "python3")),
        ("GNU parallel", par.get("parallel") or (cmd("parallel", "--version") or "?")),
    ]
    return rows


def step_facts(bench_dir):
    """(step, exit status, seconds, when, mtime) per step that has a log."""
    out = []
    for step, _ in STEPS:
        log = os.path.join(bench_dir, step + ".log")
        if not os.path.exists(log):
            continue
        rc = read(os.path.join(bench_dir, step + ".rc"), "?").strip()
        secs = read(os.path.join(bench_dir, step + ".time"), "").strip()
        mtime = os.path.getmtime(log)
        when = datetime.datetime.fromtimestamp(mtime, datetime.timezone.utc)
        out.append((step, rc, int(secs) if secs.isdigit() else None,
                    when.strftime("%Y-%m-%d %H:%M UTC"), mtime))
    return out


# ------------------------------------------------------------ sections

def section_norm(res):
    n = res.get("norm", {})
    rows = []
    for lang in ("en", "ja"):
        k, i, u = (n.get("%s:%s" % (lang, e)) for e in
                   ("kiji match+map", "icu nfkc_cf", "utf8proc nfkc_cf"))
        r_icu = n.get("%s:ratio kiji-match / icu" % lang, {})
        r_u = n.get("%s:ratio kiji-match / utf8proc" % lang, {})
        rows.append((lang, with_cpu(k), with_cpu(i), with_cpu(u), ratio_cpu(r_icu),
                     ratio_cpu(r_u)))
    return ("### Normalization\n\nThe generated 20 MiB news corpora (tests/bench/corpus.c), "
            "one call each; kiji's match form with its offset map against NFKC_Casefold "
            "(which does less: no news or kana rules, no map). Wall-clock MB/s (slowest–"
            "fastest run), then the median over the thread's CPU time; ratios of the wall "
            "medians (of the CPU medians).\n\n" +
            table(["corpus", "kiji match+map MB/s", "ICU NFKC_Casefold MB/s",
                   "utf8proc NFKC_Casefold MB/s", "kiji / ICU", "kiji / utf8proc"], rows))


def section_seg(res):
    s = res.get("seg", {})
    rows = []
    pairs = [("kiji sentences", "icu sentences", "kiji sentences / icu sentences"),
             ("kiji words", "icu words", "kiji words / icu words")]
    for lang in ("en", "ja"):
        for kiji, icu, rname in pairs:
            rows.append((lang, kiji, with_cpu(s.get("%s:%s" % (lang, kiji))),
                         "ICU directly: " + with_cpu(s.get("%s:%s" % (lang, icu))),
                         ratio_cpu(s.get("%s:%s" % (lang, rname)))))
        if "%s:mecab wakati" % lang in s:
            rows.append((lang, "kiji words", with_cpu(s.get("%s:kiji words" % lang)),
                         "MeCab -Owakati\\*: " + with_cpu(s.get("%s:mecab wakati" % lang)),
                         ratio_cpu(s.get("%s:kiji words / mecab wakati" % lang))))
    return ("### Segmentation\n\nThe same corpora, one call each (MeCab: one call a line), "
            "the engines taking turns. Wall-clock MB/s (slowest–fastest run), then the median "
            "over the thread's CPU time; the ratio is kiji's throughput over the other's "
            "(wall, and CPU).\n\n" +
            table(["corpus", "kiji", "kiji MB/s", "other MB/s", "kiji / other"], rows) +
            "\n\\* MeCab is a morphological analyser (IPAdic lookup, lattice, best path: words "
            "with parts of speech and readings), a different and larger job than ICU's word "
            "boundaries that kiji words builds on; its row is context, not a race. It is fed "
            "line by line through `mecab_sparse_tostr2` in wakati mode, as MeCab is normally "
            "used.\n")


def section_lexicon(d):
    """The built-in lexicon over the fixture articles (bench_dict with FIXTURES_DIR)."""
    lex = d.get("lexicon")
    if lex is None:
        return ""
    rows = []
    for lang in ("en", "ja"):
        one, arts = d.get("lexicon:%s:one call" % lang), d.get("lexicon:%s:articles" % lang)
        if one is None and arts is None:
            continue
        rows.append((lang, mbs(one), f1(num(one, "cpu_mb_s")) if one else "n/a",
                     mbs(arts), f1(num(arts, "cpu_mb_s")) if arts else "n/a",
                     "%s bytes" % (arts or {}).get("bytes_per_article", "?"),
                     (one or {}).get("matches", "?")))
    return ("\nThe built-in lexicon (%s entries, %s states, %s with a dense row; image %s MB, "
            "load %s ms) over the match form of the fixture articles, normalized beforehand, "
            "ALL mode, as kiji_annotate scans it: in one call over the articles joined to 8 MB "
            "(each round of them in another order: a text with a period can put the scan's lanes "
            "on the same bytes at once, faster than any real text), and article by article (the "
            "same articles again and again: the automaton's states they visit stay in the "
            "cache). MB/s of match-form bytes, wall clock (slowest–fastest "
            "run) and CPU; target (issue 14) >= 300 MB/s.\n\n" % (
                lex.get("entries", "?"), lex.get("states", "?"), lex.get("dense", "?"),
                lex.get("image_mb", "?"), lex.get("load_ms", "?")) +
            table(["lang", "one call MB/s", "CPU MB/s", "article by article MB/s", "CPU MB/s",
                   "article", "matches (8 MB)"], rows))


def section_dict(res):
    d = res.get("dict", {})
    sizes = sorted({r.split(":")[0] for r in d if r.split(":")[0].isdigit()},
                   key=lambda x: int(x))
    rows = []
    for n in sizes:
        base = d.get(n, {})
        for lang in ("en", "ja"):
            r = d.get("%s:%s" % (n, lang))
            if r is None:
                continue
            spans, py = r.get("spans", "?"), r.get("py_matches", "?")
            rows.append((human_count(n), lang, mbs(r), f1(num(r, "norm_before_mb_s")),
                         mbs(r, "py_mb_s", "py_min", "py_max"),
                         ratio(num(r, "ratio_norm_before")), ratio(num(r, "ratio")),
                         "%s / %s%s" % (spans, py, "" if "?" in (spans, py) else
                                        " ✓" if spans == py else " **differ**"),
                         "%s + %s" % (secs(num(base, "add_s")), secs(num(base, "compile_s")))))
    return ("### Dictionary scan\n\nGenerated names (tests/bench/names.c) scanned over the "
            "corpora, leftmost-longest. pyahocorasick (`iter_long`) scans the text kiji "
            "normalized beforehand, already decoded to a Python string; *like for like* "
            "compares it with kiji's automaton on the same normalized text, *with "
            "normalization* with kiji's whole scan (normalizing the raw text and mapping "
            "offsets back). Wall-clock MB/s.\n\n" +
            table(["entries", "corpus", "kiji scan MB/s (with normalization)",
                   "kiji automaton alone MB/s", "pyahocorasick MB/s", "kiji / pyac like for like",
                   "kiji / pyac with normalization", "spans found kiji / pyac",
                   "add + compile"], rows) +
            "\nThe generated names repeat (several entries share a key); kiji reports a match "
            "per entry, pyahocorasick keeps one value per key, so the spans found are what "
            "should agree.\n" + section_lexicon(d))


def section_annotate(res):
    rows = []
    for sec, who in (("annotate_c", "C"), ("annotate_lua5.4", "Lua 5.4"),
                     ("annotate_luajit", "LuaJIT")):
        a = res.get(sec, {})
        c = sec == "annotate_c"  # C has both clocks; Lua's os.clock is CPU time
        for lang in ("en", "ja"):
            batch = a.get("%s:annotate" % lang)
            one = a.get("%s:one article" % lang)
            mem = a.get("%s:memory" % lang)
            if batch is None and one is None:
                continue
            cpu = mbs(batch, "cpu_mb_s", "cpu_min", "cpu_max") if c else mbs(batch)
            per = f1(num(batch, "cpu_us_article" if c else "us_article"))
            one_s = "n/a"
            if one:
                k = ("cpu_us", "cpu_min", "cpu_max") if c else ("us", "min", "max")
                one_s = "%s (%s–%s), %s bytes" % (f1(num(one, k[0])), f1(num(one, k[1])),
                                                  f1(num(one, k[2])), one.get("bytes", "?"))
            mem_s = "n/a"
            if mem:
                mem_s = "%s (+%s MB for %s MB)" % (f1(num(mem, "rss_per_mb"), 2),
                                                  f1(num(mem, "peak_mb"), 0),
                                                  f1(num(mem, "input_mb"), 0))
            wall = "n/a"
            if c:
                wall = "%s; %s µs per 3 KB article" % (mbs(batch), f1(num(one, "us")))
            cuts = a.get("%s:cuts:annotate" % lang)
            icu = res.get("annotate_c", {}).get("%s:cuts:ratio" % lang)
            cuts_s = ratio_s = "n/a"
            if cuts:
                k = ("cpu_mb_s", "cpu_min", "cpu_max") if c else ("mb_s", "min", "max")
                cuts_s = mbs(cuts, *k)
                if icu and num(icu, "icu_cpu_mb_s"):
                    ratio_s = "%.3f× (ICU %s MB/s)" % (num(cuts, k[0]) / num(icu, "icu_cpu_mb_s"),
                                                       f1(num(icu, "icu_cpu_mb_s")))
            rows.append((who, lang, cpu, per, one_s, cuts_s, ratio_s, mem_s, wall))
    return ("### Annotation\n\nThe fixture articles (tests/fixtures/annotate, ~1 KB each) "
            "repeated to 8 MB (C) or 4 MB (Lua) and annotated one by one; then one 3 KB "
            "article (the fixtures joined, cut at the last sentence end before 3000 bytes) "
            "annotated 2000 times a run; then the articles joined and cut into 3 KB pieces at "
            "character boundaries (a news feed's items), against ICU's sentence iterator alone "
            "on the same pieces (root locale, UTF-8 UText, one iterator reused: issue 14 wants "
            "≥ 0.5× from C, ≥ 0.25× from Lua 5.4); then, in a fresh process, one 16 MB "
            "document in one "
            "call: the peak resident memory during the call (VmHWM, reset before it) less the "
            "resident memory before it, per MB of input (for Lua, the result tables "
            "included). Times are CPU time of the process, for C as for Lua (`os.clock`), so "
            "that the three compare on a busy machine; C's wall-clock figures are beside.\n\n" +
            table(["from", "lang", "MB/s, CPU (min–max)", "µs per article, CPU",
                   "µs per 3 KB article, CPU (min–max)", "3 KB cuts: MB/s, CPU (min–max)",
                   "3 KB cuts ÷ ICU sentences alone, CPU", "peak RSS per MB of input",
                   "C wall clock: MB/s (min–max)"], rows))


def section_scale(res, bench_dir):
    sc = res.get("scale", {})
    out = ["### Scaling\n\n",
           "`bench_scale`: kiji_annotate, one call per input, on the fixture articles of one "
           "language joined and repeated up to each size (en and ja apart); and user "
           "dictionaries of generated outlets, built from scratch, then used as an extra "
           "dictionary to annotate the first MiB of each generated corpus. Every point runs in "
           "its own forked process; CPU time of the process (user + system), median of 5 runs "
           "(3 from 64 MiB, 2 from 128 MiB; builds: 3 from 250k entries) after a first, cold "
           "call that also gives the memory growth. A line is *linear* when the cost per unit of its two largest points "
           "is within 2× of the median cost per unit of its middle points (all but the two "
           "smallest and the two largest), *SUPER-LINEAR* above that (a bug), *sub-linear* "
           "below ½×; the slope is the least-squares log-log slope over all but the two "
           "smallest points.\n\n",
           "![annotation time against input size and dictionary size, log-log](scaling.png)\n\n"]
    rows = []
    for key, what, unit in (("size:en", "annotate, en input size", "ns/byte"),
                            ("size:ja", "annotate, ja input size", "ns/byte"),
                            ("dict:build", "build a user dictionary (add + compile)", "µs/entry"),
                            ("dict:annotate", "annotate 2 MiB with that dictionary", "µs/entry")):
        v = sc.get(key)
        if v is None:
            continue
        rows.append((what, "**%s**" % v.get("verdict", "?"), ratio(num(v, "ratio")),
                     "%s (top pair %s)" % (f1(num(v, "slope"), 2), f1(num(v, "slope_top"), 2)),
                     "%s %s" % (g3(num(v, "mid_unit")), unit)))
    out.append(table(["line", "verdict", "largest / middle cost per unit", "log-log slope",
                      "middle cost per unit"], rows))
    # the size points, both languages side by side
    pts = {}
    for row, v in sc.items():
        m = re.match(r"size:(en|ja):(\d+)$", row)
        if m:
            nominal = 1 << (int(v.get("bytes", m.group(2))) - 1).bit_length()  # 1023 -> 1 KiB
            pts.setdefault(nominal, {})[m.group(1)] = v
    rows = []
    for size in sorted(pts):
        cells = [human_bytes(size)]
        for lang in ("en", "ja"):
            v = pts[size].get(lang)
            if v is None:
                cells += ["n/a"] * 3
                continue
            per_mb = f1(num(v, "grow_mb_per_mb"), 1) if size >= 1 << 20 else "–"
            cells += [secs_range(v, "cpu_s", "min", "max"), f1(num(v, "ns_per_byte")),
                      "+%s / %s / %s" % (f1(num(v, "grow_mb"), 1), per_mb,
                                         f1(num(v, "hwm_mb"), 0))]
        rows.append(cells)
    out.append("\nInput size (CPU time per call; memory: the peak resident growth during the "
               "cold call in MB / the same per MB of input, from 1 MiB on, where the fixed "
               "~4 MB of a fresh document no longer dominates / the process's whole peak "
               "resident size in MB, input included):\n\n")
    out.append(table(["input", "en time (min–max)", "en ns/byte", "en memory",
                      "ja time (min–max)", "ja ns/byte", "ja memory"], rows))
    big = max(pts) if pts else None
    if big is not None:
        b = pts[big]
        out.append("\nThe largest input, %s, in one call: peak resident size %s MB (en) and %s "
                   "MB (ja) for the whole process.\n" % (
                       human_bytes(big), f1(num(b.get("en", {}), "hwm_mb"), 0),
                       f1(num(b.get("ja", {}), "hwm_mb"), 0)))
    rows = []
    for row, v in sorted(((r, v) for r, v in sc.items() if re.match(r"dict:\d+$", r)),
                         key=lambda rv: int(rv[0].split(":")[1])):
        rows.append((human_count(v["entries"]), secs_range(v, "build_s", "build_min", "build_max"),
                     f1(num(v, "us_per_entry"), 2), f1(num(v, "build_grow_mb"), 0),
                     secs(num(v, "annotator_new_s")), secs_range(v, "annotate_s", "min", "max"),
                     v.get("mentions", "?")))
    out.append("\nDictionary size (CPU time):\n\n")
    out.append(table(["entries", "build (min–max)", "µs per entry", "build peak growth MB",
                      "kiji_annotator_new", "annotate 2 MiB (min–max)", "mentions found"], rows))
    out.append("\nData: `%s/scale-size-en.dat`, `scale-size-ja.dat`, `scale-dict.dat` "
               "(columns named in their first line); plot: `tests/bench/scaling.gp`.\n"
               % os.path.relpath(bench_dir, os.getcwd()))
    return "".join(out)


def section_parallel(res):
    p = res.get("parallel", {})
    if not p:
        return "### GNU parallel\n\nNot run.\n"
    inp = p.get("input", {})
    rows = []
    single = p.get("single", {})
    rows.append(("one process", single.get("wall_s", "?"), single.get("mb_s", "?"),
                 single.get("cpu_s", "?"),
                 "(%s MB of JSON Lines out)" % single.get("output_mb", "?")))
    base = num(single, "wall_s")
    labels = [("pipe", "one process, records from a pipe")] * ("pipe" in p)
    labels += [(k, "kiji annotate --jobs %s" % k[4:]) for k in sorted(p) if re.match(r"jobs\d+$", k)]
    labels += [(k, "parallel --pipe -N 1000 --keep-order -%s" % k) for k in sorted(p)
               if re.match(r"j\d+$", k)]
    labels += [("pipepart_j2", "parallel --pipepart --block 10M --keep-order -j2")] * ("pipepart_j2" in p)
    for j, label in labels:
        v = p[j]
        speed = ""
        if base and num(v, "wall_s"):
            speed = ", %.2f× one process" % (base / num(v, "wall_s"))
        rows.append((label, v.get("wall_s", "?"),
                     v.get("mb_s", "?"), v.get("cpu_s", "?"), v.get("output", "?") + speed))
    return ("### GNU parallel\n\n`kiji annotate --input jsonl --format jsonl` (%s) over %s MB "
            "of JSON Lines (%s records: the fixture articles repeated), alone and under GNU "
            "parallel; one run each (minutes apiece), wall-clock MB/s of input; CPU s counts "
            "every process (kiji, parallel's perl). %s CPUs; peak memory of the single "
            "process %s MB.\n\n" % (inp.get("lua", "?"), inp.get("input_mb", "?"),
                                      inp.get("records", "?"), inp.get("cpus", "?"),
                                      single.get("peak_mb", "?")) +
            table(["run", "wall s", "MB/s", "CPU s", "output vs one process"], rows))


def details(bench_dir):
    out = ["## Details\n\nEach step's whole output, as it printed it (the @result lines "
           "left out).\n"]
    for step, title in STEPS:
        text = read(os.path.join(bench_dir, step + ".log"))
        if not text:
            continue
        body = "\n".join(l for l in text.splitlines() if not l.startswith("@result"))
        out.append("\n<details><summary>%s</summary>\n\n```\n%s\n```\n\n</details>\n"
                   % (title, body.replace("```", "'''")))
    return "".join(out)


def main():
    if len(sys.argv) != 3:
        sys.stderr.write("usage: report.py BENCH_DIR OUT.md\n")
        return 2
    bench_dir, out_path = sys.argv[1], sys.argv[2]
    res = parse_results(bench_dir)
    steps = step_facts(bench_dir)
    total = sum(s[2] for s in steps if s[2] is not None)
    loads = []
    for step, _ in STEPS:
        m = re.search(r"[Ll]oad average(?: \(1 min\) at start| while measuring): ([\d.]+)",
                      read(os.path.join(bench_dir, step + ".log")))
        if m:
            loads.append("%s %s" % (step, m.group(1)))
    start = read(os.path.join(bench_dir, "run.start")).strip()
    run_s = int(datetime.datetime.now().timestamp()) - int(start) if start.isdigit() else None
    earlier = [s for s in steps if start.isdigit() and s[4] < int(start)]
    failed = [s[0] for s in steps if s[1] != "0"]
    parts = ["# kiji benchmark results\n\n",
             "Written by `make bench` (tests/bench/run.sh → tests/bench/report.py) from the "
             "output of the benchmark programs; every figure below is generated, and the next "
             "run rewrites this file.\n\n",
             table(["", ""], machine_facts(bench_dir, res)),
             "\nSteps: %s; %d min %d s together%s.%s\n\n" % (
                 ", ".join("%s %s s%s" % (s[0], "?" if s[2] is None else s[2],
                                          "" if s[1] == "0" else " (FAILED, exit %s)" % s[1])
                           for s in steps),
                 total // 60, total % 60,
                 "" if run_s is None else
                 " (%d min %d s for run.sh, the build and this report included)" % (
                     run_s // 60, run_s % 60),
                 "" if not earlier else
                 " These steps are from an earlier run (BENCH_ONLY): " +
                 ", ".join("%s of %s" % (s[0], s[3]) for s in earlier) + "."),
             "Medians of several runs, with the slowest and fastest run in parentheses; "
             "MB = 10^6 bytes, MiB = 2^20. On a machine shared with other jobs the wall-clock "
             "figures are noisy and the CPU-time figures (given beside them, and alone for Lua "
             "and the scaling) much less so; the 1-minute load average at the start of the "
             "steps: %s (%d cores).%s\n\n" % (
                 ", ".join(loads) or "not recorded", os.cpu_count() or 0,
                 (" **Failed steps: %s** (see their logs)." % ", ".join(failed)) if failed else ""),
             "## Summary\n\n",
             section_norm(res), "\n", section_seg(res), "\n", section_dict(res), "\n",
             section_annotate(res), "\n", section_scale(res, bench_dir), "\n",
             section_parallel(res), "\n", details(bench_dir)]
    text = "".join(parts)
    tmp = out_path + ".new"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, out_path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
