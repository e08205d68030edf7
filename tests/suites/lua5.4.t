#!/bin/sh
# The Lua specs on lua5.4 (skipped when lua5.4, busted, lua-cjson or the
# kiji.core of Lua 5.4 is missing; see skip.sh).
cd "$(dirname "$0")/../.." || exit 1
. tests/suites/skip.sh
need_cmd lua5.4 lua5.4
[ -f /usr/bin/busted ] || skip_all "busted is not installed (Debian: apt-get install lua-busted)"
need_lua_mod lua5.4 busted.runner lua-busted
need_lua_mod lua5.4 cjson lua-cjson
need_core 5.4
exec sh tests/run-busted.sh lua5.4
