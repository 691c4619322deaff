#!/usr/bin/env bash
# Checks manifests/ and charts/astrolift without a cluster: Helm v4 (helm-sdkpy) lints,
# renders, installs, upgrades and uninstalls the chart against an in-memory fake API
# server; values that break values.schema.json are refused; everything rendered and
# every manifest passes `kubernetes-validate --strict`; the samples match the CRDs.
# Called by hack/test.sh; works on a fresh clone (it creates .venv-test and installs
# the pinned tools from hack/manifests_check/requirements.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
venv="$root/.venv-test"
requirements="$root/hack/manifests_check/requirements.txt"

printf '\n==> manifests and chart (helm-sdkpy, kubernetes-validate)\n'

# A virtualenv whose installed set matches the pinned requirements; rebuilt when they change.
stamp="$venv/.requirements.sha256"
want=$(sha256sum "$requirements" | cut -d' ' -f1)
if [[ ! -x "$venv/bin/python" || "$(cat "$stamp" 2>/dev/null)" != "$want" ]]; then
    rm -rf "$venv"
    if ! python3 -m venv "$venv" 2>/dev/null; then
        if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
            apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
            python3 -m venv "$venv"
        else
            echo "python3 -m venv failed: install python3-venv" >&2
            exit 1
        fi
    fi
    "$venv/bin/pip" install -q --disable-pip-version-check --ignore-requires-python -r "$requirements"
    echo "$want" >"$stamp"
fi

render_dir=$(mktemp -d)
trap 'rm -rf "$render_dir"' EXIT

status=0
RENDER_DIR="$render_dir" "$venv/bin/python" hack/manifests_check/check_manifests.py || status=1

# kubectl's built-in kustomize must build manifests/ (what `kubectl apply -k` sends).
if command -v kubectl >/dev/null; then
    if kubectl kustomize manifests/ >"$render_dir/kustomize.yaml"; then
        echo "kubectl kustomize manifests/: $(grep -c '^kind:' "$render_dir/kustomize.yaml") objects"
    else
        echo "kubectl kustomize manifests/ failed" >&2
        status=1
    fi
fi

# The same validation through kubernetes-validate's own command line, on the files as
# they are and on what the chart rendered (ServiceMonitor has no bundled schema: WARN).
printf '\n==> kubernetes-validate --strict\n'
files=(manifests/crds/*.yaml manifests/controller/*.yaml manifests/rbac/*.yaml "$render_dir"/*.yaml)
if "$venv/bin/kubernetes-validate" --strict --quiet -k 1.30.0 -k 1.37.0 "${files[@]}"; then
    echo "kubernetes-validate: ${#files[@]} files valid"
else
    echo "kubernetes-validate: invalid objects above" >&2
    status=1
fi
exit "$status"
