# docs/performance.png from the data util/bench/report.py writes:
#
#     gnuplot -e "dir='build/bench'; out='docs/performance.png'; \
#                 stamp='...'" util/bench/plot.gp

if (!exists("dir")) dir = "build/bench"
if (!exists("out")) out = "docs/performance.png"
if (!exists("stamp")) stamp = ""

set terminal pngcairo size 1400,560 font "DejaVu Sans,11" noenhanced
set output out

set multiplot layout 1,2 title "ngx_http_feed_module, nginx 1.22.1 ".stamp

# left: the enrichment filter, throughput relative to plain nginx

set title "Enrichment filter: requests/s relative to plain nginx (= 1)"
set style data histograms
set style histogram clustered gap 1.5
set style fill solid 0.85 border -1
set boxwidth 0.9
set grid ytics lc rgb "#dddddd"
set yrange [0:1.45]
set ytics 0.1
set xrange [-0.6:2.6]
set key top center font ",10" maxrows 3 width 1 samplen 2
set ylabel "ratio to plain nginx"
set xlabel "page size"

plot dir."/enrich.dat" using 2:xtic(1) title "module, sendfile on" lc rgb "#1f6fb2", \
     ""                using 3 title "sub_filter, sendfile on" lc rgb "#e08a2c", \
     ""                using 4 title "module, sendfile off" lc rgb "#7fb3e0", \
     ""                using 5 title "sub_filter, sendfile off" lc rgb "#f2c48d", \
     0.95 with lines dt 2 lw 1.5 lc rgb "#1f6fb2" title "target, sendfile on (0.95)", \
     0.97 with lines dt 3 lw 1.5 lc rgb "#7fb3e0" title "target, sendfile off (0.97)", \
     1 with lines lw 1 lc rgb "#555555" notitle

# right: the feed endpoint, absolute throughput on a log scale; grey:
# plain nginx, blue: the module, orange: nginx's xslt filter

set autoscale xy
stats dir."/feed.dat" using 2 nooutput
unset xlabel
set title "Feed endpoint (64 KB page, 80 h-entries): requests/s"
set logscale y
set yrange [10:400000]
set ytics auto
set format y "%.0f"
set xrange [-0.6:STATS_records - 0.4]
set xtics rotate by 20 right font ",10" offset 0,0
set ylabel "requests/s (log scale)"
set boxwidth 0.6
unset key

plot dir."/feed.dat" using 0:2:3:xtic(1) with boxes lc rgb variable, \
     ""             using 0:($2 * 1.3):(sprintf("%.0f", $2)) with labels font ",10"

unset multiplot
