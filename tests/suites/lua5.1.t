#!/bin/sh
# The Lua specs on lua5.1.
exec sh tests/run-busted.sh lua5.1
