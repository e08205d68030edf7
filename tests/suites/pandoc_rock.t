#!/bin/sh
# The README's pandoc recipe after a LuaRocks install (TAP): `luarocks make`
# for the Lua that pandoc embeds (5.3 in Debian 12's pandoc 2.17, 5.4 in
# pandoc 3) into a temporary tree, then
#   pandoc -L "$(T/bin/kiji --pandoc-filter)" in.md
# with that tree's paths from `luarocks path`, and with no LUA_PATH at all
# (the filter finds its own tree); the style sheet installed beside it;
# a filter path of another ABI's directory of the same tree (the `kiji`
# on PATH may run another Lua); a tree without pandoc's kiji.core: an
# error that says which rock to install. One build (~1 min). No pandoc,
# no luarocks or no headers of pandoc's Lua: skipped (skip.sh).
cd "$(dirname "$0")/../.." || exit 1
. tests/suites/skip.sh
. tests/suites/tap.sh
need_cmd pandoc pandoc
need_cmd luarocks luarocks
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT

# the Lua of this pandoc, as the README tells a user to find it
printf 'io.stderr:write(_VERSION, "\\n")\nreturn {}\n' > "$tmp/version.lua"
abi=$(pandoc -f markdown -t plain -L "$tmp/version.lua" /dev/null 2>&1 >/dev/null |
  sed -n 's/^Lua \(5\.[0-9]\).*/\1/p')
[ -n "$abi" ] || skip_all_anyway "pandoc runs no Lua filter"
command -v "lua$abi" >/dev/null 2>&1 ||
  skip_all "lua$abi is not installed, which LuaRocks needs for pandoc's Lua $abi (Debian: apt-get install lua$abi)"
lua_headers "$abi" ||
  skip_all "no Lua $abi headers for pandoc's Lua (Debian: apt-get install $(lua_dev_package "$abi"))"

# build from a copy (LuaRocks leaves its objects beside the sources), with
# the rock's own flags, not those of a make that runs the tests
mkdir "$tmp/src" && cp -r Makefile include plugin lua bin doc rockspec tests "$tmp/src/"
unset MAKEFLAGS MFLAGS MAKELEVEL OPT LDFLAGS CFLAGS CC BUILD ASAN_PRELOAD LD_PRELOAD
# no path of the caller's: only what each test sets
unset LUA_PATH LUA_CPATH LUA_PATH_5_1 LUA_CPATH_5_1 LUA_PATH_5_3 LUA_CPATH_5_3 \
  LUA_PATH_5_4 LUA_CPATH_5_4 LUA_INIT LUA_INIT_5_3 LUA_INIT_5_4


# (--deps-mode=none: the filter needs none of the rock's dependencies,
# lua-cjson is for `kiji annotate --input jsonl`, and luarocks.t tests
# them. With it, LuaRocks' wrapper bin/kiji names no tree, so bin/kiji
# runs with the paths of `luarocks path`, as the README's recipe does.)
tree=$tmp/tree
(cd "$tmp/src" && luarocks --lua-version="$abi" make --deps-mode=none --tree "$tree" \
  rockspec/kiji-scm-1.rockspec) >"$tmp/make.log" 2>&1
st=$?
ok_status $st "luarocks --lua-version=$abi make (pandoc's Lua)"
if [ $st != 0 ]; then show "$tmp/make.log"; tap_end; fi

cd "$tmp" || exit 1
cat > in.md <<'EOF'
Harbor officials denied a report by Kyodo News that the port would close.

The Transport Ministry rejected the claim, Kyodo said.
EOF
has_spans() { # has_spans HTML: an outlet with its id (whose report is denied), a denial cue, a denier
  grep -q '<span class="kiji-outlet kiji-target"[^>]*data-kiji-id="kyodo"[^>]*>Kyodo News</span>' "$1" &&
    grep -q '<span class="kiji-denial-cue"[^>]*>denied</span>' "$1" &&
    grep -q 'class="kiji-official kiji-denier"[^>]*>Transport Ministry<' "$1"
}

# the README: eval "$(luarocks --lua-version=5.3 --tree T path)", then
# pandoc -L "$(kiji --pandoc-filter)"
filter=$(
  eval "$(luarocks --lua-version="$abi" --tree "$tree" path)" && kiji --pandoc-filter
) 2>"$tmp/run.log"
[ "$filter" = "$tree/share/lua/$abi/kiji/pandoc.lua" ]
st=$?
ok_status $st "kiji --pandoc-filter (the tree's bin/kiji) prints the tree's filter"
[ $st = 0 ] || { echo "# printed: $filter"; show "$tmp/run.log"; }

(
  eval "$(luarocks --lua-version="$abi" --tree "$tree" path)" &&
    pandoc -L "$filter" in.md -t html --wrap=none -o path.html
) 2>"$tmp/run.log" && has_spans path.html
st=$?
ok_status $st "pandoc -L \"\$(kiji --pandoc-filter)\" with the paths of luarocks path"
[ $st = 0 ] || { show "$tmp/run.log"; show path.html; }

pandoc -L "$filter" in.md -t html --wrap=none -o bare.html 2>"$tmp/run.log" && has_spans bare.html
st=$?
ok_status $st "the same with no LUA_PATH nor LUA_CPATH: the filter finds its own tree"
[ $st = 0 ] || { show "$tmp/run.log"; show bare.html; }

pandoc -s -M title=t -L "$filter" in.md -t html --wrap=none -o standalone.html 2>"$tmp/run.log" &&
  grep -q '^ *\.kiji-official' standalone.html && has_spans standalone.html
st=$?
ok_status $st "pandoc -s: the installed pandoc.css inlined (kiji/pandoc.css beside the filter)"
[ $st = 0 ] || { show "$tmp/run.log"; ls "$tree/share/lua/$abi/kiji/" | sed 's/^/# installed: /'; }

# A `kiji` of another Lua in the same tree prints its own directory's
# filter (share/lua/5.x): the filter loads the kiji of pandoc's Lua from
# the tree all the same. (Its Lua files are the same for every ABI.)
other=5.1; [ "$abi" = 5.1 ] && other=5.4
mkdir -p "$tree/share/lua/$other" && cp -r "$tree/share/lua/$abi/kiji" "$tree/share/lua/$other/" &&
  pandoc -L "$tree/share/lua/$other/kiji/pandoc.lua" in.md -t html --wrap=none -o other.html 2>"$tmp/run.log" &&
  has_spans other.html
st=$?
ok_status $st "a filter path of the tree's Lua $other directory: pandoc's Lua $abi kiji.core from the same tree"
[ $st = 0 ] || show "$tmp/run.log"

# a tree with no kiji.core for pandoc's Lua: an error that says what to do
mkdir -p lone/share/lua/$other && cp -r "$tree/share/lua/$abi/kiji" lone/share/lua/$other/ &&
  ! pandoc -L "lone/share/lua/$other/kiji/pandoc.lua" in.md -t html -o lone.html 2>"$tmp/run.log" &&
  grep -q "luarocks --lua-version=$abi install kiji" "$tmp/run.log"
st=$?
ok_status $st "no kiji.core for pandoc's Lua: the error names luarocks --lua-version=$abi install kiji"
[ $st = 0 ] || show "$tmp/run.log"

tap_end
