#!/usr/bin/env bash
# Control-plane benchmark (not a test): 8-thread Python client against
# `astrolift dev` with persistence on. See bench.py for the phases.
#
#   hack/bench/controlplane/run.sh [--bin PATH] [--seconds 10] [--json out.json]
#
# Builds the release binary unless ASTROLIFT_BIN or --bin names one.
set -euo pipefail
cd "$(dirname "$0")/../../.."
venv=$(hack/compat/venv.sh)
if [[ -z "${ASTROLIFT_BIN:-}" && " $* " != *" --bin "* ]]; then
    swift build -c release --product astrolift >&2
    export ASTROLIFT_BIN="$PWD/.build/release/astrolift"
fi
exec "$venv/bin/python" hack/bench/controlplane/bench.py "$@"
