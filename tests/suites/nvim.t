#!/bin/sh
# The Neovim plugin (plugin/kiji.lua, lua/kiji/nvim.lua) in a real headless
# Neovim: tests/nvim/test_kiji.lua prints the TAP. kiji.core is the Lua 5.1
# build ($BUILD/5.1), which the plugin finds by itself.
# Skipped without nvim or the Lua 5.1 kiji.core (skip.sh), and under ASan.
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
. tests/suites/skip.sh
if [ -n "${ASAN_PRELOAD:-}" ]; then
  skip_all_anyway "nvim does not load an ASan-instrumented kiji.core"
fi
need_cmd nvim neovim
need_core 5.1
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
