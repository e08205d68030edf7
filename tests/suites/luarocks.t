#!/bin/sh
# The LuaRocks route, offline, each into a temporary tree: `luarocks make`
# for Lua 5.1 and 5.3, and for 5.4 the source rock of `make rock-pack`
# installed from another directory (the rock alone, its source tarball
# gone from where it was made). In each tree: `require "kiji"` (and LuaJIT
# from the 5.1 tree), the `kiji` command, `--input jsonl` with lua-cjson
# (a dependency of the rock: README's offline route, Debian's lua-cjson as
# rocks_provided), the man page where `man` finds it (MANPATH=TREE/share/man,
# or TREE/bin on PATH), the JSON Schema at the path `kiji --help` names, and
# a build log without -Werror that compiles each source once. Then -Werror
# in what make test, check-asan and coverage compile and not in plain make,
# and `luarocks test`. Without luarocks: skipped; a Lua without its
# interpreter or headers: its tests skipped (skip.sh).
cd "$(dirname "$0")/../.." || exit 1
. tests/suites/skip.sh
. tests/suites/tap.sh
need_cmd luarocks luarocks
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
# build from a copy: LuaRocks leaves its objects beside the sources
mkdir "$tmp/src" && cp -r Makefile include plugin lua bin doc rockspec tests "$tmp/src/" &&
  for f in README.md LICENSE CHANGELOG.md; do [ ! -e "$f" ] || cp "$f" "$tmp/src/"; done
cd "$tmp/src" || exit 1
# the rock builds with its own flags, not those of a make that runs the tests
# (check-asan passes CC, OPT and LDFLAGS down, in MAKEFLAGS and the environment)
unset MAKEFLAGS MFLAGS MAKELEVEL OPT LDFLAGS CFLAGS CC BUILD WERROR ASAN_PRELOAD LD_PRELOAD \
  LUAROCKS_CONFIG_5_1 LUAROCKS_CONFIG_5_3 LUAROCKS_CONFIG_5_4
# LuaRocks' configuration: the system's, and lua-cjson provided (README:
# offline on Debian, apt's lua-cjson given as rocks_provided)
printf 'rocks_provided = { ["lua-cjson"] = "2.1.0-1" }\n' > "$tmp/config.lua"
export LUAROCKS_CONFIG="$tmp/config.lua"
luarocks lint rockspec/kiji-scm-1.rockspec >"$tmp/lint.log" 2>&1
ok_status $? "luarocks lint"
probe='local k = require "kiji"; local s, m = k.normalize("ＮＨＫ"); assert(s == "nhk" and select(2, m:origin(1, 3)) == 9); io.write(k.version)'
printf 'Japan denied the report, Kyodo News said.\n' > "$tmp/in.txt"
printf '{"id":"r1","text":"Japan denied the report, Kyodo News said."}\n' > "$tmp/in.jsonl"
for v in 5.1 5.3 5.4; do
  if ! command -v "lua$v" >/dev/null 2>&1; then
    skip_one "LuaRocks for Lua $v: lua$v is not installed (Debian: apt-get install lua$v)"; continue
  fi
  if ! lua_headers "$v"; then
    skip_one "LuaRocks for Lua $v: no Lua $v headers (Debian: apt-get install $(lua_dev_package "$v"))"; continue
  fi
  tree="$tmp/tree$v" log="$tmp/make$v.log"
  if [ "$v" != 5.4 ]; then
    luarocks --lua-version="$v" make --tree "$tree" rockspec/kiji-scm-1.rockspec >"$log" 2>&1
    st=$?
    ok_status $st "luarocks make for Lua $v"
  else
    # the source rock, installed from elsewhere with its tarball's url gone
    make --no-print-directory rock-pack BUILD=build/pack >"$tmp/pack.log" 2>&1 &&
      [ -f build/pack/pack/kiji-scm-1.src.rock ]
    st=$?
    ok_status $st "make rock-pack makes kiji-scm-1.src.rock"
    [ $st = 0 ] || show "$tmp/pack.log"
    mkdir "$tmp/elsewhere" && mv build/pack/pack/kiji-scm-1.src.rock "$tmp/elsewhere/" &&
      rm -rf build/pack
    (cd "$tmp/elsewhere" &&
      luarocks --lua-version=5.4 install --tree "$tree" kiji-scm-1.src.rock) >"$log" 2>&1
    st=$?
    ok_status $st "luarocks install kiji-scm-1.src.rock for Lua 5.4, offline, from the rock alone"
  fi
  [ $st = 0 ] || { show "$log"; continue; }
  # the flags of the rock's build: the system's warnings, no -Werror; the
  # install pass compiles nothing again (the binding is compiled for each
  # Lua, the library once for the copy)
  grep -q ' -c plugin/lua/lkiji\.c' "$log" && ! grep -q -e '-Werror' "$log"
  ok_status $? "the rock for Lua $v builds without -Werror"
  [ -z "$(grep -o ' -c [^ ]*\.c' "$log" | sort | uniq -d)" ]
  ok_status $? "the rock for Lua $v compiles each source once"
  for lua in "lua$v" $( [ "$v" = 5.1 ] && echo luajit ); do
    if ! command -v "$lua" >/dev/null 2>&1; then
      skip_one "require \"kiji\" from the $v tree in $lua: $lua is not installed (Debian: apt-get install $lua)"; continue
    fi
    LUA_PATH="$tree/share/lua/$v/?.lua;$tree/share/lua/$v/?/init.lua" \
    LUA_CPATH="$tree/lib/lua/$v/?.so" "$lua" -e "$probe" >/dev/null 2>"$tmp/run.log"
    ok_status $? "require \"kiji\" from the $v tree in $lua"
  done
  # the command LuaRocks installed (its wrapper finds the tree's modules)
  "$tree/bin/kiji" annotate --format jsonl "$tmp/in.txt" > "$tmp/out$v.jsonl" 2>"$tmp/run.log" &&
    grep -q '"outlets":\[{"text":"Kyodo News"' "$tmp/out$v.jsonl"
  ok_status $? "kiji annotate from the $v tree's bin/kiji"
  # lua-cjson: a dependency of the rock, which --input jsonl needs
  luarocks --lua-version="$v" --tree "$tree" show kiji 2>/dev/null | grep -q '^[[:space:]]*lua-cjson >= 2\.1\.0'
  ok_status $? "the $v tree's kiji depends on lua-cjson"
  if "lua$v" -e 'require "cjson.safe"' 2>/dev/null; then
    "$tree/bin/kiji" annotate --input jsonl < "$tmp/in.jsonl" > "$tmp/outj$v.jsonl" 2>"$tmp/run.log" &&
      grep -q '^{"kiji":2,"id":"r1",.*"outlets":\[{"text":"Kyodo News"' "$tmp/outj$v.jsonl"
    ok_status $? "kiji annotate --input jsonl from the $v tree (lua-cjson)"
  else
    skip_one "kiji annotate --input jsonl from the $v tree: lua$v has no lua-cjson (Debian: apt-get install lua-cjson)"
  fi
  # the man page: where man finds it for the tree
  if command -v man >/dev/null 2>&1; then
    [ "$(MANPATH="$tree/share/man" man -w kiji 2>/dev/null)" = "$tree/share/man/man1/kiji.1" ]
    ok_status $? "MANPATH=TREE/share/man man -w kiji finds the $v tree's page"
    [ "$(env -u MANPATH PATH="$tree/bin:$PATH" man -w kiji 2>/dev/null)" = "$tree/share/man/man1/kiji.1" ]
    ok_status $? "man -w kiji finds the $v tree's page from TREE/bin on PATH"
  else
    skip_one "man kiji from the $v tree: man is not installed (Debian: apt-get install man-db)"
  fi
  # the JSON Schema: installed in the tree, named by kiji --help
  schema=$("$tree/bin/kiji" --help 2>/dev/null | sed -n 's/^ *\(\/.*kiji-doc\.schema\.json\)$/\1/p')
  case $schema in "$tree"/*) cmp -s "$schema" doc/kiji-doc.schema.json ;; *) false ;; esac
  ok_status $? "kiji --help names the JSON Schema in the $v tree (${schema:-no path})"
done
# -Werror: in what make test, check-asan and coverage compile, not in make
for t in test check-asan coverage; do
  make -n --no-print-directory "$t" BUILD="$tmp/strict-$t" 2>/dev/null |
    grep ' -c plugin/norm/norm\.c' | grep -q -e ' -Werror '
  ok_status $? "make $t compiles with -Werror"
done
make -n --no-print-directory all BUILD="$tmp/plain" 2>/dev/null |
  grep ' -c plugin/norm/norm\.c' > "$tmp/plain.log" && ! grep -q -e '-Werror' "$tmp/plain.log"
ok_status $? "make compiles without -Werror"
# luarocks test: the rockspec's test command (the Lua specs, offline)
if command -v lua5.4 >/dev/null 2>&1 && lua_headers 5.4; then
  luarocks --lua-version=5.4 test rockspec/kiji-scm-1.rockspec >"$tmp/test.log" 2>&1 &&
    tail -n 1 "$tmp/test.log" | grep -q '^1\.\.' && ! grep -q '^not ok' "$tmp/test.log"
  ok_status $? "luarocks test runs the specs"
else
  skip_one "luarocks test runs the specs: needs lua5.4 and its headers (Debian: apt-get install lua5.4 liblua5.4-dev)"
fi
tap_end
