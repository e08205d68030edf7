#!/bin/sh
# The Lua specs on lua5.3.
exec sh tests/run-busted.sh lua5.3
