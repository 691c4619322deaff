#!/usr/bin/env bash
# Creates .venv-compat (the compatibility suite's and the control-plane benchmark's
# Python packages) if it is missing or stale, and prints its path. Separate from any
# other venv of the repository.
#
#   venv=$(hack/compat/venv.sh)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
venv="$root/.venv-compat"
py="${PYTHON:-python3}"
stamp="$venv/.requirements"
want=$(cat hack/compat/requirements.txt; echo "helm-sdkpy==0.1.32")

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
    "$venv/bin/pip" install -q --upgrade pip
    "$venv/bin/pip" install -q -r hack/compat/requirements.txt
    # helm-sdkpy declares a newer Python than it needs.
    "$venv/bin/pip" install -q --ignore-requires-python 'helm-sdkpy==0.1.32'
    echo "$want" > "$stamp"
} >&2
echo "$venv"
