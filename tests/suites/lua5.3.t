#!/bin/sh
# The Lua specs on lua5.3 (skipped when lua5.3, busted, lua-cjson or the
# kiji.core of Lua 5.3 is missing; see skip.sh).
cd "$(dirname "$0")/../.." || exit 1
. tests/suites/skip.sh
need_cmd lua5.3 lua5.3
[ -f /usr/bin/busted ] || skip_all "busted is not installed (Debian: apt-get install lua-busted)"
need_lua_mod lua5.3 busted.runner lua-busted
need_lua_mod lua5.3 cjson lua-cjson
need_core 5.3
exec sh tests/run-busted.sh lua5.3
