#!/bin/sh
# The Lua specs on luajit (skipped when luajit, busted, lua-cjson or the
# kiji.core of Lua 5.1 is missing; see skip.sh).
cd "$(dirname "$0")/../.." || exit 1
. tests/suites/skip.sh
need_cmd luajit luajit
[ -f /usr/bin/busted ] || skip_all "busted is not installed (Debian: apt-get install lua-busted)"
need_lua_mod luajit busted.runner lua-busted
need_lua_mod luajit cjson lua-cjson
need_core 5.1
exec sh tests/run-busted.sh luajit
