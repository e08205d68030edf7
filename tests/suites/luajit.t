#!/bin/sh
# The Lua specs on luajit.
exec sh tests/run-busted.sh luajit
