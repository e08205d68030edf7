# tests/nvim/screen.sh -- sourced by tests/suites/nvim.t (from the top of
# the tree, after skip.sh; uses its n, failed, tmp, BUILD): kiji in a real
# terminal. Neovim runs in a detached tmux pane of 100x30 on
# tests/nvim/screen-news.txt (English and Japanese) with
# tests/nvim/screen_init.lua, once with background=dark and once with
# light; the test types :KijiAnnotate and `,i` (the cursor on a denial
# cue, :KijiInfo), captures the screen with its SGR attributes and checks it
# against what that Neovim says of its screen (tests/nvim/screen_check.lua):
# every cue's cells bold (or italic) and underlined, the summary on the
# last row, the float where Neovim put it. Waits are polls of the screen
# with a time limit, never fixed sleeps; the tmux server (a socket of its
# own) is killed at the end, also on failure.
#
# Output, in $BUILD/screenshots/:
#   nvim-tmux.ansi  nvim-tmux.html  nvim-tmux.png                (dark)
#   nvim-tmux-light.ansi  nvim-tmux-light.html  nvim-tmux-light.png
# (.png by headless Chromium, when installed; the page by
# tests/nvim/ansi2html.lua). Needs tmux (Debian: tmux).

SCREEN_COLS=100
SCREEN_ROWS=30

# wait_for SECONDS COMMAND...: COMMAND every 50 ms until it succeeds;
# false if it has not after SECONDS.
wait_for() {
  _tries=$(($1 * 20))
  shift
  while [ "$_tries" -gt 0 ]; do
    "$@" && return 0
    sleep 0.05
    _tries=$((_tries - 1))
  done
  return 1
}

screen_pass() { n=$((n + 1)); echo "ok $n - $1"; }
screen_fail() {
  n=$((n + 1))
  failed=$((failed + 1))
  echo "not ok $n - $1"
  if [ -n "${2:-}" ] && [ -f "$2" ]; then sed 's/^/# /' "$2"; fi
}

# The TAP lines of screen_check.lua ("ok - …" without numbers), numbered.
screen_number() {
  while IFS= read -r _line; do
    case $_line in
    "ok - "*) screen_pass "${_line#ok - }" ;;
    "not ok - "*) screen_fail "${_line#not ok - }" ;;
    *) echo "$_line" ;;
    esac
  done
}

screen_tests() {
  if ! command -v tmux >/dev/null 2>&1; then
    skip_one "tmux is not installed (Debian: apt-get install tmux): no terminal screenshot"
    return
  fi
  if [ ! -e /dev/pts/ptmx ]; then
    # a chroot without devpts: no package cures it, so a skip under CI too
    n=$((n + 1))
    echo "ok $n # SKIP no pseudo-terminals here (/dev/pts is not mounted): no terminal screenshot"
    return
  fi
  shots=$BUILD/screenshots
  mkdir -p "$shots" || return
  rm -f "$shots"/nvim-tmux*
  root=$PWD
  case $BUILD in /*) build_abs=$BUILD ;; *) build_abs=$root/$BUILD ;; esac
  sock=kiji-test-$$
  report=$tmp/screen-report.tsv
  T() { tmux -L "$sock" -f "$tmp/tmux.conf" "$@"; }
  cat >"$tmp/tmux.conf" <<'EOF'
set -g status off
set -g default-terminal tmux-256color
set -g remain-on-exit on
set -sg escape-time 0
set -g history-limit 0
EOF
  # the pane's screen: plain (-p) or with its attributes (-e)
  plain() { T capture-pane -p -t kiji 2>/dev/null; }
  shows() { plain | grep -qF -- "$1"; }
  summary_shown() { plain | grep -q '^kiji: .* in [0-9]* sentences\{0,1\}$'; }
  # a capture with attributes that stays the same for 100 ms: a frame
  # Neovim has finished drawing
  stable() {
    T capture-pane -e -p -N -t kiji >"$tmp/cap.a" 2>/dev/null || return 1
    sleep 0.1
    T capture-pane -e -p -N -t kiji >"$tmp/cap.b" 2>/dev/null || return 1
    cmp -s "$tmp/cap.a" "$tmp/cap.b"
  }
  # on failure: what the pane shows
  show_pane() { plain >"$tmp/pane.txt" 2>&1; echo "# the pane:"; sed 's/^/#   /' "$tmp/pane.txt"; }

  # session BG NAME: Neovim with background=BG in a new pane; :KijiAnnotate,
  # :KijiInfo on a denial cue; the capture NAME.ansi, checked, as NAME.html
  session() {
    T kill-server >/dev/null 2>&1
    rm -f "$report"
    if ! T new-session -d -x "$SCREEN_COLS" -y "$SCREEN_ROWS" -s kiji -c "$root" \
      -e "KIJI_ROOT=$root" -e "KIJI_BUILD=$build_abs" -e "KIJI_SCREEN_REPORT=$report" -e "KIJI_SCREEN_BG=$1" \
      -e "XDG_STATE_HOME=$tmp" -e "XDG_DATA_HOME=$tmp" -e "XDG_CACHE_HOME=$tmp" -e "XDG_CONFIG_HOME=$tmp" \
      nvim -n -i NONE -u tests/nvim/screen_init.lua tests/nvim/screen-news.txt 2>"$tmp/tmux.err"; then
      screen_fail "tmux ($1): Neovim in a ${SCREEN_COLS}x$SCREEN_ROWS pane" "$tmp/tmux.err"
      return 1
    fi
    size=$(T display-message -p -t kiji '#{pane_width}x#{pane_height}')
    if [ "$size" = "${SCREEN_COLS}x$SCREEN_ROWS" ] && wait_for 10 shows "OSAKA, May 9"; then
      screen_pass "tmux ($1): Neovim shows screen-news.txt in a $size pane"
    else
      screen_fail "tmux ($1): Neovim shows screen-news.txt in a ${SCREEN_COLS}x$SCREEN_ROWS pane (size $size)"
      show_pane
      return 1
    fi
    T send-keys -t kiji ':KijiAnnotate' Enter
    if wait_for 10 summary_shown; then
      screen_pass "tmux ($1): :KijiAnnotate, and its summary shows"
    else
      screen_fail "tmux ($1): :KijiAnnotate, and its summary shows"
      show_pane
      return 1
    fi
    T send-keys -t kiji ',i'
    if wait_for 10 shows "reported by"; then
      screen_pass "tmux ($1): :KijiInfo on a denial cue opens its float"
    else
      screen_fail "tmux ($1): :KijiInfo on a denial cue opens its float"
      show_pane
      return 1
    fi
    if ! wait_for 10 stable; then
      screen_fail "tmux ($1): the screen settles"
      show_pane
      return 1
    fi
    T send-keys -t kiji ',w'
    if ! wait_for 10 test -s "$report"; then
      screen_fail "tmux ($1): Neovim reports its screen"
      show_pane
      return 1
    fi
    T capture-pane -e -p -N -t kiji >"$shots/$2.ansi"
    T kill-server >/dev/null 2>&1
    KIJI_SCREEN_ANSI="$shots/$2.ansi" KIJI_SCREEN_REPORT="$report" KIJI_SCREEN_HTML="$shots/$2.html" \
      KIJI_SCREEN_BG=$1 KIJI_SCREEN_SIZE="${SCREEN_COLS}x$SCREEN_ROWS" KIJI_SCREEN_LABEL="tmux ($1)" \
      $to nvim --headless --clean -u NONE -i NONE -n -c 'luafile tests/nvim/screen_check.lua' \
      </dev/null >"$tmp/check.tap" 2>"$tmp/check.err"
    if ! grep -q '^ok - ' "$tmp/check.tap"; then
      screen_fail "tmux ($1): tests/nvim/screen_check.lua runs" "$tmp/check.err"
    fi
    screen_number <"$tmp/check.tap"
  }
  # the pages as PNG, by headless Chromium (flags as tests/suites/html.t
  # runs it), each started as soon as its page is written
  chromium_bin=${CHROMIUM:-}
  if [ -z "$chromium_bin" ]; then
    for c in chromium chromium-browser; do
      if command -v "$c" >/dev/null 2>&1; then chromium_bin=$(command -v "$c"); break; fi
    done
  fi
  abs=$(cd "$shots" && pwd)
  # 100 cells of 14px DejaVu Sans Mono (8.43 px) and 30 rows of 17 px, in
  # 12 px of padding
  win_w=880 win_h=544
  pngs=
  shot() {
    [ -n "$chromium_bin" ] && [ -f "$shots/$1.html" ] || return
    pngs="$pngs $1"
    $to "$chromium_bin" --headless --no-sandbox --disable-gpu --no-first-run \
      --no-default-browser-check --disable-background-networking --disable-component-update \
      --disable-sync --disable-extensions --disable-default-apps --mute-audio --hide-scrollbars \
      --host-resolver-rules="MAP * ~NOTFOUND" --user-data-dir="$tmp/chromium-$1" \
      --screenshot="$abs/$1.png" --window-size=$win_w,$win_h "file://$abs/$1.html" \
      >"$tmp/chromium-$1.log" 2>&1 &
  }

  session dark nvim-tmux
  shot nvim-tmux
  session light nvim-tmux-light
  shot nvim-tmux-light
  T kill-server >/dev/null 2>&1
  wait

  if [ -z "$chromium_bin" ]; then
    skip_one "chromium not installed (Debian: apt-get install chromium): no PNG of the screen"
    return
  fi
  for s in $pngs; do
    # the PNG signature, then IHDR's width and height
    sig=$(od -An -tx1 -N8 "$shots/$s.png" 2>/dev/null | tr -d ' \n')
    dims=$(od -An -tu1 -j16 -N8 "$shots/$s.png" 2>/dev/null |
      awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 "x" $5 * 16777216 + $6 * 65536 + $7 * 256 + $8 }')
    size_b=$(wc -c <"$shots/$s.png" 2>/dev/null || echo 0)
    if [ "$sig" = 89504e470d0a1a0a ] && [ "$dims" = "${win_w}x$win_h" ] && [ "$size_b" -gt 20000 ]; then
      screen_pass "chromium: $shots/$s.png ($dims, $size_b bytes)"
    else
      screen_fail "chromium: $shots/$s.png (signature $sig, $dims, $size_b bytes)" "$tmp/chromium-$s.log"
    fi
  done
}
