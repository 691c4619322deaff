"""The machine's kubectl against `astrolift dev`.

kubectl here is a dispatcher that runs the kubectl matching the server's version
(1.33 for the v1.33.x the server reports).

Where the server lacks a feature, the test still asserts what a user sees from a
real API server and is marked @gap(reason) — xfail(strict=True) that accepts only an
assertion failure — with the missing feature as the reason: it turns into an XPASS
failure the day the feature lands, so the mark must go then.
"""

from __future__ import annotations

import json
import time
import uuid

import pytest

from conftest import gap, LineReader, WIDGET_GROUP, wait_until

def manifest(obj: dict) -> str:
    return json.dumps(obj)


def cm(name: str, data: dict | None = None, labels: dict | None = None, **meta) -> dict:
    metadata = {"name": name, **meta}
    if labels:
        metadata["labels"] = labels
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": metadata, "data": data or {}}


def widget(name: str, size: int = 3, color: str = "red", labels: dict | None = None) -> dict:
    metadata = {"name": name}
    if labels:
        metadata["labels"] = labels
    return {"apiVersion": f"{WIDGET_GROUP}/v1", "kind": "Widget", "metadata": metadata,
            "spec": {"size": size, "color": color}}


def deployment(name: str, replicas: int = 1, containers: list | None = None) -> dict:
    return {
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": name, "labels": {"app": name}},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": {"app": name}},
            "template": {
                "metadata": {"labels": {"app": name}},
                "spec": {"containers": containers or [
                    {"name": "main", "image": "nginx:1.25", "env": [{"name": "A", "value": "1"}]},
                    {"name": "side", "image": "busybox:1.36"},
                ]},
            },
        },
    }


def create(kubectl, ns: str, obj: dict) -> str:
    """kubectl create -f - (JSON on stdin); without validation while the server has no
    OpenAPI (test_create_validates_against_openapi covers that)."""
    return kubectl.ok("create", "-n", ns, *kubectl.novalidate, "-f", "-", input=manifest(obj))


def names(output: str) -> list[str]:
    return sorted(line.strip() for line in output.splitlines() if line.strip())


def table(output: str) -> tuple[list[str], list[list[str]]]:
    """Splits kubectl's table output into header and rows (columns split on 2+ spaces)."""
    import re

    lines = [line for line in output.splitlines() if line.strip()]
    split = [re.split(r"\s{2,}", line.strip()) for line in lines]
    return split[0], split[1:]


# --- discovery and raw endpoints -------------------------------------------------------


def test_version_reports_a_kubernetes_server(kubectl):
    info = json.loads(kubectl.ok("version", "-o", "json"))
    server = info["serverVersion"]
    assert server["major"] == "1"
    assert int(server["minor"].rstrip("+")) >= 30
    assert server["gitVersion"].startswith("v1.")


def test_cluster_info_and_api_versions(kubectl, server, widget_crd):
    assert f"Kubernetes control plane is running at {server.url}" in kubectl.ok("cluster-info")
    versions = kubectl.ok("api-versions").split()
    assert {"v1", "apps/v1", "batch/v1", "apiextensions.k8s.io/v1", "rbac.authorization.k8s.io/v1",
            f"{WIDGET_GROUP}/v1"} <= set(versions)


def test_api_resources_lists_builtin_and_custom_kinds(kubectl, widget_crd):
    out = kubectl.ok("api-resources")
    header, rows = table(out)
    assert header == ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"]
    by_name = {(r[0], r[-1]): r for r in rows}
    assert by_name[("configmaps", "ConfigMap")][1:-1] == ["cm", "v1", "true"]
    assert by_name[("deployments", "Deployment")][1:-1] == ["deploy", "apps/v1", "true"]
    assert by_name[("namespaces", "Namespace")][1:-1] == ["ns", "v1", "false"]
    assert by_name[("widgets", "Widget")][1:-1] == ["wdg", f"{WIDGET_GROUP}/v1", "true"]
    cluster_scoped = names(kubectl.ok("api-resources", "--namespaced=false", "-o", "name"))
    assert "namespaces" in cluster_scoped
    assert "customresourcedefinitions.apiextensions.k8s.io" in cluster_scoped
    assert "configmaps" not in cluster_scoped
    apps = names(kubectl.ok("api-resources", "--api-group=apps", "-o", "name"))
    assert {"deployments.apps", "replicasets.apps", "statefulsets.apps"} <= set(apps)
    unknown = kubectl.run("get", "nosuchthings")
    assert unknown.returncode != 0
    assert 'the server doesn\'t have a resource type "nosuchthings"' in unknown.stderr


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/livez"])
def test_health_endpoints(kubectl, path):
    assert kubectl.ok("get", "--raw", path).strip() == "ok"


def test_get_raw_openapi_v2(kubectl, widget_crd):
    doc = json.loads(kubectl.ok("get", "--raw", "/openapi/v2"))
    assert doc["swagger"] == "2.0"
    assert "io.k8s.api.core.v1.ConfigMap" in doc["definitions"]
    assert any(k.endswith("Widget") for k in doc["definitions"])


def test_get_raw_openapi_v3(kubectl, widget_crd):
    index = json.loads(kubectl.ok("get", "--raw", "/openapi/v3"))
    assert "api/v1" in index["paths"]
    assert f"apis/{WIDGET_GROUP}/v1" in index["paths"]
    group = json.loads(kubectl.ok("get", "--raw", f"/openapi/v3/apis/{WIDGET_GROUP}/v1"))
    assert any("Widget" in k for k in group["components"]["schemas"])


def test_explain_crd_field(kubectl, widget_crd):
    out = kubectl.ok("explain", "widget.spec.size")
    assert "How many sprockets the widget has." in out
    assert "integer" in out
    spec = kubectl.ok("explain", "widget.spec")
    assert "The desired widget." in spec
    assert "The widget's paint." in spec and "How the widget runs." in spec
    builtin = kubectl.ok("explain", "deployment.spec.replicas")
    assert "FIELD: replicas <integer>" in builtin
    assert builtin.split("DESCRIPTION:", 1)[1].strip(), "a built-in field has a description"


def test_create_validates_against_openapi(kubectl, ns, widget_crd):
    # With validation on (kubectl's default), good manifests are created.
    good = kubectl.run("create", "-n", ns, "-f", "-", input=manifest(cm("validated", {"k": "v"})))
    assert good.returncode == 0, good.describe()
    good = kubectl.run("create", "-n", ns, "-f", "-", input=manifest(widget("validated")))
    assert good.returncode == 0, good.describe()


def test_strict_field_validation_refuses_unknown_fields(kubectl, ns):
    # kubectl validates by default with fieldValidation=Strict: an unknown field is an error.
    bad = cm("unknown-field", {"k": "v"})
    bad["spec"] = {"nonsense": True}
    refused = kubectl.run("create", "-n", ns, "-f", "-", input=manifest(bad))
    assert refused.returncode != 0
    assert 'unknown field "spec"' in refused.stderr


def test_field_validation_of_nested_builtin_fields(kubectl, raw, ns):
    bad = deployment("strict-deploy")
    bad["spec"]["foo"] = 1
    bad["spec"]["template"]["spec"]["containers"][0]["env"][0]["bogus"] = "x"
    for verb in (["create"], ["apply", "--server-side"]):
        refused = kubectl.run(*verb, "-n", ns, "-f", "-", input=manifest(bad))
        assert refused.returncode != 0, refused.describe()
        assert 'strict decoding error: unknown field "spec.foo"' in refused.stderr
        assert 'unknown field "spec.template.spec.containers[0].env[0].bogus"' in refused.stderr
    # --validate=warn: the server drops the fields and says so in Warning headers.
    warned = kubectl.run("create", "--validate=warn", "-n", ns, "-f", "-", input=manifest(bad))
    assert warned.returncode == 0, warned.describe()
    assert 'Warning: unknown field "spec.foo"' in warned.stderr
    stored = kubectl.json("get", "-n", ns, "deployment", "strict-deploy")
    assert "foo" not in stored["spec"]
    # A strategic merge patch is checked as the patched object.
    r = raw.request("PATCH", f"/apis/apps/v1/namespaces/{ns}/deployments/strict-deploy?fieldValidation=Strict",
                    data=json.dumps({"spec": {"bar": 2}}),
                    headers={"Content-Type": "application/strategic-merge-patch+json"})
    assert r.status_code == 400 and r.json()["message"] == 'strict decoding error: unknown field "spec.bar"'
    # kubectl patch leaves fieldValidation to the server (Warn): applied, with a warning.
    warned = kubectl.run("patch", "-n", ns, "deployment", "strict-deploy", "-p", json.dumps({"spec": {"bar": 2}}))
    assert warned.returncode == 0, warned.describe()
    assert 'Warning: unknown field "spec.bar"' in warned.stderr
    # Duplicate keys are reported by path.
    body = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"dup","name":"dup"},"data":{"a":"1"}}'
    r = raw.request("POST", f"/api/v1/namespaces/{ns}/configmaps?fieldValidation=Strict", data=body,
                    headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and r.json()["message"] == 'strict decoding error: duplicate field "metadata.name"'
    r = raw.request("POST", f"/api/v1/namespaces/{ns}/configmaps", data=body,
                    headers={"Content-Type": "application/json"})
    assert r.status_code == 201 and r.headers["Warning"] == '299 - "duplicate field \\"metadata.name\\""'


# --- create and get --------------------------------------------------------------------


def test_create_and_get_json(kubectl, ns):
    out = create(kubectl, ns, cm("plain", {"greeting": "hello"}, labels={"app": "compat"}))
    assert out.strip() == "configmap/plain created"
    obj = kubectl.json("get", "-n", ns, "configmap", "plain")
    assert obj["apiVersion"] == "v1" and obj["kind"] == "ConfigMap"
    assert obj["data"] == {"greeting": "hello"}
    meta = obj["metadata"]
    assert meta["namespace"] == ns and meta["labels"] == {"app": "compat"}
    assert meta["uid"] and meta["resourceVersion"] and meta["creationTimestamp"]
    again = kubectl.run("create", "-n", ns, *kubectl.novalidate, "-f", "-", input=manifest(cm("plain")))
    assert again.returncode != 0
    assert 'configmaps "plain" already exists' in again.stderr
    missing = kubectl.run("get", "-n", ns, "configmap", "nope")
    assert missing.returncode != 0
    assert 'configmaps "nope" not found' in missing.stderr


def test_generate_name(kubectl, ns):
    obj = cm("", {"k": "v"})
    del obj["metadata"]["name"]
    obj["metadata"]["generateName"] = "gen-"
    out = create(kubectl, ns, obj)
    assert out.startswith("configmap/gen-") and out.strip().endswith(" created")
    assert len(out.split()[0]) > len("configmap/gen-")


def test_table_output_of_builtin_kinds(kubectl, raw, ns):
    raw.create(ns, cm("two-keys", {"a": "1", "b": "2"}))
    header, rows = table(kubectl.ok("get", "-n", ns, "configmaps", "two-keys"))
    assert header == ["NAME", "DATA", "AGE"]
    assert rows[0][:2] == ["two-keys", "2"]
    raw.create(ns, deployment("tabled", replicas=2))
    kubectl.ok("wait", "-n", ns, "--for=condition=Available", "deployment/tabled", "--timeout=30s")
    header, rows = table(kubectl.ok("get", "-n", ns, "deployments"))
    assert header == ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"]
    assert rows[0][:4] == ["tabled", "2/2", "2", "2"]
    header, rows = table(kubectl.ok("get", "namespaces", ns))
    assert header == ["NAME", "STATUS", "AGE"]
    assert rows[0][:2] == [ns, "Active"]
    header, _ = table(kubectl.ok("get", "-n", ns, "configmaps", "--show-labels"))
    assert header == ["NAME", "DATA", "AGE", "LABELS"]


def test_wide_output_of_deployments(kubectl, raw, ns):
    raw.create(ns, deployment("wide"))
    header, rows = table(kubectl.ok("get", "-n", ns, "deployments", "-o", "wide"))
    assert header == ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"]
    assert rows[0][5:] == ["main,side", "nginx:1.25,busybox:1.36", "app=wide"]


def test_table_output_uses_crd_printer_columns(kubectl, raw, ns, widget_crd):
    raw.create(ns, widget("w-red", size=3, color="red"))
    raw.create(ns, widget("w-blue", size=7, color="blue"))
    header, rows = table(kubectl.ok("get", "-n", ns, "widgets"))
    assert header == ["NAME", "SIZE", "COLOR"]
    assert sorted(rows) == [["w-blue", "7", "blue"], ["w-red", "3", "red"]]
    # The short name and the fully qualified name reach the same kind.
    assert names(kubectl.ok("get", "-n", ns, "wdg", "-o", "name")) == names(
        kubectl.ok("get", "-n", ns, f"widgets.{WIDGET_GROUP}", "-o", "name"))


def test_output_jsonpath_and_custom_columns(kubectl, raw, ns):
    raw.create(ns, cm("jp", {"k": "v"}, labels={"tier": "db"}))
    assert kubectl.ok("get", "-n", ns, "cm", "jp", "-o", "jsonpath={.metadata.labels.tier}/{.data.k}") == "db/v"
    header, rows = table(kubectl.ok("get", "-n", ns, "cm", "jp", "-o", "custom-columns=N:.metadata.name,T:.metadata.labels.tier"))
    assert header == ["N", "T"] and rows == [["jp", "db"]]


# --- selectors -------------------------------------------------------------------------


SELECTABLE = [("sel-x", {"a": "x"}), ("sel-w", {"a": "w"}), ("sel-z", {"a": "z"}), ("sel-none", {"b": "q"})]


@pytest.fixture(scope="module")
def labelled(raw, module_ns):
    """Four labelled ConfigMaps in a namespace the selector tests only read."""
    for name, labels in SELECTABLE:
        raw.create(module_ns, cm(name, labels=labels))
    return module_ns


def get_names(kubectl, ns, *args) -> list[str]:
    return names(kubectl.ok("get", "-n", ns, "configmaps", "-o", "name", *args))


@pytest.mark.parametrize("selector,expected", [
    ("a=x", ["sel-x"]),
    ("a==x", ["sel-x"]),
    ("a!=x", ["sel-none", "sel-w", "sel-z"]),
    ("a in (x,w)", ["sel-w", "sel-x"]),
    ("a notin (x,w)", ["sel-none", "sel-z"]),
    ("a", ["sel-w", "sel-x", "sel-z"]),
    ("!a", ["sel-none"]),
    ("a,b", []),
    ("a in (x,z),a!=z", ["sel-x"]),
])
def test_label_selectors(kubectl, labelled, selector, expected):
    got = [n.removeprefix("configmap/") for n in get_names(kubectl, labelled, "-l", selector)]
    # A real cluster publishes an unlabelled kube-root-ca.crt in every namespace; tolerate it.
    assert [n for n in got if n != "kube-root-ca.crt"] == expected


def test_field_selectors(kubectl, labelled):
    ns = labelled
    assert get_names(kubectl, ns, "--field-selector", "metadata.name=sel-w") == ["configmap/sel-w"]
    rest = get_names(kubectl, ns, "--field-selector", "metadata.name!=sel-w")
    assert "configmap/sel-w" not in rest and "configmap/sel-x" in rest
    both = get_names(kubectl, ns, "--field-selector", "metadata.name=sel-x", "-l", "a=x")
    assert both == ["configmap/sel-x"]
    across = names(kubectl.ok("get", "configmaps", "-A", "-o", "name", "--field-selector",
                              f"metadata.namespace={ns},metadata.name=sel-z"))
    assert across == ["configmap/sel-z"]
    bad = kubectl.run("get", "-n", ns, "configmaps", "--field-selector", "spec.nonsense=1")
    assert bad.returncode != 0
    assert "field label not supported: spec.nonsense" in bad.stderr


def test_delete_by_label(kubectl, raw, ns):
    for name, labels in SELECTABLE:
        raw.create(ns, cm(name, labels=labels))
    out = kubectl.ok("delete", "-n", ns, "configmaps", "-l", "a in (x,z)")
    assert sorted(out.split("\n")[:2]) == ['configmap "sel-x" deleted', 'configmap "sel-z" deleted']
    left = [n for n in get_names(kubectl, ns) if "kube-root-ca" not in n]
    assert left == ["configmap/sel-none", "configmap/sel-w"]


# --- apply -----------------------------------------------------------------------------


def test_apply_client_side(kubectl, ns):
    doc = cm("applied", {"k1": "v1", "drop": "me"}, labels={"app": "compat"})
    first = kubectl.ok("apply", "-n", ns, *kubectl.novalidate, "-f", "-", input=manifest(doc))
    assert first.strip() == "configmap/applied created"
    second = kubectl.ok("apply", "-n", ns, *kubectl.novalidate, "-f", "-", input=manifest(doc))
    assert second.strip() == "configmap/applied unchanged"
    # Someone else adds a key; the next apply keeps it (three-way merge) ...
    kubectl.ok("patch", "-n", ns, "cm", "applied", "--type", "merge", "-p", '{"data":{"foreign":"kept"}}')
    # ... changes k1 and removes "drop", which the last applied configuration had.
    doc["data"] = {"k1": "v2"}
    third = kubectl.ok("apply", "-n", ns, *kubectl.novalidate, "-f", "-", input=manifest(doc))
    assert third.strip() == "configmap/applied configured"
    live = kubectl.json("get", "-n", ns, "cm", "applied")
    assert live["data"] == {"k1": "v2", "foreign": "kept"}
    last = json.loads(live["metadata"]["annotations"]["kubectl.kubernetes.io/last-applied-configuration"])
    assert last["data"] == {"k1": "v2"}


def test_apply_client_side_custom_resource(kubectl, ns, widget_crd):
    doc = widget("applied-widget", size=2)
    assert kubectl.ok("apply", "-n", ns, *kubectl.novalidate, "-f", "-",
                      input=manifest(doc)).strip() == f"widget.{WIDGET_GROUP}/applied-widget created"
    assert kubectl.ok("apply", "-n", ns, *kubectl.novalidate, "-f", "-",
                      input=manifest(doc)).strip() == f"widget.{WIDGET_GROUP}/applied-widget unchanged"
    doc["spec"]["size"] = 4
    assert kubectl.ok("apply", "-n", ns, *kubectl.novalidate, "-f", "-",
                      input=manifest(doc)).strip() == f"widget.{WIDGET_GROUP}/applied-widget configured"
    live = kubectl.json("get", "-n", ns, "widget", "applied-widget")
    assert live["spec"]["size"] == 4 and live["metadata"]["generation"] == 2


def test_apply_server_side(kubectl, ns):
    doc = cm("ssa", {"owned": "by-a"})
    out = kubectl.ok("apply", "--server-side", "--field-manager=mgr-a", "-n", ns, *kubectl.novalidate, "-f", "-",
                     input=manifest(doc))
    assert out.strip() == "configmap/ssa serverside-applied"
    rv = kubectl.json("get", "-n", ns, "cm", "ssa")["metadata"]["resourceVersion"]
    # The same apply again changes nothing, not even the resourceVersion.
    kubectl.ok("apply", "--server-side", "--field-manager=mgr-a", "-n", ns, *kubectl.novalidate, "-f", "-",
               input=manifest(doc))
    assert kubectl.json("get", "-n", ns, "cm", "ssa")["metadata"]["resourceVersion"] == rv
    doc["data"]["more"] = "x"
    kubectl.ok("apply", "--server-side", "--field-manager=mgr-a", "-n", ns, *kubectl.novalidate, "-f", "-",
               input=manifest(doc))
    assert kubectl.json("get", "-n", ns, "cm", "ssa")["data"] == {"owned": "by-a", "more": "x"}


def test_apply_server_side_records_managed_fields(kubectl, ns):
    kubectl.ok("apply", "--server-side", "--field-manager=mgr-a", "-n", ns, *kubectl.novalidate, "-f", "-",
               input=manifest(cm("ssa-fields", {"owned": "by-a"})))
    live = kubectl.json("get", "-n", ns, "cm", "ssa-fields", "--show-managed-fields")
    entries = live["metadata"].get("managedFields", [])
    assert [(e["manager"], e["operation"]) for e in entries] == [("mgr-a", "Apply")]
    assert "f:owned" in entries[0]["fieldsV1"]["f:data"]


def test_apply_server_side_conflict_between_managers(kubectl, ns):
    kubectl.ok("apply", "--server-side", "--field-manager=mgr-a", "-n", ns, *kubectl.novalidate, "-f", "-",
               input=manifest(cm("contested", {"owned": "by-a"})))
    clash = kubectl.run("apply", "--server-side", "--field-manager=mgr-b", "-n", ns, *kubectl.novalidate, "-f", "-",
                        input=manifest(cm("contested", {"owned": "by-b"})))
    assert clash.returncode != 0, clash.describe()
    assert "conflict" in clash.stderr.lower() and "mgr-a" in clash.stderr
    assert kubectl.json("get", "-n", ns, "cm", "contested")["data"] == {"owned": "by-a"}
    forced = kubectl.ok("apply", "--server-side", "--field-manager=mgr-b", "--force-conflicts", "-n", ns,
                        *kubectl.novalidate, "-f", "-", input=manifest(cm("contested", {"owned": "by-b"})))
    assert forced.strip() == "configmap/contested serverside-applied"
    live = kubectl.json("get", "-n", ns, "cm", "contested", "--show-managed-fields")
    assert live["data"] == {"owned": "by-b"}
    owners = [e["manager"] for e in live["metadata"]["managedFields"] if "f:owned" in json.dumps(e.get("fieldsV1"))]
    assert owners == ["mgr-b"]


def test_diff_and_server_dry_run(kubectl, ns):
    kubectl.ok("apply", "-n", ns, *kubectl.novalidate, "-f", "-", input=manifest(cm("diffed", {"k": "v1"})))
    same = kubectl.run("diff", "-n", ns, "-f", "-", input=manifest(cm("diffed", {"k": "v1"})))
    assert same.returncode == 0, same.describe()
    changed = kubectl.run("diff", "-n", ns, "-f", "-", input=manifest(cm("diffed", {"k": "v2"})))
    assert changed.returncode == 1, changed.describe()
    assert "-  k: v1" in changed.stdout and "+  k: v2" in changed.stdout
    dry = kubectl.ok("create", "-n", ns, *kubectl.novalidate, "--dry-run=server", "-f", "-",
                     input=manifest(cm("dry", {"k": "v"})))
    assert dry.strip() == "configmap/dry created (server dry run)"
    assert kubectl.run("get", "-n", ns, "cm", "dry").returncode != 0
    assert kubectl.json("get", "-n", ns, "cm", "diffed")["data"] == {"k": "v1"}


# --- patch -----------------------------------------------------------------------------


def test_patch_merge(kubectl, raw, ns):
    raw.create(ns, cm("pm", {"keep": "1", "drop": "2"}))
    out = kubectl.ok("patch", "-n", ns, "cm", "pm", "--type", "merge", "-p",
                     '{"data":{"drop":null,"new":"3"},"metadata":{"labels":{"patched":"yes"}}}')
    assert out.strip() == "configmap/pm patched"
    live = kubectl.json("get", "-n", ns, "cm", "pm")
    assert live["data"] == {"keep": "1", "new": "3"} and live["metadata"]["labels"] == {"patched": "yes"}


def test_patch_json(kubectl, raw, ns, widget_crd):
    raw.create(ns, widget("pj", size=3))
    kubectl.ok("patch", "-n", ns, "widget", "pj", "--type", "json", "-p",
               '[{"op":"replace","path":"/spec/size","value":9},{"op":"remove","path":"/spec/color"},'
               '{"op":"add","path":"/metadata/labels","value":{"via":"json"}}]')
    live = kubectl.json("get", "-n", ns, "widget", "pj")
    assert live["spec"]["size"] == 9 and "color" not in live["spec"]
    assert live["metadata"]["labels"] == {"via": "json"}
    failed = kubectl.run("patch", "-n", ns, "widget", "pj", "--type", "json", "-p",
                         '[{"op":"test","path":"/spec/size","value":1},{"op":"replace","path":"/spec/size","value":2}]')
    assert failed.returncode != 0
    assert kubectl.json("get", "-n", ns, "widget", "pj")["spec"]["size"] == 9


def test_patch_strategic_merges_lists_by_key(kubectl, raw, ns):
    raw.create(ns, deployment("smp"))
    kubectl.ok("patch", "-n", ns, "deployment", "smp", "--type", "strategic", "-p", json.dumps(
        {"spec": {"template": {"spec": {"containers": [
            {"name": "main", "image": "nginx:1.27", "env": [{"name": "B", "value": "2"}]}]}}}}))
    containers = kubectl.json("get", "-n", ns, "deployment", "smp")["spec"]["template"]["spec"]["containers"]
    assert [(c["name"], c["image"]) for c in containers] == [("main", "nginx:1.27"), ("side", "busybox:1.36")]
    assert containers[0]["env"] == [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}] or \
        containers[0]["env"] == [{"name": "B", "value": "2"}, {"name": "A", "value": "1"}]


def test_patch_strategic_delete_directive(kubectl, raw, ns):
    raw.create(ns, deployment("smp-del"))
    # The $patch: delete directive removes one element by its merge key.
    kubectl.ok("patch", "-n", ns, "deployment", "smp-del", "--type", "strategic", "-p", json.dumps(
        {"spec": {"template": {"spec": {"containers": [{"name": "side", "$patch": "delete"}]}}}}))
    containers = kubectl.json("get", "-n", ns, "deployment", "smp-del")["spec"]["template"]["spec"]["containers"]
    assert [c["name"] for c in containers] == ["main"]


def test_patch_strategic_is_refused_for_custom_resources(kubectl, raw, ns, widget_crd):
    raw.create(ns, widget("smp-cr"))
    out = kubectl.run("patch", "-n", ns, "widget", "smp-cr", "--type", "strategic", "-p", '{"spec":{"size":5}}')
    assert out.returncode != 0
    assert "application/strategic-merge-patch+json is not supported" in out.stderr
    assert kubectl.json("get", "-n", ns, "widget", "smp-cr")["spec"]["size"] == 3


def test_label_annotate_scale(kubectl, raw, ns):
    raw.create(ns, cm("meta"))
    assert kubectl.ok("label", "-n", ns, "cm", "meta", "tier=web").strip() == "configmap/meta labeled"
    assert kubectl.ok("annotate", "-n", ns, "cm", "meta", "note=hi").strip() == "configmap/meta annotated"
    overwrite = kubectl.run("label", "-n", ns, "cm", "meta", "tier=db")
    assert overwrite.returncode != 0 and "already has a value" in overwrite.stderr
    kubectl.ok("label", "-n", ns, "cm", "meta", "tier-")
    meta = kubectl.json("get", "-n", ns, "cm", "meta")["metadata"]
    assert "tier" not in meta.get("labels", {}) and meta["annotations"]["note"] == "hi"
    raw.create(ns, deployment("scaled", replicas=1))
    assert kubectl.ok("scale", "-n", ns, "deployment/scaled", "--replicas=3").strip() == "deployment.apps/scaled scaled"
    kubectl.ok("rollout", "status", "-n", ns, "deployment/scaled", "--timeout=30s")
    status = kubectl.json("get", "-n", ns, "deployment", "scaled")["status"]
    assert status["readyReplicas"] == 3


# --- delete and garbage collection -----------------------------------------------------


def test_apply_multi_document_file(kubectl, ns, widget_crd, tmp_path):
    """apply -f of a directory: several kinds, then a second apply is a no-op."""
    (tmp_path / "app.yaml").write_text("\n---\n".join(json.dumps(d) for d in [
        deployment("bundle"),
        {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "bundle"},
         "spec": {"selector": {"app": "bundle"}, "ports": [{"port": 80, "targetPort": 8080}]}},
    ]))
    (tmp_path / "widget.json").write_text(json.dumps(widget("bundle")))
    out = kubectl.ok("apply", "-n", ns, *kubectl.novalidate, "-f", str(tmp_path))
    assert sorted(out.splitlines()) == ["deployment.apps/bundle created", "service/bundle created",
                                        f"widget.{WIDGET_GROUP}/bundle created"]
    again = kubectl.ok("apply", "-n", ns, *kubectl.novalidate, "-f", str(tmp_path))
    assert sorted(again.splitlines()) == ["deployment.apps/bundle unchanged", "service/bundle unchanged",
                                          f"widget.{WIDGET_GROUP}/bundle unchanged"]
    svc = kubectl.json("get", "-n", ns, "service", "bundle")
    assert svc["spec"]["ports"][0]["targetPort"] == 8080
    assert svc["spec"].get("clusterIP"), "services get a cluster IP"
    deleted = kubectl.ok("delete", "-n", ns, "-f", str(tmp_path))
    assert len(deleted.splitlines()) == 3


def test_delete_namespace_removes_its_objects(kubectl, raw, core, widget_crd):
    name = f"doomed-ns-{uuid.uuid4().hex[:6]}"
    core.create_namespace({"metadata": {"name": name}})
    raw.create(name, cm("inside"))
    raw.create(name, widget("inside"))
    raw.create(name, deployment("inside"))
    out = kubectl.ok("delete", "namespace", name, "--timeout=30s", timeout=60)
    assert out.strip() == f'namespace "{name}" deleted'
    gone = kubectl.run("get", "namespace", name)
    assert gone.returncode != 0 and "not found" in gone.stderr
    leftovers = kubectl.ok("get", "configmaps,widgets,deployments,pods", "-A", "-o", "name",
                           "--field-selector", f"metadata.namespace={name}")
    assert leftovers.strip() == ""


def owner_and_dependent(raw, ns, mode: str, dependent_finalizers: list[str] | None = None) -> tuple[str, str]:
    owner = f"owner-{mode}"
    dependent = f"dependent-{mode}"
    uid = raw.create(ns, cm(owner))["metadata"]["uid"]
    meta = {"ownerReferences": [{"apiVersion": "v1", "kind": "ConfigMap", "name": owner, "uid": uid,
                                 "blockOwnerDeletion": True}]}
    if dependent_finalizers:
        meta["finalizers"] = dependent_finalizers
    raw.create(ns, cm(dependent, **meta))
    return owner, dependent


def read_cm(raw, ns, name) -> dict | None:
    return raw.read(ns, "v1", "ConfigMap", name)


def test_delete_cascade_background(kubectl, raw, ns):
    owner, dependent = owner_and_dependent(raw, ns, "background")
    out = kubectl.ok("delete", "-n", ns, "cm", owner, "--cascade=background")
    assert out.strip() == f'configmap "{owner}" deleted'
    assert read_cm(raw, ns, owner) is None
    wait_until(lambda: read_cm(raw, ns, dependent) is None, timeout=15, what="the dependent to be collected")


def test_delete_cascade_foreground(kubectl, raw, ns):
    owner, dependent = owner_and_dependent(raw, ns, "foreground", ["compat.astrolift.dev/hold"])
    kubectl.ok("delete", "-n", ns, "cm", owner, "--cascade=foreground", "--wait=false")
    # The owner waits for its blocking dependent: deletionTimestamp and the foregroundDeletion finalizer.
    live = kubectl.json("get", "-n", ns, "cm", owner)["metadata"]
    assert live.get("deletionTimestamp")
    assert "foregroundDeletion" in live.get("finalizers", [])
    wait_until(lambda: read_cm(raw, ns, dependent)["metadata"].get("deletionTimestamp"),
               timeout=15, what="the dependent to be marked for deletion")
    assert read_cm(raw, ns, owner) is not None
    # Releasing the dependent lets both go.
    kubectl.ok("patch", "-n", ns, "cm", dependent, "--type", "merge", "-p", '{"metadata":{"finalizers":null}}')
    kubectl.ok("wait", "-n", ns, "--for=delete", f"cm/{owner}", f"cm/{dependent}", "--timeout=20s")


def test_delete_cascade_orphan(kubectl, raw, ns):
    owner, dependent = owner_and_dependent(raw, ns, "orphan")
    kubectl.ok("delete", "-n", ns, "cm", owner, "--cascade=orphan")
    assert read_cm(raw, ns, owner) is None
    # The dependent stays, without the reference to its former owner.
    wait_until(lambda: not read_cm(raw, ns, dependent)["metadata"].get("ownerReferences"),
               timeout=15, what="the owner reference to be removed")
    time.sleep(1)
    assert read_cm(raw, ns, dependent) is not None


def test_owner_reference_needs_a_uid(kubectl, ns):
    # A real API server refuses an ownerReference without uid (422):
    # metadata.ownerReferences.uid: Invalid value: "": uid must not be empty
    bad = cm("no-uid", ownerReferences=[{"apiVersion": "v1", "kind": "ConfigMap", "name": "x"}])
    out = kubectl.run("create", "-n", ns, *kubectl.novalidate, "-f", "-", input=manifest(bad))
    assert out.returncode != 0, out.describe()
    assert "uid" in out.stderr


# --- wait ------------------------------------------------------------------------------


def test_wait_for_jsonpath(kubectl, raw, ns, widget_crd):
    raw.create(ns, widget("waited", size=3))
    kubectl.ok("wait", "-n", ns, "--for=jsonpath={.spec.size}=3", "widget/waited", "--timeout=10s")
    waiter = kubectl.popen("wait", "-n", ns, "--for=jsonpath={.spec.size}=8", "widget/waited", "--timeout=20s")
    time.sleep(1)
    assert waiter.poll() is None, "kubectl wait returned before the change"
    kubectl.ok("patch", "-n", ns, "widget", "waited", "--type", "merge", "-p", '{"spec":{"size":8}}')
    out, err = waiter.communicate(timeout=25)
    assert waiter.returncode == 0, err
    assert out.strip() == f"widget.{WIDGET_GROUP}/waited condition met"
    timeout = kubectl.run("wait", "-n", ns, "--for=jsonpath={.spec.size}=99", "widget/waited", "--timeout=2s")
    assert timeout.returncode != 0 and "timed out" in timeout.stderr


def test_wait_for_delete(kubectl, raw, ns):
    raw.create(ns, cm("doomed", finalizers=["compat.astrolift.dev/hold"]))
    kubectl.ok("delete", "-n", ns, "cm", "doomed", "--wait=false")
    waiter = kubectl.popen("wait", "-n", ns, "--for=delete", "cm/doomed", "--timeout=20s")
    time.sleep(1)
    assert waiter.poll() is None, "kubectl wait returned while a finalizer holds the object"
    kubectl.ok("patch", "-n", ns, "cm", "doomed", "--type", "json", "-p", '[{"op":"remove","path":"/metadata/finalizers"}]')
    out, err = waiter.communicate(timeout=25)
    assert waiter.returncode == 0, err
    assert out.strip() == "configmap/doomed condition met"


def test_wait_for_condition_on_simulated_deployment(kubectl, raw, ns):
    raw.create(ns, deployment("avail", replicas=2))
    out = kubectl.ok("wait", "-n", ns, "--for=condition=Available", "deployment/avail", "--timeout=30s")
    assert out.strip() == "deployment.apps/avail condition met"


# --- watch -----------------------------------------------------------------------------


def test_get_watch(kubectl, raw, ns):
    raw.create(ns, cm("before", {"v": "0"}))
    proc = kubectl.popen("get", "-n", ns, "configmaps", "--watch", "--request-timeout=30s",
                         "-o", "jsonpath={.metadata.name}={.data.v}{\"\\n\"}")
    reader = LineReader(proc)
    try:
        reader.wait_for(lambda lines: "before=0" in lines, what="the initial list")
        raw.create(ns, cm("during", {"v": "1"}))
        kubectl.ok("patch", "-n", ns, "cm", "during", "--type", "merge", "-p", '{"data":{"v":"2"}}')
        kubectl.ok("delete", "-n", ns, "cm", "before")
        lines = reader.wait_for(lambda ls: "during=2" in ls and ls.count("before=0") >= 2,
                                what="the add, modify and delete events")
    finally:
        err = reader.stop()
    assert [l for l in lines if not l.startswith("kube-root-ca")] == ["before=0", "during=1", "during=2", "before=0"], err


def test_get_watch_table_output(kubectl, raw, ns, widget_crd):
    raw.create(ns, widget("tw", size=1, color="green"))
    reader = LineReader(kubectl.popen("get", "-n", ns, "widgets", "--watch", "--request-timeout=30s"))
    try:
        reader.wait_for(lambda lines: any(l.startswith("tw ") for l in lines), what="the initial table")
        kubectl.ok("patch", "-n", ns, "widget", "tw", "--type", "merge", "-p", '{"spec":{"size":2}}')
        lines = reader.wait_for(lambda ls: len([l for l in ls if l.startswith("tw ")]) >= 2, what="the update row")
    finally:
        reader.stop()
    header, rows = table("\n".join(lines))
    assert header == ["NAME", "SIZE", "COLOR"]
    assert rows[-1] == ["tw", "2", "green"]


# --- everything else a user types ------------------------------------------------------


def test_get_all(kubectl, raw, ns, widget_crd):
    raw.create(ns, deployment("everything"))
    raw.create(ns, {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "everything"},
                         "spec": {"selector": {"app": "everything"}, "ports": [{"port": 80}]}})
    raw.create(ns, widget("everything"))
    kubectl.ok("wait", "-n", ns, "--for=condition=Available", "deployment/everything", "--timeout=30s")
    got = names(kubectl.ok("get", "all", "-n", ns, "-o", "name"))
    assert "deployment.apps/everything" in got
    assert "service/everything" in got
    assert f"widget.{WIDGET_GROUP}/everything" in got
    assert any(n.startswith("pod/everything-") for n in got), got
    assert not any(n.startswith("configmap/") for n in got)


# kubectl's imperative commands send protobuf bodies (client-go's typed clients).


def test_create_namespace(kubectl, ns):
    name = f"{ns}-created"
    out = kubectl.run("create", "namespace", name)
    assert out.returncode == 0, out.describe()
    assert out.stdout.strip() == f"namespace/{name} created"
    kubectl.ok("delete", "namespace", name, "--wait=false")


def test_create_configmap_from_literal(kubectl, ns):
    out = kubectl.run("create", "configmap", "lit", "-n", ns, "--from-literal=a=1", "--from-literal=b=two")
    assert out.returncode == 0, out.describe()
    assert kubectl.json("get", "-n", ns, "cm", "lit")["data"] == {"a": "1", "b": "two"}


def test_create_secret_generic(kubectl, ns):
    out = kubectl.run("create", "secret", "generic", "sec", "-n", ns, "--from-literal=password=s3cr3t")
    assert out.returncode == 0, out.describe()
    assert kubectl.json("get", "-n", ns, "secret", "sec")["data"] == {"password": "czNjcjN0"}


@pytest.mark.parametrize("command,expected", [
    ("create deployment imp --image=nginx:1.25 --replicas=2", "deployment.apps/imp created"),
    ("create service clusterip imp --tcp=80:8080", "service/imp created"),
    ("create job imp --image=busybox:1.36", "job.batch/imp created"),
    ("create role imp --verb=get --resource=pods", "role.rbac.authorization.k8s.io/imp created"),
    ("create rolebinding imp --role=imp --user=bob", "rolebinding.rbac.authorization.k8s.io/imp created"),
    ("create serviceaccount imp", "serviceaccount/imp created"),
    ("create quota imp --hard=pods=2", "resourcequota/imp created"),
    ("create ingress imp --rule=example.com/x=svc:8080", "ingress.networking.k8s.io/imp created"),
    ("run imp --image=nginx:1.25", "pod/imp created"),
])
def test_imperative_create(kubectl, ns, command, expected):
    out = kubectl.run(*command.split(), "-n", ns)
    assert out.returncode == 0, out.describe()
    assert out.stdout.strip() == expected
    kind = expected.split("/")[0]
    assert kubectl.json("get", "-n", ns, kind, "imp")["metadata"]["name"] == "imp"


def test_imperative_changes_to_a_deployment(kubectl, raw, ns):
    raw.create(ns, deployment("imp"))
    assert kubectl.ok("set", "image", "-n", ns, "deployment/imp", "main=nginx:1.27").strip() == \
        "deployment.apps/imp image updated"
    assert kubectl.ok("expose", "-n", ns, "deployment", "imp", "--port=80").strip() == "service/imp exposed"
    assert kubectl.ok("rollout", "restart", "-n", ns, "deployment/imp").strip() == "deployment.apps/imp restarted"
    d = kubectl.json("get", "-n", ns, "deployment", "imp")
    template = d["spec"]["template"]
    assert template["spec"]["containers"][0]["image"] == "nginx:1.27"
    assert "kubectl.kubernetes.io/restartedAt" in template["metadata"]["annotations"]
    svc = kubectl.json("get", "-n", ns, "service", "imp")
    assert svc["spec"]["selector"] == {"app": "imp"} and svc["spec"]["ports"][0]["port"] == 80


def test_auth_can_i(kubectl, ns):
    out = kubectl.run("auth", "can-i", "create", "configmaps", "-n", ns)
    assert out.returncode == 0, out.describe()
    assert out.stdout.strip() == "yes"


def test_rbac_through_impersonation(kubectl, ns):
    """auth can-i --as, a Forbidden error, and a Role plus RoleBinding that grants access."""
    denied = kubectl.run("auth", "can-i", "list", "configmaps", "-n", ns, "--as=compat-bob")
    assert denied.returncode == 1 and denied.stdout.strip() == "no", denied.describe()
    forbidden = kubectl.run("get", "configmaps", "-n", ns, "--as=compat-bob")
    assert forbidden.returncode != 0
    assert (f'configmaps is forbidden: User "compat-bob" cannot list resource "configmaps" in API group "" '
            f'in the namespace "{ns}"') in forbidden.stderr, forbidden.describe()
    kubectl.ok("create", "role", "cm-reader", "-n", ns, "--verb=get,list", "--resource=configmaps")
    kubectl.ok("create", "rolebinding", "bob-reads", "-n", ns, "--role=cm-reader", "--user=compat-bob")
    wait_until(lambda: kubectl.run("auth", "can-i", "list", "configmaps", "-n", ns,
                                   "--as=compat-bob").stdout.strip() == "yes", timeout=10, what="the binding")
    assert kubectl.run("get", "configmaps", "-n", ns, "--as=compat-bob").returncode == 0
    still = kubectl.run("auth", "can-i", "delete", "configmaps", "-n", ns, "--as=compat-bob")
    assert still.stdout.strip() == "no"
    elsewhere = kubectl.run("auth", "can-i", "list", "configmaps", "-n", "default", "--as=compat-bob")
    assert elsewhere.stdout.strip() == "no"


def test_auth_whoami(kubectl):
    out = kubectl.run("auth", "whoami", "-o", "json")
    assert out.returncode == 0, out.describe()
    info = json.loads(out.stdout)["status"]["userInfo"]
    assert info["username"] and "system:masters" in info.get("groups", [])


def test_create_token(kubectl, ns):
    kubectl.ok("wait", "-n", ns, "--for=create", "serviceaccount/default", "--timeout=10s")
    out = kubectl.run("create", "token", "default", "-n", ns, "--audience=compat")
    assert out.returncode == 0, out.describe()
    assert out.stdout.count(".") == 2  # a JWT


def test_invalid_custom_resource_is_refused(kubectl, ns, widget_crd):
    out = kubectl.run("create", "-n", ns, *kubectl.novalidate, "-f", "-", input=manifest(widget("bad", size=0, color="pink")))
    assert out.returncode != 0, out.describe()
    assert "spec.size" in out.stderr and "spec.color" in out.stderr
    assert 'Unsupported value: "pink"' in out.stderr
