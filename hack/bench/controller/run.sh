#!/usr/bin/env bash
# Controller benchmark (not a test): Workbenches applied at once on `astrolift dev`,
# the controller as its own process. See bench.py for the phases.
#
#   hack/bench/controller/run.sh [--tenants 10] [--workbenches 1000] [--cached 10000] [--json out.json]
#
# Builds the release binary unless ASTROLIFT_BIN or --bin names one.
set -euo pipefail
cd "$(dirname "$0")/../../.."
venv=$(hack/compat/venv.sh)
if [[ -z "${ASTROLIFT_BIN:-}" && " $* " != *" --bin "* ]]; then
    swift build -c release --product astrolift >&2
    export ASTROLIFT_BIN="$PWD/.build/release/astrolift"
fi
exec "$venv/bin/python" hack/bench/controller/bench.py "$@"
