#!/bin/sh
# The Neovim plugin (plugin/kiji.lua, lua/kiji/nvim.lua):
#  - in a real headless Neovim: tests/nvim/test_kiji.lua prints the TAP
#    (marks, summary, :KijiInfo's float, quickfix, highlight groups, auto
#    mode);
#  - in a real terminal: Neovim in a tmux pane, its screen captured with
#    its attributes and checked, written as ANSI, HTML and PNG to
#    $BUILD/screenshots/nvim-tmux*.{ansi,html,png} (tests/nvim/screen.sh).
# kiji.core is the Lua 5.1 build ($BUILD/5.1), which the plugin finds by
# itself. Skipped without nvim or the Lua 5.1 kiji.core (skip.sh), and
# under ASan; the terminal part without tmux, the PNG without chromium.
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
. tests/suites/skip.sh
if [ -n "${ASAN_PRELOAD:-}" ]; then
  skip_all_anyway "nvim does not load an ASan-instrumented kiji.core"
fi
need_cmd nvim neovim
need_core 5.1
tmp=$(mktemp -d) || exit 1
trap 'command -v tmux >/dev/null 2>&1 && tmux -L "kiji-test-$$" kill-server >/dev/null 2>&1; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
unset LUA_PATH LUA_CPATH LUA_INIT VIMINIT NVIM_LISTEN_ADDRESS TMUX
export TMUX_TMPDIR="$tmp" # tmux's socket, removed with $tmp
export KIJI_ROOT="$PWD" KIJI_BUILD="$BUILD"
to=""
command -v timeout >/dev/null 2>&1 && to="timeout 60"
n=0
failed=0

# ---------------------------------------------------------------- headless
XDG_STATE_HOME="$tmp" XDG_DATA_HOME="$tmp" XDG_CACHE_HOME="$tmp" \
$to nvim --headless --clean -n -i NONE \
  --cmd 'lua vim.opt.runtimepath:prepend(vim.env.KIJI_ROOT)' \
  --cmd 'lua vim.g.kiji_build = vim.env.KIJI_BUILD' \
  -c 'luafile tests/nvim/test_kiji.lua' </dev/null >"$tmp/headless.tap" 2>"$tmp/stderr"
rc=$?
grep -v '^1\.\.[0-9]*$' "$tmp/headless.tap"
n=$(grep -c '^\(not \)\{0,1\}ok ' "$tmp/headless.tap")
if [ $rc != 0 ]; then
  failed=$((failed + 1))
  if ! grep -q '^not ok ' "$tmp/headless.tap"; then
    n=$((n + 1))
    echo "not ok $n - headless Neovim exited with $rc"
  fi
  echo "# nvim exited with $rc"
  sed 's/^/# /' "$tmp/stderr"
fi

# ---------------------------------------------------------------- tmux
. tests/nvim/screen.sh
screen_tests

echo "1..$n"
[ "$failed" = 0 ]
