#!/bin/sh
# layers.sh OBJ... -- the library's objects call only down the pipeline.
#
# From `nm` of the objects: an object that uses a symbol another defines
# depends on it. Two rules, each a failure with the path that breaks it:
#   1. no circles: no two objects depend on each other, directly or
#      through others;
#   2. stages in flow order (base < norm < seg < dict < annotate < lua):
#      an object depends only on its own folder and the folders before it.
# Objects are named by their folder (build/obj/annotate/doc.o is
# annotate/doc, build/5.4/lua/lkiji.o is lua/lkiji). Prints TAP for one test; exit 0 when both rules hold.
set -u
[ $# -gt 0 ] || { echo "usage: layers.sh OBJ..." >&2; exit 2; }
for o in "$@"; do
  name=$(printf '%s' "$o" | sed 's|.*/obj/||; s|.*/\(lua/[^/]*\)$|\1|; s|\.o$||')
  nm -g --defined-only "$o" | awk -v n="$name" '{print "D", n, $3}'
  nm -g --undefined-only "$o" | awk -v n="$name" '{print "U", n, $2}'
done | awk '
  BEGIN { split("base norm seg dict annotate lua", order, " ")
          for (i in order) rank[order[i]] = i }
  $1 == "D" { def[$3] = $2; next }
  $1 == "U" { use[$2, $3] = 1; users[$2] = 1; next }
  function stage(o,  p) { p = index(o, "/"); return p ? substr(o, 1, p - 1) : "gen" }
  function rankof(o,  s) { s = stage(o); return (s in rank) ? rank[s] : 99 }
  END {
    for (k in use) {
      split(k, f, SUBSEP); sym = f[2]; from = f[1]
      if (!(sym in def) || def[sym] == from) continue
      to = def[sym]
      if (!((from, to) in edge)) { edge[from, to] = sym; out[from] = out[from] " " to }
    }
    bad = 0
    for (k in edge) {
      split(k, f, SUBSEP)
      if (rankof(f[2]) > rankof(f[1])) {
        printf "# %s calls up the pipeline into %s (%s)\n", f[1], f[2], edge[k]; bad++
      }
    }
    # circles: depth-first search, colour 1 = on the path
    for (o in out) if (!(o in colour)) bad += dfs(o, o)
    if (bad) { print "not ok 1 - the objects call only down the pipeline (" bad " breaks)"; exit 1 }
    print "ok 1 - the objects call only down the pipeline, with no circle"
  }
  function dfs(o, path,   n, i, t, b, list) {
    colour[o] = 1; b = 0
    n = split(out[o], list, " ")
    for (i = 1; i <= n; i++) {
      t = list[i]
      if ((t in colour) && colour[t] == 1) { printf "# circle: %s -> %s (%s)\n", path, t, edge[o, t]; b++ }
      else if (!(t in colour)) b += dfs(t, path " -> " t)
    }
    colour[o] = 2
    return b
  }'
