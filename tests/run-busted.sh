#!/bin/sh
# The Lua specs under one interpreter, as TAP for prove:
#   tests/run-busted.sh lua5.1|lua5.3|lua5.4|luajit
# BUILD names the build tree (check-asan uses its own); ASAN_PRELOAD, when
# set, is what the uninstrumented interpreter must preload: the sanitizer
# runtime, and ICU (see check-asan in the Makefile).
set -e
cd "$(dirname "$0")/.."
lua=$1
case $lua in
  lua5.1|luajit) abi=5.1 ;;
  lua5.3) abi=5.3 ;;
  lua5.4) abi=5.4 ;;
  *) echo "usage: $0 lua5.1|lua5.3|lua5.4|luajit" >&2; exit 2 ;;
esac
export LUA_PATH="lua/?.lua;lua/?/init.lua;tests/spec/?.lua;;"
export LUA_CPATH="${BUILD:-build}/$abi/?.so;;"
if [ -n "${ASAN_PRELOAD:-}" ]; then export LD_PRELOAD="$ASAN_PRELOAD"; fi
exec "$lua" /usr/bin/busted --output=TAP tests/spec
