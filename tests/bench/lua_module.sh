# lua_module.sh: sourced by the benchmarks that run the kiji command
# (bench_parallel.sh, bench_track.sh), from the top of the tree, with
# BUILD, LUA and bench (its name, for messages) set. Sets `build` (BUILD
# made absolute) and `abi` (LUA's Lua ABI); exits 1 when that ABI's
# kiji.core is not built.
case $LUA in
  lua5.1|luajit|*/luajit*) abi=5.1 ;;
  lua5.3) abi=5.3 ;;
  *) abi=5.4 ;;
esac
case $BUILD in /*) build=$BUILD ;; *) build=$(pwd)/$BUILD ;; esac
if [ ! -f "$build/$abi/kiji/core.so" ]; then
  echo "$bench: no $build/$abi/kiji/core.so: run make modules first" >&2
  exit 1
fi
