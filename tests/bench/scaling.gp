# scaling.gp: the two panels of tests/bench/scaling.png, from what
# bench_scale wrote (run.sh passes the paths):
#   gnuplot -e "datadir='build/bench'" -e "outfile='tests/bench/scaling.png'" scaling.gp
# Left: CPU seconds of one kiji_annotate call against the input size, per
# language. Right: seconds to build (add + compile) a user dictionary, and
# to annotate a fixed 2 MiB text with it, against its entries. Log-log,
# so a straight line of slope 1 is linear time; the dashed line is slope 1
# through the middle points (scale-fit.gp). Bars: fastest and slowest run.

if (!exists("datadir")) datadir = "build/bench"
if (!exists("outfile")) outfile = "tests/bench/scaling.png"
load datadir."/scale-fit.gp"

set terminal pngcairo size 1500,640 enhanced font "DejaVu Sans,12" linewidth 1.5
set output outfile
set multiplot layout 1,2 title "kiji scaling (log-log; dashed: slope 1 = linear)" font ",15"

set logscale xy
set grid xtics ytics mxtics mytics lc rgb "#dddddd" lw 0.8
set key top left box opaque font ",11"
set format y "10^{%L}"
set ylabel "CPU seconds per call"
set bars small

# ---------------------------------------------------------------- input size
set title "Annotation time vs input size (one kiji\\_annotate call)"
set xlabel "input size"
set xtics ("1 KiB" 1024, "4 KiB" 4096, "16 KiB" 16384, "64 KiB" 65536, "256 KiB" 262144, \
           "1 MiB" 1048576, "4 MiB" 4194304, "16 MiB" 16777216, "64 MiB" 67108864, \
           "256 MiB" 268435456) rotate by -35
set xrange [700:4e8]
plot k_en * x with lines dt 2 lc rgb "#888888" title "slope 1", \
     datadir."/scale-size-en.dat" using 1:4:5:6 with yerrorbars pt 7 ps 0.9 lc rgb "#1f77b4" \
        notitle, \
     "" using 1:4 with lines lc rgb "#1f77b4" \
        title sprintf("en: %s, slope %.2f", verdict_en, slope_en), \
     datadir."/scale-size-ja.dat" using 1:4:5:6 with yerrorbars pt 5 ps 0.9 lc rgb "#d62728" \
        notitle, \
     "" using 1:4 with lines lc rgb "#d62728" \
        title sprintf("ja: %s, slope %.2f", verdict_ja, slope_ja)

# ---------------------------------------------------------------- dictionary size
set title "User dictionary: build, and annotating 2 MiB with it"
set xlabel "dictionary entries"
set ylabel "CPU seconds"
set xtics ("1k" 1000, "4k" 4000, "16k" 16000, "64k" 64000, "250k" 250000, "1M" 1000000) norotate
set xrange [700:1.5e6]
plot k_build * x with lines dt 2 lc rgb "#888888" title "slope 1", \
     datadir."/scale-dict.dat" using 1:2:3:4 with yerrorbars pt 7 ps 0.9 lc rgb "#2ca02c" notitle, \
     "" using 1:2 with lines lc rgb "#2ca02c" \
        title sprintf("build (add + compile): %s, slope %.2f", verdict_build, slope_build), \
     "" using 1:8:9:10 with yerrorbars pt 5 ps 0.9 lc rgb "#9467bd" notitle, \
     "" using 1:8 with lines lc rgb "#9467bd" \
        title sprintf("annotate 2 MiB with it: slope %.2f", slope_annotate)

unset multiplot
