#!/bin/sh
# The Lua specs on lua5.4.
exec sh tests/run-busted.sh lua5.4
