"""Helm v4 (through helm-sdkpy) against `astrolift dev`: install, upgrade and uninstall
of testdata/chart (a Deployment, a Service, a CRD and one of its objects)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import HERE, TESTDATA

CHART = TESTDATA / "chart"


def run_scenario(server, ns: str, release: str, apply: str) -> dict:
    env = dict(os.environ, HELM_DRIVER="secret")
    for var in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"):
        env.pop(var, None)
    proc = subprocess.run([sys.executable, str(HERE / "helm_scenario.py"), str(server.kubeconfig), str(CHART), ns,
                           release, apply], capture_output=True, text=True, timeout=240, env=env, cwd=HERE)
    assert proc.returncode == 0, f"helm scenario crashed:\n{proc.stdout}\n{proc.stderr}"
    return json.loads(proc.stdout.strip().splitlines()[-1])


def check_lifecycle(report: dict, apply_method: str) -> None:
    steps = report["steps"]
    describe = json.dumps(report, indent=1)

    install = steps["install"]
    assert install["ok"], describe
    assert install["status"] == "deployed"
    assert install["applyMethod"] == apply_method
    cluster = install["cluster"]
    assert cluster["deployment"]["replicas"] == 1 and cluster["deployment"]["image"] == "nginx:1.25", describe
    assert cluster["deployment"]["env"] == {"GREETING": "hello"}
    assert cluster["deployment"]["managedBy"] == "Helm"
    assert cluster["service"] == {"ports": [80]}
    assert cluster["crd"] is True
    assert cluster["gadget"] == {"greeting": "hello"}

    upgrade = steps["upgrade"]
    assert upgrade["ok"], describe
    assert upgrade["status"] == "deployed" and upgrade["version"] == 2
    cluster = upgrade["cluster"]
    assert cluster["deployment"]["replicas"] == 2 and cluster["deployment"]["image"] == "nginx:1.27", describe
    assert cluster["deployment"]["env"] == {"GREETING": "goodbye"}
    assert cluster["gadget"] == {"greeting": "goodbye"}
    assert report["history"] == [[1, "superseded"], [2, "deployed"]]
    release = install["cluster"]["deployment"]["release"]
    assert cluster["releaseSecrets"] == [f"sh.helm.release.v1.{release}.v1", f"sh.helm.release.v1.{release}.v2"]

    uninstall = steps["uninstall"]
    assert uninstall["ok"], describe
    cluster = uninstall["cluster"]
    assert cluster["deployment"] == 404 and cluster["service"] == 404 and cluster["gadget"] == 404, describe
    # Helm never deletes CRDs from crds/.
    assert cluster["crd"] is True
    assert cluster["releaseSecrets"] == []


def test_helm_install_upgrade_uninstall(server, ns):
    """Helm's defaults: client-side apply, releases stored in Secrets."""
    check_lifecycle(run_scenario(server, ns, "compat", "client-side"), "csa")


def test_helm_install_upgrade_uninstall_server_side_apply(server, ns):
    """The same lifecycle with Helm applying through server-side apply."""
    check_lifecycle(run_scenario(server, ns, "compat-ssa", "server-side"), "ssa")
