#!/usr/bin/env bash
# Builds the JSON benchmark in release mode, checks that FastJSONDecoder and
# Foundation's JSONDecoder decode the inputs identically (and that FastJSONEncoder
# writes JSONEncoder's bytes), runs each case in its
# own process (so peak RSS belongs to that case) and prints a Markdown table.
# CPU columns use the thread's CPU time, which other load on a shared machine
# disturbs far less than wall-clock time.
#
#   hack/bench/run.sh                 # all cases
#   CASES="fast-watch fast-list" RUNS=10 hack/bench/run.sh
#   COUNT=2000 hack/bench/run.sh      # smaller inputs
set -euo pipefail
cd "$(dirname "$0")"

COUNT=${COUNT:-10000}
RUNS=${RUNS:-5}
# Foundation's decoder takes ~6 s per pass over 10,000 objects; fewer passes keep the run short.
FOUNDATION_RUNS=${FOUNDATION_RUNS:-3}
CASES=${CASES:-"foundation-list foundation-watch parser-list parser-watch fast-list fast-watch kubejson-watch foundation-watch-nomf fast-list-nomf fast-watch-nomf foundation-tiny fast-tiny foundation-encode foundation-encode-unsorted fast-encode foundation-jsonvalue fast-encode-parse-jsonvalue fast-jsonvalue"}

# SwiftPM caches the file list of path dependencies; drop it so new KubeCore files are seen.
rm -f .build/release.yaml
swift build -c release --product json-bench >&2
BIN=.build/release/json-bench

"$BIN" info --count "$COUNT" >&2
"$BIN" verify --count 1000 >&2

echo "| case | objects/s CPU best | objects/s CPU median | MB/s CPU best | objects/s wall best | objects/s wall median | MB/s wall best | peak RSS MiB | RSS over input MiB |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for c in $CASES; do
    runs=$RUNS
    case "$c" in foundation-*) runs=$FOUNDATION_RUNS ;; esac
    line=$("$BIN" "$c" --count "$COUNT" --runs "$runs" | grep '^RESULT')
    echo "$line" | awk '{
        for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
        printf "| %s | %s | %s | %s | %s | %s | %s | %.0f | %.0f |\n", v["case"], v["cpu_best_ops"], v["cpu_median_ops"],
            v["cpu_best_mbs"], v["wall_best_ops"], v["wall_median_ops"], v["wall_best_mbs"], v["rss_peak_kib"] / 1024,
            (v["rss_peak_kib"] - v["rss_base_kib"]) / 1024
    }'
done
