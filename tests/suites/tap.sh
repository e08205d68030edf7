# tests/suites/tap.sh -- sourced by the shell suites (tests/suites/*.t)
# from the top of the tree: how a suite reports its tests to prove (TAP).
# A suite counts in n and failed (skip.sh's skip_one counts there too).
#
#   ok DESC               ok N - DESC
#   not_ok DESC           not ok N - DESC, one more failed
#   ok_status STATUS DESC ok when STATUS (a command's $?) is 0
#   skip REASON           ok N # SKIP REASON, under CI too: for what no
#                         package cures (skip.sh's skip_one is for the rest)
#   check DESC CMD...     ok when CMD succeeds; else not ok, and what CMD
#                         printed as # lines (it goes to $tmp/tap.log: the
#                         suite has made $tmp by then)
#   show FILE             FILE's last 20 lines as # lines, when it has any
#   tap_end               the plan (1..N) and the suite's exit status: 1
#                         when a test failed

n=0
failed=0

ok() {
  n=$((n + 1))
  echo "ok $n - $1"
}

not_ok() {
  n=$((n + 1))
  failed=$((failed + 1))
  echo "not ok $n - $1"
}

ok_status() {
  if [ "$1" = 0 ]; then ok "$2"; else not_ok "$2"; fi
}

skip() {
  n=$((n + 1))
  echo "ok $n # SKIP $1"
}

show() {
  [ -s "$1" ] && sed 's/^/# /' "$1" | tail -n 20
  return 0
}

check() {
  tap_what=$1
  shift
  if "$@" > "$tmp/tap.log" 2>&1; then
    ok "$tap_what"
  else
    not_ok "$tap_what"
    sed 's/^/# /' "$tmp/tap.log"
  fi
  rm -f "$tmp/tap.log"
}

tap_end() {
  echo "1..$n"
  [ "$failed" -eq 0 ] || exit 1
  exit 0
}
