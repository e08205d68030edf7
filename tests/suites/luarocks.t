#!/bin/sh
# The LuaRocks route: `luarocks make` into a temporary tree for Lua 5.1, 5.3
# and 5.4 (offline, utf8proc and ICU from the system), then `require "kiji"`
# from that tree (and LuaJIT from the 5.1 tree), and the `kiji` command and
# man page it installed. Without luarocks: skipped; a Lua without its
# interpreter or headers: its tests skipped (skip.sh).
cd "$(dirname "$0")/../.." || exit 1
. tests/suites/skip.sh
need_cmd luarocks luarocks
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
# build from a copy: LuaRocks leaves its objects beside the sources
mkdir "$tmp/src" && cp -r Makefile include plugin lua bin doc rockspec tests "$tmp/src/"
cd "$tmp/src" || exit 1
# the rock builds with its own flags, not those of a make that runs the tests
# (check-asan passes CC, OPT and LDFLAGS down, in MAKEFLAGS and the environment)
unset MAKEFLAGS MFLAGS MAKELEVEL OPT LDFLAGS CFLAGS CC BUILD ASAN_PRELOAD LD_PRELOAD
n=0 failed=0
ok() {
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
}
luarocks lint rockspec/kiji-scm-1.rockspec >"$tmp/lint.log" 2>&1
ok $? "luarocks lint"
probe='local k = require "kiji"; local s, m = k.normalize("ＮＨＫ"); assert(s == "nhk" and select(2, m:origin(1, 3)) == 9); io.write(k.version)'
for v in 5.1 5.3 5.4; do
  if ! command -v "lua$v" >/dev/null 2>&1; then
    skip_one "LuaRocks for Lua $v: lua$v is not installed (Debian: apt-get install lua$v)"; continue
  fi
  if ! lua_headers "$v"; then
    skip_one "LuaRocks for Lua $v: no Lua $v headers (Debian: apt-get install $(lua_dev_package "$v"))"; continue
  fi
  tree="$tmp/tree$v"
  luarocks --lua-version="$v" make --tree "$tree" rockspec/kiji-scm-1.rockspec >"$tmp/make$v.log" 2>&1
  st=$?
  ok $st "luarocks make for Lua $v"
  [ $st = 0 ] || sed 's/^/# /' "$tmp/make$v.log" | tail -n 20
  for lua in "lua$v" $( [ "$v" = 5.1 ] && echo luajit ); do
    if ! command -v "$lua" >/dev/null 2>&1; then
      skip_one "require \"kiji\" from the $v tree in $lua: $lua is not installed (Debian: apt-get install $lua)"; continue
    fi
    LUA_PATH="$tree/share/lua/$v/?.lua;$tree/share/lua/$v/?/init.lua" \
    LUA_CPATH="$tree/lib/lua/$v/?.so" "$lua" -e "$probe" >/dev/null 2>"$tmp/run.log"
    ok $? "require \"kiji\" from the $v tree in $lua"
  done
  # the command LuaRocks installed (its wrapper finds the tree's modules)
  printf 'Japan denied the report, Kyodo News said.\n' > "$tmp/in.txt"
  "$tree/bin/kiji" annotate --format jsonl "$tmp/in.txt" > "$tmp/out$v.jsonl" 2>"$tmp/run.log" &&
    grep -q '"outlets":\[{"text":"Kyodo News"' "$tmp/out$v.jsonl"
  ok $? "kiji annotate from the $v tree's bin/kiji"
  [ -f "$(find "$tree" -name kiji.1 | head -n 1)" ]
  ok $? "the man page is in the $v tree"
done
# luarocks test: the rockspec's test command (the Lua specs, offline)
if command -v lua5.4 >/dev/null 2>&1 && lua_headers 5.4; then
  luarocks --lua-version=5.4 test rockspec/kiji-scm-1.rockspec >"$tmp/test.log" 2>&1 &&
    tail -n 1 "$tmp/test.log" | grep -q '^1\.\.' && ! grep -q '^not ok' "$tmp/test.log"
  ok $? "luarocks test runs the specs"
else
  skip_one "luarocks test runs the specs: needs lua5.4 and its headers (Debian: apt-get install lua5.4 liblua5.4-dev)"
fi
echo "1..$n"
exit $failed
