"""Helm v4 (through helm-sdkpy) against `astrolift dev`: install, upgrade and uninstall
of testdata/chart (a Deployment, a Service, a CRD and one of its objects) and of
Astrolift's own chart, charts/astrolift."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import HERE, REPO, TESTDATA

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


# --- charts/astrolift --------------------------------------------------------------------

ASTROLIFT_CHART = REPO / "charts" / "astrolift"
CHANGED = {
    "replicaCount": 3,
    "controller": {
        "logLevel": "debug",
        "logFormat": "text",
        "watchNamespaces": ["team-a", "team-b"],
        "ingress": {"hostTemplate": "{name}-{namespace}.wb.example.com", "className": "nginx"},
    },
    "image": {"tag": "0.1.1"},
}


def run_chart_scenario(server, release: str, install: dict, upgrade: dict) -> dict:
    env = dict(os.environ, HELM_DRIVER="secret")
    for var in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"):
        env.pop(var, None)
    proc = subprocess.run([sys.executable, str(HERE / "helm_chart_scenario.py"), str(server.kubeconfig),
                           str(ASTROLIFT_CHART), "astrolift-system", release, json.dumps(install),
                           json.dumps(upgrade)], capture_output=True, text=True, timeout=240, env=env, cwd=HERE)
    assert proc.returncode == 0, f"helm scenario crashed:\n{proc.stdout}\n{proc.stderr}"
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_helm_astrolift_chart_install_upgrade_uninstall(server):
    """charts/astrolift installs (with its CRDs from crds/), upgrades with changed values
    (the controller's arguments follow them) and uninstalls, leaving the CRDs."""
    report = run_chart_scenario(server, "astrolift", {}, CHANGED)
    describe = json.dumps(report, indent=1)
    assert report["crdsBefore"] == [], describe
    crds = sorted(f"{plural}.astrolift.dev" for plural in (
        "clusterkeyproviders", "gatewaypolicies", "identityproviders", "keyproviders", "kmssecrets", "tenants",
        "workbenchclasses", "workbenches"))

    install = report["steps"]["install"]
    assert install["ok"] and install["status"] == "deployed", describe
    cluster = install["cluster"]
    assert cluster["crds"] == crds, describe
    deployment = cluster["deployment"]
    assert deployment["managedBy"] == "Helm" and deployment["replicas"] == 2 and deployment["readyReplicas"] == 2
    assert deployment["image"] == "ghcr.io/astrolift/astrolift:0.1.0", describe
    args = deployment["args"]
    assert args[0] == "controller" and "--leader-elect" in args and "--log-level=info" in args, args
    assert "--log-format=json" in args and not any(a.startswith("--watch-namespaces") for a in args), args
    for key in ("serviceAccount", "metricsService", "clusterRole", "clusterRoleBinding", "leaderElectionRole"):
        assert cluster[key] == 200, f"{key}: {cluster[key]}"
    assert cluster["tenantRoles"] == {r: 200 for r in ("admin", "editor", "user", "viewer")}
    assert cluster["releaseSecrets"] == ["sh.helm.release.v1.astrolift.v1"]

    upgrade = report["steps"]["upgrade"]
    assert upgrade["ok"] and upgrade["status"] == "deployed" and upgrade["version"] == 2, describe
    deployment = upgrade["cluster"]["deployment"]
    assert deployment["replicas"] == 3 and deployment["readyReplicas"] == 3, describe
    assert deployment["image"] == "ghcr.io/astrolift/astrolift:0.1.1"
    args = deployment["args"]
    for arg in ("--log-level=debug", "--log-format=text", "--watch-namespaces=team-a,team-b",
                "--ingress-host-template={name}-{namespace}.wb.example.com", "--ingress-class-name=nginx",
                "--gateway-image=ghcr.io/astrolift/astrolift:0.1.1"):
        assert arg in args, f"{arg} missing from {args}"
    assert "--log-level=info" not in args and "--log-format=json" not in args, args

    uninstall = report["steps"]["uninstall"]
    assert uninstall["ok"], describe
    cluster = uninstall["cluster"]
    for key in ("deployment", "serviceAccount", "metricsService", "clusterRole", "clusterRoleBinding",
                "leaderElectionRole"):
        assert cluster[key] == 404, f"{key} left after uninstall: {cluster[key]}"
    assert cluster["tenantRoles"] == {r: 404 for r in ("admin", "editor", "user", "viewer")}
    assert cluster["releaseSecrets"] == []
    # Helm never deletes CRDs from crds/.
    assert cluster["crds"] == crds


def test_helm_astrolift_chart_installs_with_default_values(server):
    """The defaults render a policy/v1 PodDisruptionBudget (replicaCount 2), which the control plane serves."""
    report = run_chart_scenario(server, "astrolift-defaults", {}, {})
    assert report["steps"]["install"]["ok"], json.dumps(report, indent=1)
