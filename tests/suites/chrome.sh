# tests/suites/chrome.sh -- sourced (after skip.sh) by the suites that load
# self-contained pages in headless Chromium (html.t, timeline.t): finds
# Chromium ($CHROMIUM, else chromium or chromium-browser) and a python3
# with html5lib ($PY), or skips the suite (skip_all), and defines
#
#   chrome PROFILE ARGS...  headless Chromium kept off the network: no DNS
#                           (every host unresolvable), background services
#                           off, the profile $tmp/profile-PROFILE, at most
#                           $CHROME_TIMEOUT (60) s when timeout(1) is there
#
# The suite's checker imports tests/tools/pagecheck.py (validation, net
# log, harness results, PNG size) with $PY.

CHROMIUM=${CHROMIUM:-}
if [ -z "$CHROMIUM" ]; then
  for c in chromium chromium-browser; do
    if command -v "$c" >/dev/null 2>&1; then CHROMIUM=$(command -v "$c"); break; fi
  done
fi
[ -n "$CHROMIUM" ] || skip_all "chromium not installed (Debian: apt-get install chromium)"
PY=
for p in python3 /usr/bin/python3; do
  if "$p" -c 'import html5lib' >/dev/null 2>&1; then PY=$p; break; fi
done
[ -n "$PY" ] || skip_all "python3 html5lib not installed (Debian: apt-get install python3-html5lib)"
TIMEOUT=
if command -v timeout >/dev/null 2>&1; then TIMEOUT=timeout; fi

chrome() {
  _prof=$1; shift
  ${TIMEOUT:+$TIMEOUT ${CHROME_TIMEOUT:-60}} "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
    --no-default-browser-check --disable-background-networking \
    --disable-component-update --disable-sync --disable-extensions \
    --disable-default-apps --mute-audio --hide-scrollbars \
    --host-resolver-rules="MAP * ~NOTFOUND" \
    --user-data-dir="$tmp/profile-$_prof" "$@"
}
