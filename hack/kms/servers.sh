# Sourced by hack/test.sh: starts the real KMS servers the AstroliftKMS integration tests
# use, on free loopback ports, and exports where they are:
#   ASTROLIFT_TEST_MOTO_URL   moto's server mode (AWS KMS and STS)
#   ASTROLIFT_TEST_BAO_ADDR   an OpenBao dev server (Vault transit), root token in
#   ASTROLIFT_TEST_BAO_TOKEN
# kms_servers_stop stops them (hack/test.sh calls it from its EXIT trap).
#
# By hand:  source hack/kms/servers.sh && kms_servers_start && env | grep ASTROLIFT_TEST; kms_servers_stop

kms_pids=()
kms_logdir=""

kms_free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Waits until `curl URL` answers (any HTTP status), or fails after ~30 s.
kms_wait_for() {
    local url=$1 name=$2 pid=$3
    for _ in $(seq 1 150); do
        if curl -s -o /dev/null --max-time 1 "$url"; then return 0; fi
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "$name exited while starting; its log:" >&2
            cat "$kms_logdir/$name.log" >&2 || true
            return 1
        fi
        sleep 0.2
    done
    echo "$name did not answer at $url within 30 s; its log:" >&2
    cat "$kms_logdir/$name.log" >&2 || true
    return 1
}

kms_servers_start() {
    local root venv moto_port bao_port
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
    venv=$("$root/hack/kms/venv.sh")
    kms_logdir=$(mktemp -d)

    moto_port=$(kms_free_port)
    "$venv/bin/moto_server" -H 127.0.0.1 -p "$moto_port" >"$kms_logdir/moto.log" 2>&1 &
    kms_pids+=($!)
    kms_wait_for "http://127.0.0.1:$moto_port/" moto "$!" || return 1
    export ASTROLIFT_TEST_MOTO_URL="http://127.0.0.1:$moto_port"

    bao_port=$(kms_free_port)
    # HOME is a scratch directory so the dev server's token helper writes nothing real.
    HOME="$kms_logdir" "$venv/bin/bao" server -dev -dev-root-token-id=root \
        -dev-listen-address="127.0.0.1:$bao_port" >"$kms_logdir/bao.log" 2>&1 &
    kms_pids+=($!)
    kms_wait_for "http://127.0.0.1:$bao_port/v1/sys/health" bao "$!" || return 1
    export ASTROLIFT_TEST_BAO_ADDR="http://127.0.0.1:$bao_port"
    export ASTROLIFT_TEST_BAO_TOKEN=root
    echo "KMS test servers: moto at $ASTROLIFT_TEST_MOTO_URL, OpenBao at $ASTROLIFT_TEST_BAO_ADDR"
}

kms_servers_stop() {
    local pid
    for pid in "${kms_pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${kms_pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    kms_pids=()
    [[ -n "$kms_logdir" ]] && rm -rf "$kms_logdir"
    kms_logdir=""
}
