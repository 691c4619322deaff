#!/usr/bin/env bash
# Runs every test Astrolift has. Works on a fresh clone (CI sets CI=true): it
# installs what it needs, starts the servers it uses and stops them again.
#
#   hack/test.sh              everything
#   hack/test.sh --filter X   only Swift tests matching X (skips lint)
#
# Python venvs it creates: .venv-test (hack/test-manifests.sh), .venv-compat
# (hack/compat) and .venv-kms (hack/kms: moto and OpenBao for the KMS tests).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

filter=""
if [[ "${1:-}" == "--filter" ]]; then filter="${2:?--filter needs a pattern}"; fi

step() { printf '\n==> %s\n' "$*"; }
started=$(date +%s)

# --- tools ------------------------------------------------------------------
# Debian packages the build and tests need: libsqlite3-dev for the control plane's
# store (GRDB links the system SQLite); curl and openssl are independent TLS peers.
need_apt=()
for tool in curl openssl; do command -v "$tool" >/dev/null 2>&1 || need_apt+=("$tool"); done
[[ -f /usr/include/sqlite3.h ]] || need_apt+=(libsqlite3-dev)
if ((${#need_apt[@]})); then
    step "installing ${need_apt[*]}"
    if [[ $(id -u) -eq 0 ]]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
    else
        echo "missing ${need_apt[*]}: install them (apt-get install ${need_apt[*]})" >&2
        exit 1
    fi
fi

# --- lint -------------------------------------------------------------------
if [[ -z "$filter" ]]; then
    step "swift format lint"
    swift format lint --strict --recursive --parallel Package.swift Sources Tests
fi

# --- Swift tests ------------------------------------------------------------
step "swift build --build-tests"
swift build --build-tests 2>&1 | grep -v -E "^warning: 'swift-distributed-tracing'|found 1 file\(s\) which are unhandled" || true
# The build's own status is what counts; grep above only trims noise.
swift build --build-tests >/dev/null

# Real KMS servers on loopback (moto for AWS KMS, OpenBao for Vault transit) for the
# AstroliftKMS integration tests, which fail under CI=true when these are missing.
step "KMS test servers (hack/kms: moto, OpenBao)"
# shellcheck source=kms/servers.sh
source hack/kms/servers.sh
trap kms_servers_stop EXIT
kms_servers_start

step "swift test"
log=$(mktemp)
set +e
if [[ -n "$filter" ]]; then
    swift test --skip-build --filter "$filter" 2>&1 | tee "$log"
else
    swift test --skip-build 2>&1 | tee "$log"
fi
status=${PIPESTATUS[0]}
set -e
executed=$(grep -E "Executed [0-9]+ tests?" "$log" | tail -1 | sed -E 's/^[[:space:]]+//' || true)
# Swift Testing reports separately from XCTest.
testing=$(grep -E "Test run with [0-9]+ tests?" "$log" | tail -1 | sed -E 's/^.*(Test run with)/\1/' || true)
rm -f "$log"
[[ -n "$filter" ]] || hack/test-manifests.sh || status=1

# The embedded control plane against the real kubectl, Python client and Helm.
if [[ -z "$filter" ]]; then
    step "compatibility suite (hack/compat)"
    hack/compat/run.sh -q || status=1
fi

elapsed=$(($(date +%s) - started))
echo
echo "hack/test.sh: XCTest: ${executed:-no summary}; Swift Testing: ${testing:-no summary}; exit ${status}; ${elapsed}s"
exit "$status"
