"""Events written through events.k8s.io/v1 (as Astrolift's controller writes them) seen with
the real kubectl, which reads core v1 Events: `describe`, `get events`, `kubectl events`.

Both Event versions are one storage on the server, as in a real cluster.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone

from test_kubectl import cm, table


def events_v1(raw, ns: str, name: str, regarding: dict, note: str, reason: str = "Reconciled",
              event_type: str = "Normal") -> dict:
    """POSTs an events.k8s.io/v1 Event, as an EventRecorder does."""
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    body = {
        "apiVersion": "events.k8s.io/v1", "kind": "Event", "metadata": {"name": name, "namespace": ns},
        "regarding": regarding, "note": note, "reason": reason, "type": event_type, "action": "Reconcile",
        "reportingController": "astrolift.dev/controller", "reportingInstance": "astrolift-0",
        "eventTime": now,
    }
    r = raw.request("POST", f"/apis/events.k8s.io/v1/namespaces/{ns}/events", json=body)
    assert r.status_code == 201, f"create failed: {r.status_code} {r.text}"
    return r.json()


def configmap_with_event(kubectl, raw, ns: str, name: str) -> dict:
    obj = raw.create(ns, cm(name, {"k": "v"}))
    regarding = {"apiVersion": "v1", "kind": "ConfigMap", "namespace": ns, "name": name,
                 "uid": obj["metadata"]["uid"], "resourceVersion": obj["metadata"]["resourceVersion"]}
    events_v1(raw, ns, f"{name}.1", regarding, "Rendered the policy", reason="PolicyRendered")
    return obj


def test_describe_shows_events_written_through_events_v1(kubectl, raw, ns):
    configmap_with_event(kubectl, raw, ns, "described")
    # Another object's event must not show.
    events_v1(raw, ns, "other.1", {"apiVersion": "v1", "kind": "ConfigMap", "namespace": ns, "name": "other"},
              "Not about it", reason="Elsewhere")
    out = kubectl.ok("describe", "-n", ns, "configmap", "described")
    section = out.split("Events:", 1)[1]
    header, rows = table(section)
    rows = [r for r in rows if not r[0].startswith("--")]
    assert header == ["Type", "Reason", "Age", "From", "Message"], out
    assert [[r[0], r[1], r[3], r[4]] for r in rows] == [
        ["Normal", "PolicyRendered", "astrolift.dev/controller", "Rendered the policy"]], out


def test_get_events_lists_events_written_through_events_v1(kubectl, raw, ns):
    configmap_with_event(kubectl, raw, ns, "listed")
    header, rows = table(kubectl.ok("get", "events", "-n", ns))
    assert header == ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]
    assert [r[1:] for r in rows] == [["Normal", "PolicyRendered", "configmap/listed", "Rendered the policy"]]
    core = kubectl.json("get", "events", "-n", ns, "listed.1")
    assert core["apiVersion"] == "v1"
    assert core["involvedObject"]["name"] == "listed" and core["message"] == "Rendered the policy"
    assert core["reportingComponent"] == "astrolift.dev/controller"
    # The same object through events.k8s.io, and a field selector of each version.
    new = kubectl.json("get", "events.v1.events.k8s.io", "-n", ns, "listed.1")
    assert new["note"] == "Rendered the policy" and new["regarding"]["name"] == "listed"
    assert new["metadata"]["uid"] == core["metadata"]["uid"]
    assert kubectl.ok("get", "events", "-n", ns, "--field-selector", "involvedObject.name=listed",
                      "-o", "name").split() == ["event/listed.1"]
    assert kubectl.ok("get", "events.events.k8s.io", "-n", ns, "--field-selector", "regarding.name=listed",
                      "-o", "name").split() == ["event.events.k8s.io/listed.1"]


def test_kubectl_events_for_an_object(kubectl, raw, ns):
    configmap_with_event(kubectl, raw, ns, "for-me")
    events_v1(raw, ns, "someone-else.1", {"apiVersion": "v1", "kind": "ConfigMap", "namespace": ns,
                                           "name": "someone-else"}, "Not mine", event_type="Warning")
    out = kubectl.ok("events", "-n", ns, "--for", "configmap/for-me")
    header, rows = table(out)
    assert header == ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"], out
    assert [r[1:] for r in rows] == [["Normal", "PolicyRendered", "ConfigMap/for-me", "Rendered the policy"]], out
    warnings = kubectl.ok("events", "-n", ns, "--types", "Warning")
    assert "Not mine" in warnings and "Rendered the policy" not in warnings


def test_core_event_written_with_kubectl_is_an_events_v1_event(kubectl, ns):
    event = {"apiVersion": "v1", "kind": "Event", "metadata": {"name": "core.1"},
             "involvedObject": {"kind": "ConfigMap", "namespace": ns, "name": "x"},
             "reason": "Old", "message": "from core", "type": "Normal", "count": 2,
             "source": {"component": "kubelet"}}
    kubectl.ok("create", "-n", ns, *kubectl.novalidate, "-f", "-", input=json.dumps(event))
    new = kubectl.json("get", "events.events.k8s.io", "-n", ns, "core.1")
    assert new["apiVersion"] == "events.k8s.io/v1"
    assert new["note"] == "from core" and new["deprecatedCount"] == 2
    assert new["deprecatedSource"] == {"component": "kubelet"} and new["regarding"]["name"] == "x"
    kubectl.ok("patch", "events.events.k8s.io", "-n", ns, "core.1", "--type", "merge", "-p", '{"note":"patched"}')
    assert kubectl.json("get", "events", "-n", ns, "core.1")["message"] == "patched"
