#!/bin/sh
# The project's habits that a test can hold (README "Contributing"):
# commit subjects of at most 72 characters, detail in the body, from the
# commit that set the rule (4e8d845) on; the files every clone carries
# (LICENSE, CHANGELOG.md with an "Unreleased" section, .editorconfig,
# .clang-format). Without git or outside a clone the subjects are not
# checked (a release tarball has no history).
cd "$(dirname "$0")/../.." || exit 1
. tests/suites/skip.sh
. tests/suites/tap.sh
RULE_FROM=4e8d845

for f in LICENSE CHANGELOG.md .editorconfig .clang-format; do
  [ -s "$f" ]; ok_status $? "$f is there"
done
grep -q '^## Unreleased' CHANGELOG.md; ok_status $? "CHANGELOG.md has an Unreleased section"
grep -q 'MIT' LICENSE && grep -q 'license = "MIT"' rockspec/kiji-scm-1.rockspec
ok_status $? "LICENSE and the rockspec say the same licence"

if command -v git >/dev/null 2>&1 && git rev-parse --git-dir >/dev/null 2>&1; then
  # a shallow clone may lack the rule's commit: then HEAD alone
  if git cat-file -e "$RULE_FROM^{commit}" 2>/dev/null; then range="$RULE_FROM..HEAD"; else range="-1 HEAD"; fi
  # shellcheck disable=SC2086
  # (characters, not bytes: perl, which prove needs anyway, decodes UTF-8)
  long=$(git log --format='%h %s' $range |
    perl -CSD -ne 'chomp; my ($h, $s) = split / /, $_, 2; print "$h: ", length($s), " characters\n" if length($s) > 72')
  [ -z "$long" ]; ok_status $? "commit subjects of at most 72 characters ($range)"
  [ -z "$long" ] || echo "$long" | sed 's/^/#   /'
else
  echo "# not a git clone: commit subjects not checked"
fi
tap_end
