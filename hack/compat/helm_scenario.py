"""Install, upgrade and uninstall the test chart with Helm v4 (helm-sdkpy), checking the
cluster after each step with the Python kubernetes client. Prints one JSON report.

Runs in a process of its own: Helm's Go library reads its environment (HELM_DRIVER)
once, when it starts, and a crash in it must not take pytest along.

    python helm_scenario.py KUBECONFIG CHART NAMESPACE RELEASE client-side|server-side
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
import traceback


def main() -> None:
    kubeconfig, chart, namespace, release, apply = sys.argv[1:6]
    ssa = apply == "server-side"
    report: dict = {"steps": {}}

    import helm_sdkpy as helm
    from kubernetes import client, config
    from kubernetes.client.rest import ApiException

    api = config.new_client_from_config(config_file=kubeconfig)
    apps = client.AppsV1Api(api)
    core = client.CoreV1Api(api)
    custom = client.CustomObjectsApi(api)
    ext = client.ApiextensionsV1Api(api)

    def observe() -> dict:
        state: dict = {}
        try:
            d = apps.read_namespaced_deployment(f"{release}-web", namespace)
            c = d.spec.template.spec.containers[0]
            state["deployment"] = {"replicas": d.spec.replicas, "image": c.image,
                                   "env": {e.name: e.value for e in c.env or []},
                                   "managedBy": (d.metadata.labels or {}).get("app.kubernetes.io/managed-by"),
                                   "release": (d.metadata.annotations or {}).get("meta.helm.sh/release-name")}
        except ApiException as e:
            state["deployment"] = e.status
        try:
            s = core.read_namespaced_service(f"{release}-web", namespace)
            state["service"] = {"ports": [p.port for p in s.spec.ports]}
        except ApiException as e:
            state["service"] = e.status
        try:
            g = custom.get_namespaced_custom_object("compat.astrolift.dev", "v1", namespace, "gadgets",
                                                    f"{release}-gadget")
            state["gadget"] = g["spec"]
        except ApiException as e:
            state["gadget"] = e.status
        try:
            ext.read_custom_resource_definition("gadgets.compat.astrolift.dev")
            state["crd"] = True
        except ApiException as e:
            state["crd"] = e.status
        try:
            secrets = core.list_namespaced_secret(namespace, label_selector=f"owner=helm,name={release}")
            state["releaseSecrets"] = sorted(s.metadata.name for s in secrets.items)
        except ApiException as e:
            state["releaseSecrets"] = e.status
        return state

    def step(name: str, action) -> bool:
        started = time.monotonic()
        try:
            result = asyncio.run(action())
            info = result.get("info", {}) if isinstance(result, dict) else {}
            report["steps"][name] = {"ok": True, "status": info.get("status"),
                                     "version": result.get("version") if isinstance(result, dict) else None,
                                     "applyMethod": result.get("apply_method") if isinstance(result, dict) else None}
        except Exception as e:  # noqa: BLE001 - reported, not raised
            report["steps"][name] = {"ok": False, "error": f"{type(e).__name__}: {e}",
                                     "trace": traceback.format_exc(limit=3)}
        report["steps"][name]["seconds"] = round(time.monotonic() - started, 2)
        report["steps"][name]["cluster"] = observe()
        return report["steps"][name]["ok"]

    cfg = helm.Configuration(namespace=namespace, kubeconfig=kubeconfig)
    ok = step("install", lambda: helm.Install(cfg).run(release, chart, values={"replicas": 1}, wait=True,
                                                         timeout=60, server_side_apply=ssa))
    if ok:
        ok = step("upgrade", lambda: helm.Upgrade(cfg).run(release, chart,
                                                             values={"replicas": 2, "greeting": "goodbye",
                                                                     "image": "nginx:1.27"},
                                                             wait=True, timeout=60,
                                                             server_side_apply="true" if ssa else "false"))
    if ok:
        try:
            report["history"] = [(r["version"], r["info"]["status"])
                                 for r in asyncio.run(helm.History(cfg).run(release))]
        except Exception as e:  # noqa: BLE001
            report["history"] = f"{type(e).__name__}: {e}"
        step("uninstall", lambda: helm.Uninstall(cfg).run(release, wait=True, timeout=60))
    print(json.dumps(report))


if __name__ == "__main__":
    main()
