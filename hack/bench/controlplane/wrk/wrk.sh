#!/usr/bin/env bash
# Control-plane throughput with wrk (not a test): gets and creates of small
# ConfigMaps against `astrolift dev --no-controller` with persistence on, from a
# client (wrk, C, epoll) that is far from being the bottleneck, unlike ../bench.py's
# 8-thread Python client. See docs/benchmarks-controlplane.md.
#
#   hack/bench/controlplane/wrk/wrk.sh [--bin PATH] [--runs 3] [--get-seconds 15]
#                                      [--create-seconds 10] [--seed 1000] [--out DIR]
#
# Needs wrk (Debian: apt-get install wrk), curl and python3 (standard library only).
# Does not build: pass --bin or ASTROLIFT_BIN (default .build/release/astrolift).
#
# Each run (round) does, in order:
#   get-fixed-c8   wrk -t2 -c8  GET .../configmaps/cm-123
#   get-random-c8  wrk -t2 -c8  GET of a random one of the seeded ConfigMaps
#   get-random-c16 wrk -t2 -c16 the same with 16 connections
#   create-c8      wrk -t2 -c8  POST of ConfigMaps with unique names (non-201 counted)
# and for each measurement records the 1-minute load average before it, and the CPU
# (cores = CPU seconds per wall second) of the server, of wrk, and of the whole
# machine (so the reader sees which side is saturated, and what else was running).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../../.." && pwd)

bin=${ASTROLIFT_BIN:-$repo/.build/release/astrolift}
runs=3 get_seconds=15 create_seconds=10 seed=1000 out=""
while [[ $# -gt 0 ]]; do
    case $1 in
        --bin) bin=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --get-seconds) get_seconds=$2; shift 2 ;;
        --create-seconds) create_seconds=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done
[[ -x $bin ]] || { echo "no astrolift binary at $bin (swift build -c release --product astrolift, or --bin)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }

work=$(mktemp -d)
out=${out:-$work/results}
mkdir -p "$out"
server_pid=""
cleanup() {
    if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid"
        for _ in $(seq 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$server_pid" 2>/dev/null && kill -KILL "$server_pid"
    fi
    rm -rf "$work/data"
}
trap cleanup EXIT

# --- the server -------------------------------------------------------------------
"$bin" dev --port 0 --data-dir "$work/data" --no-controller >"$out/server.log" 2>&1 </dev/null &
server_pid=$!
kubeconfig=$work/data/kubeconfig
for _ in $(seq 1200); do
    kill -0 "$server_pid" 2>/dev/null || { cat "$out/server.log" >&2; exit 1; }
    grep -q "control plane: https://" "$out/server.log" && [[ -s $kubeconfig ]] && break
    sleep 0.1
done
url=$(sed -n 's/^ *server: *//p' "$kubeconfig" | head -1)
token=$(sed -n 's/^ *token: *//p' "$kubeconfig" | head -1)
sed -n 's/^ *certificate-authority-data: *//p' "$kubeconfig" | head -1 | base64 -d >"$work/ca.pem"
for _ in $(seq 300); do
    curl -sf --cacert "$work/ca.pem" -H "Authorization: Bearer $token" "$url/readyz" >/dev/null && break
    sleep 0.1
done
echo "server $url (pid $server_pid), data dir $work/data, results in $out"
echo "server /version: $(curl -sf --cacert "$work/ca.pem" -H "Authorization: Bearer $token" "$url/version" | tr -d '\n ')"

# --- seed: namespace bench with cm-0 .. cm-(seed-1), one keep-alive TLS connection ---
python3 - "$url" "$token" "$work/ca.pem" "$seed" <<'PY'
import http.client, json, ssl, sys, urllib.parse
url, token, ca, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
u = urllib.parse.urlparse(url)
c = http.client.HTTPSConnection(u.hostname, u.port, context=ssl.create_default_context(cafile=ca))
h = {"Authorization": f"Bearer {token}", "Content-Type": "application/json", "Accept": "application/json"}
def post(path, obj, ok):
    c.request("POST", path, body=json.dumps(obj), headers=h)
    r = c.getresponse(); body = r.read()
    if r.status not in ok:
        sys.exit(f"POST {path}: {r.status} {body[:300]!r}")
post("/api/v1/namespaces", {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "bench"}}, (201, 409))
for i in range(n):
    name = f"cm-{i}"
    post("/api/v1/namespaces/bench/configmaps",
         {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name, "labels": {"bench": "yes"}},
          "data": {"key": "value", "n": name}}, (201,))
print(f"seeded {n} ConfigMaps in namespace bench")
PY

# --- measurement ------------------------------------------------------------------
tck=$(getconf CLK_TCK)
proc_cpu() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }   # utime+stime, ticks
# machine: busy (not idle/iowait/steal) and steal ticks, from the first line of /proc/stat
machine_cpu() { awk '/^cpu /{print $2+$3+$4+$7+$8, $9}' /proc/stat; }

summary=$out/summary.tsv
printf 'run\tname\tload1\trps\tp50_ms\tp90_ms\tp99_ms\tp999_ms\tmax_ms\tunexpected\tstatus_errors\tsocket_errors\tserver_cores\twrk_cores\tmachine_busy_cores\tothers_cores\tsteal_cores\n' >"$summary"

measure() {  # measure RUN NAME SECONDS CONNECTIONS SCRIPT URL [-- ARGS...]
    local run=$1 name=$2 seconds=$3 conns=$4 script=$5 target=$6; shift 6
    local load1 s0 s1 m0 m1 t0 t1 wall user sys log=$out/run$run-$name.txt
    load1=$(cut -d' ' -f1 /proc/loadavg)
    s0=$(proc_cpu "$server_pid"); read -r m0 st0 < <(machine_cpu); t0=$(date +%s.%N)
    local TIMEFORMAT='%3U %3S'
    { time wrk -t2 -c"$conns" -d"${seconds}s" --latency \
        -H "Authorization: Bearer $token" -H "Accept: application/json" \
        -s "$here/$script" "$target" "$@" >"$log" 2>&1; } 2>"$log.time"
    t1=$(date +%s.%N); s1=$(proc_cpu "$server_pid"); read -r m1 st1 < <(machine_cpu)
    read -r user sys <"$log.time"
    local r; r=$(grep '^RESULT ' "$log" | head -1) || { cat "$log" >&2; exit 1; }
    get() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$r"; }
    awk -v run="$run" -v name="$name" -v load1="$load1" -v tck="$tck" \
        -v wall="$(echo "$t1 - $t0" | bc)" -v sd="$((s1 - s0))" -v md="$(echo "$m1 - $m0" | bc)" \
        -v std="$(echo "$st1 - $st0" | bc)" -v wu="$user" -v ws="$sys" \
        -v rps="$(get rps)" -v p50="$(get p50_ms)" -v p90="$(get p90_ms)" -v p99="$(get p99_ms)" \
        -v p999="$(get p999_ms)" -v max="$(get max_ms)" -v unexpected="$(get unexpected)" \
        -v status="$(get status_errors)" \
        -v sock="$(( $(get connect) + $(get read) + $(get write) + $(get timeout) ))" 'BEGIN {
            server = sd / tck / wall; client = (wu + ws) / wall; busy = md / tck / wall
            printf "%s\t%s\t%s\t%.0f\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\n",
                run, name, load1, rps, p50, p90, p99, p999, max, unexpected, status, sock,
                server, client, busy, busy - server - client, std / tck / wall }' | tee -a "$summary"
}

ns_count() {
    curl -sf --cacert "$work/ca.pem" -H "Authorization: Bearer $token" \
        "$url/api/v1/namespaces/bench/configmaps" |
        python3 -c 'import json, sys; print(len(json.load(sys.stdin)["items"]))'
}

echo "server threads: $(ls /proc/$server_pid/task | wc -l); wrk $(wrk -v 2>&1 | head -1 | cut -d' ' -f2)"
echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
sed -n 1p "$summary"
created=0
for run in $(seq "$runs"); do
    measure "$run" get-fixed-c8 "$get_seconds" 8 get-fixed.lua "$url/api/v1/namespaces/bench/configmaps/cm-123"
    measure "$run" get-random-c8 "$get_seconds" 8 get-random.lua "$url" -- bench "$seed"
    measure "$run" get-random-c16 "$get_seconds" 16 get-random.lua "$url" -- bench "$seed"
    measure "$run" create-c8 "$create_seconds" 8 create.lua "$url" -- bench "wrk$run"
    created=$((created + $(sed -n 's/^RESULT requests=\([0-9]*\) .*/\1/p' "$out/run$run-create-c8.txt")))
done
echo "ConfigMaps in namespace bench: $(ns_count) (seeded $seed + $created responses counted by wrk;" \
     "requests in flight when wrk stops are created but not counted)"
echo "server RSS at the end: $(awk '/^VmRSS/{print $2 / 1024 " MiB"}' /proc/$server_pid/status)," \
     "database $(du -sh "$work/data" | cut -f1)"
echo "results: $out (summary.tsv, one wrk output per measurement, server.log)"
