"""bench_dict_pyac.py -- the same scan as bench_dict with pyahocorasick.

Usage: python3 bench_dict_pyac.py KEYS TEXT RUNS

KEYS holds one match-form key a line, TEXT a text already normalized by
the match form (both UTF-8, written by bench_dict). Builds an
ahocorasick.Automaton over the keys and times iter_long (leftmost-longest,
like kiji's longest mode) over the whole text, decoded once beforehand.
Prints "MB/s matches build-seconds slowest fastest": megabytes (10^6) of
UTF-8 text per second, median of RUNS, then the slowest and fastest run's.
"""
import statistics
import sys
import time

import ahocorasick


def main():
    keys_path, text_path, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    t0 = time.perf_counter()
    automaton = ahocorasick.Automaton()
    with open(keys_path, encoding="utf-8") as keys:
        for i, line in enumerate(keys):
            key = line.rstrip("\n")
            if key:
                automaton.add_word(key, i)
    automaton.make_automaton()
    build = time.perf_counter() - t0
    with open(text_path, "rb") as f:
        raw = f.read()
    text = raw.decode("utf-8")
    times, count = [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        count = sum(1 for _ in automaton.iter_long(text))
        times.append(time.perf_counter() - t0)
    mb = len(raw) / 1e6
    print("%.1f %d %.2f %.1f %.1f" % (mb / statistics.median(times), count, build,
                                      mb / max(times), mb / min(times)))


if __name__ == "__main__":
    main()
