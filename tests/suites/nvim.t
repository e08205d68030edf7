#!/bin/sh
# The Neovim plugin (plugin/kiji.lua, lua/kiji/nvim.lua) in a real headless
# Neovim: tests/nvim/test_kiji.lua prints the TAP. kiji.core is the Lua 5.1
# build ($BUILD/5.1), which the plugin finds by itself.
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
if [ -n "${ASAN_PRELOAD:-}" ]; then
  echo "1..0 # SKIP nvim does not load an ASan-instrumented kiji.core"
  exit 0
fi
if ! command -v nvim >/dev/null 2>&1; then
  echo "1..0 # SKIP nvim is not installed (apt-get install neovim)"
  exit 0
fi
if [ ! -f "$BUILD/5.1/kiji/core.so" ]; then
  echo "1..1"
  echo "not ok 1 - $BUILD/5.1/kiji/core.so is built (make LUA=lua5.1 module)"
  exit 1
fi
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
unset LUA_PATH LUA_CPATH LUA_INIT VIMINIT NVIM_LISTEN_ADDRESS
export KIJI_ROOT="$PWD" KIJI_BUILD="$BUILD"
to=""
command -v timeout >/dev/null 2>&1 && to="timeout 60"
XDG_STATE_HOME="$tmp" XDG_DATA_HOME="$tmp" XDG_CACHE_HOME="$tmp" \
$to nvim --headless --clean -n -i NONE \
  --cmd 'lua vim.opt.runtimepath:prepend(vim.env.KIJI_ROOT)' \
  --cmd 'lua vim.g.kiji_build = vim.env.KIJI_BUILD' \
  -c 'luafile tests/nvim/test_kiji.lua' </dev/null 2>"$tmp/stderr"
rc=$?
if [ $rc != 0 ]; then
  echo "# nvim exited with $rc"
  sed 's/^/# /' "$tmp/stderr"
  exit 1
fi
exit 0
