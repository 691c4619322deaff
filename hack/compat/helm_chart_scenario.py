"""Install, upgrade and uninstall charts/astrolift with Helm v4 (helm-sdkpy) against
`astrolift dev`, checking the cluster after each step with the Python kubernetes
client. Prints one JSON report.

`astrolift dev` installs Astrolift's CRDs itself; they are deleted first so that what
the chart's crds/ directory installs is seen (as on a cluster without Astrolift).

Runs in a process of its own, like helm_scenario.py (Helm's Go library reads
HELM_DRIVER once, when it loads).

    python helm_chart_scenario.py KUBECONFIG CHART NAMESPACE RELEASE INSTALL_VALUES_JSON UPGRADE_VALUES_JSON
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
import traceback


def main() -> None:
    kubeconfig, chart, namespace, release, install_values, upgrade_values = sys.argv[1:7]
    install_values = json.loads(install_values)
    upgrade_values = json.loads(upgrade_values)
    report: dict = {"steps": {}}

    import helm_sdkpy as helm
    from kubernetes import client, config
    from kubernetes.client.rest import ApiException

    api = config.new_client_from_config(config_file=kubeconfig)
    apps = client.AppsV1Api(api)
    core = client.CoreV1Api(api)
    rbac = client.RbacAuthorizationV1Api(api)
    ext = client.ApiextensionsV1Api(api)

    def astrolift_crds() -> list[str]:
        return sorted(c.metadata.name for c in ext.list_custom_resource_definition().items
                      if c.spec.group == "astrolift.dev")

    def status_of(read) -> int | str:
        try:
            read()
            return 200
        except ApiException as e:
            return e.status

    # A cluster without Astrolift: no CRDs of its group.
    for name in astrolift_crds():
        ext.delete_custom_resource_definition(name)
    deadline = time.monotonic() + 30
    while astrolift_crds() and time.monotonic() < deadline:
        time.sleep(0.2)
    report["crdsBefore"] = astrolift_crds()

    fullname = release if "astrolift" in release else f"{release}-astrolift"

    def observe() -> dict:
        state: dict = {}
        try:
            d = apps.read_namespaced_deployment(f"{fullname}-controller", namespace)
            c = d.spec.template.spec.containers[0]
            state["deployment"] = {"replicas": d.spec.replicas, "image": c.image, "args": c.args,
                                   "readyReplicas": d.status.ready_replicas,
                                   "managedBy": (d.metadata.labels or {}).get("app.kubernetes.io/managed-by")}
        except ApiException as e:
            state["deployment"] = e.status
        state["serviceAccount"] = status_of(lambda: core.read_namespaced_service_account(
            f"{fullname}-controller", namespace))
        state["metricsService"] = status_of(lambda: core.read_namespaced_service(
            f"{fullname}-controller-metrics", namespace))
        state["clusterRole"] = status_of(lambda: rbac.read_cluster_role(f"{fullname}-controller"))
        state["clusterRoleBinding"] = status_of(lambda: rbac.read_cluster_role_binding(f"{fullname}-controller"))
        state["leaderElectionRole"] = status_of(lambda: rbac.read_namespaced_role(
            f"{fullname}-leader-election", namespace))
        state["tenantRoles"] = {r: status_of(lambda r=r: rbac.read_cluster_role(f"astrolift-tenant-{r}"))
                                for r in ("admin", "editor", "user", "viewer")}
        state["crds"] = astrolift_crds()
        secrets = core.list_namespaced_secret(namespace, label_selector=f"owner=helm,name={release}")
        state["releaseSecrets"] = sorted(s.metadata.name for s in secrets.items)
        return state

    def step(name: str, action) -> bool:
        started = time.monotonic()
        try:
            result = asyncio.run(action())
            info = result.get("info", {}) if isinstance(result, dict) else {}
            report["steps"][name] = {"ok": True, "status": info.get("status"),
                                     "version": result.get("version") if isinstance(result, dict) else None}
        except Exception as e:  # noqa: BLE001 - reported, not raised
            report["steps"][name] = {"ok": False, "error": f"{type(e).__name__}: {e}",
                                     "trace": traceback.format_exc(limit=3)}
        report["steps"][name]["seconds"] = round(time.monotonic() - started, 2)
        report["steps"][name]["cluster"] = observe()
        return report["steps"][name]["ok"]

    cfg = helm.Configuration(namespace=namespace, kubeconfig=kubeconfig)
    ok = step("install", lambda: helm.Install(cfg).run(release, chart, values=install_values, wait=True,
                                                         timeout=60))
    if ok:
        ok = step("upgrade", lambda: helm.Upgrade(cfg).run(release, chart, values=upgrade_values, wait=True,
                                                             timeout=60))
    # Uninstall even after a failed step, so that a failure leaves nothing behind.
    step("uninstall", lambda: helm.Uninstall(cfg).run(release, wait=True, timeout=60))
    print(json.dumps(report))


if __name__ == "__main__":
    main()
