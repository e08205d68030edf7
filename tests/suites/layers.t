#!/bin/sh
# The layering of the library (tests/tools/layers.sh over `nm` of the
# objects that make and make test build, the Lua binding's included): no
# two objects use each other's symbols, directly or through others, and
# no stage calls a later one.
# Then the check itself is checked: a planted back-call (the document
# model calling a relation, which pushes into the document) must fail it.
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
objs=$(ls "$BUILD"/obj/base/*.o "$BUILD"/obj/norm/*.o "$BUILD"/obj/seg/*.o \
          "$BUILD"/obj/dict/*.o "$BUILD"/obj/annotate/*.o 2>/dev/null)
lua_objs=$(ls "$BUILD"/5.4/lua/*.o 2>/dev/null || ls "$BUILD"/5.*/lua/*.o 2>/dev/null | head -n 5)
echo "1..2"
if [ -z "$objs" ]; then
  echo "not ok 1 - no objects in $BUILD/obj (make lib first)"
  echo "not ok 2 - the planted back-call needs them too"
  exit 1
fi
sh tests/tools/layers.sh $objs $lua_objs
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/obj/annotate"
# doc.c with one more function that calls a relation
cat > "$tmp/plant.c" <<'C'
#include "annotate/doc.c"
int kiji_planted_back_call(ann_sent *st);
int kiji_planted_back_call(ann_sent *st) { return kiji_ann_officials(st); }
C
${CC:-cc} -std=c99 -D_POSIX_C_SOURCE=200809L -Iinclude -Iplugin -c "$tmp/plant.c" \
  -o "$tmp/obj/annotate/doc.o" 2>"$tmp/cc.log" || { echo "not ok 2 - the plant does not compile"; cat "$tmp/cc.log" | sed 's/^/# /'; exit 1; }
planted=$(echo "$objs" | grep -v '/annotate/doc\.o$')
out=$(sh tests/tools/layers.sh $planted "$tmp/obj/annotate/doc.o")
if [ $? -ne 0 ] && echo "$out" | grep -q 'circle:.*annotate/doc'; then
  echo "ok 2 - a planted back-call (annotate/doc -> annotate/officials) fails the check"
  echo "$out" | grep '^#' | head -3
else
  echo "not ok 2 - a planted back-call passes the check"
  echo "$out" | sed 's/^/# /'
fi
