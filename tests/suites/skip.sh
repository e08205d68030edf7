# tests/suites/skip.sh -- sourced by the host suites (tests/suites/*.t)
# from the top of the tree: how a suite says that something it needs is
# not here. A user without root who lacks chromium, pandoc, nvim... still
# runs every other suite; prove shows each skip with its reason.
#
# Under CI (CI=true, as .ci/run exports) a skip for something missing is
# a failure, so CI never passes by skipping.
#
#   skip_all REASON     no test of the suite can run: `1..0 # SKIP REASON`,
#                       exit 0 (under CI: `not ok 1 - REASON`, exit 1)
#   skip_one REASON     one test of a running suite: `ok N # SKIP REASON`
#                       (under CI: `not ok N`, one more failed); counts in
#                       the suite's n and failed
#   skip_all_anyway REASON  a skip that no package cures (nvim under ASan):
#                       a skip under CI too
#   need_cmd CMD PACKAGE        skip_all unless CMD is on PATH
#   need_lua_mod LUA MOD PACKAGE  skip_all unless LUA can require MOD
#   need_py_mod MOD PACKAGE     skip_all unless python3 can import MOD
#   need_core ABI               skip_all unless $BUILD/ABI/kiji/core.so is
#                               built (make modules builds each ABI whose
#                               headers are installed)
#   lua_headers ABI             true when Lua ABI's headers are installed

BUILD=${BUILD:-build}

skip_ci() {
  case ${CI:-} in true|TRUE|True|1|yes) return 0 ;; esac
  return 1
}

skip_all() {
  if skip_ci; then
    echo "1..1"
    echo "not ok 1 - $1 (CI=true: a skip is a failure)"
    exit 1
  fi
  echo "1..0 # SKIP $1"
  exit 0
}

skip_all_anyway() {
  echo "1..0 # SKIP $1"
  exit 0
}

skip_one() {
  n=$((${n:-0} + 1))
  if skip_ci; then
    failed=$((${failed:-0} + 1))
    echo "not ok $n - $1 (CI=true: a skip is a failure)"
  else
    echo "ok $n # SKIP $1"
  fi
}

need_cmd() {
  command -v "$1" >/dev/null 2>&1 || skip_all "$1 is not installed (Debian: apt-get install $2)"
}

need_lua_mod() {
  "$1" -e "require '$2'" >/dev/null 2>&1 ||
    skip_all "$1 cannot require '$2' (Debian: apt-get install $3)"
}

need_py_mod() {
  python3 -c "import $1" >/dev/null 2>&1 ||
    skip_all "python3 cannot import $1 (Debian: apt-get install $2)"
}

# the Debian package with the headers of Lua ABI 5.1, 5.3 or 5.4
lua_dev_package() {
  if [ "$1" = 5.1 ]; then echo liblua5.1-0-dev; else echo "liblua$1-dev"; fi
}

lua_headers() {
  pkg-config --exists "lua$1" 2>/dev/null || [ -f "/usr/include/lua$1/lua.h" ]
}

need_core() {
  [ -f "$BUILD/$1/kiji/core.so" ] && return 0
  if lua_headers "$1"; then
    skip_all "$BUILD/$1/kiji/core.so is not built (make LUA=lua$1 module)"
  fi
  skip_all "no kiji.core for Lua $1: its headers are not installed (Debian: apt-get install $(lua_dev_package "$1"))"
}
