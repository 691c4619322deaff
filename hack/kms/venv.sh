#!/usr/bin/env bash
# Creates .venv-kms (moto's server mode and the OpenBao `bao` binary for the KMS
# integration tests) if it is missing or stale, and prints its path. Separate from
# .venv-test and .venv-compat: boto3/moto and the kubernetes client in one pip call can
# take very long to resolve.
#
#   venv=$(hack/kms/venv.sh)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
venv="$root/.venv-kms"
py="${PYTHON:-python3}"
stamp="$venv/.requirements"
want=$(cat hack/kms/requirements.txt)

if [[ -x "$venv/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    echo "$venv"
    exit 0
fi
{
    echo "==> creating $venv"
    if [[ ! -x "$venv/bin/python" ]] && ! "$py" -m venv "$venv"; then
        if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
            apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv
            rm -rf "$venv"
            "$py" -m venv "$venv"
        else
            echo "cannot create a venv with $py (install python3-venv)"
            exit 1
        fi
    fi
    "$venv/bin/pip" install -q --disable-pip-version-check -r hack/kms/requirements.txt
    echo "$want" > "$stamp"
} >&2
echo "$venv"
