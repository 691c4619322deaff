"""The official Python `kubernetes` client against `astrolift dev`."""

from __future__ import annotations

import json
import re
import subprocess
import threading

import pytest
from kubernetes import client, watch
from kubernetes.client.rest import ApiException

from conftest import gap, WIDGET_GROUP, WIDGET_VERSION, astrolift_binary, wait_until

PLURAL = "widgets"


def status_of(exc: ApiException) -> dict:
    return json.loads(exc.body)


# --- ConfigMaps ---------------------------------------------------------------------


def test_configmap_crud(core, ns):
    created = core.create_namespaced_config_map(ns, client.V1ConfigMap(
        metadata=client.V1ObjectMeta(name="crud", labels={"app": "compat"}), data={"a": "1"}))
    assert created.metadata.uid and created.metadata.resource_version
    assert created.metadata.namespace == ns

    got = core.read_namespaced_config_map("crud", ns)
    assert got.data == {"a": "1"} and got.metadata.uid == created.metadata.uid

    got.data["b"] = "2"
    replaced = core.replace_namespaced_config_map("crud", ns, got)
    assert replaced.data == {"a": "1", "b": "2"}
    assert int(replaced.metadata.resource_version) > int(created.metadata.resource_version)

    patched = core.patch_namespaced_config_map("crud", ns, {"data": {"a": None, "c": "3"}})
    assert patched.data == {"b": "2", "c": "3"}

    listed = core.list_namespaced_config_map(ns, label_selector="app=compat")
    assert [i.metadata.name for i in listed.items] == ["crud"]

    core.delete_namespaced_config_map("crud", ns)
    with pytest.raises(ApiException) as err:
        core.read_namespaced_config_map("crud", ns)
    assert err.value.status == 404
    body = status_of(err.value)
    assert body["kind"] == "Status" and body["reason"] == "NotFound"
    assert body["details"] == {"name": "crud", "kind": "configmaps"}


def test_create_twice_is_already_exists(core, ns):
    core.create_namespaced_config_map(ns, {"metadata": {"name": "twice"}})
    with pytest.raises(ApiException) as err:
        core.create_namespaced_config_map(ns, {"metadata": {"name": "twice"}})
    assert err.value.status == 409
    assert status_of(err.value)["reason"] == "AlreadyExists"


def test_stale_update_is_409_conflict(core, ns):
    core.create_namespaced_config_map(ns, {"metadata": {"name": "contended"}, "data": {"v": "0"}})
    first = core.read_namespaced_config_map("contended", ns)
    second = core.read_namespaced_config_map("contended", ns)
    first.data = {"v": "1"}
    core.replace_namespaced_config_map("contended", ns, first)
    second.data = {"v": "2"}
    with pytest.raises(ApiException) as err:
        core.replace_namespaced_config_map("contended", ns, second)
    assert err.value.status == 409
    body = status_of(err.value)
    assert body["reason"] == "Conflict"
    assert "the object has been modified" in body["message"]
    assert core.read_namespaced_config_map("contended", ns).data == {"v": "1"}


def test_invalid_name_and_label_value_are_422(core, ns):
    with pytest.raises(ApiException) as err:
        core.create_namespaced_config_map(ns, {"metadata": {"name": "Not_A_DNS_Name"}})
    assert err.value.status == 422
    body = status_of(err.value)
    assert body["reason"] == "Invalid"
    assert any(c.get("field") == "metadata.name" for c in body["details"]["causes"])
    with pytest.raises(ApiException) as err:
        core.create_namespaced_config_map(ns, {"metadata": {"name": "ok", "labels": {"app": "not a label value!"}}})
    assert err.value.status == 422
    assert any(c.get("field", "").startswith("metadata.labels") for c in status_of(err.value)["details"]["causes"])


def test_pagination_with_limit_and_continue(core, ns):
    total = 23
    for i in range(total):
        core.create_namespaced_config_map(ns, {"metadata": {"name": f"page-{i:02d}", "labels": {"paged": "yes"}}})
    seen: list[str] = []
    token = None
    pages = 0
    while True:
        page = core.list_namespaced_config_map(ns, label_selector="paged=yes", limit=5, _continue=token)
        pages += 1
        assert len(page.items) <= 5
        seen += [i.metadata.name for i in page.items]
        token = page.metadata._continue
        if not token:
            assert not page.metadata.remaining_item_count
            break
        assert page.metadata.remaining_item_count == total - len(seen)
    assert pages == 5
    assert seen == sorted(seen) == [f"page-{i:02d}" for i in range(total)]


def test_pagination_is_a_consistent_snapshot(core, ns):
    total = 15
    for i in range(total):
        core.create_namespaced_config_map(ns, {"metadata": {"name": f"page-{i:02d}", "labels": {"paged": "yes"}}})
    # A page taken during changes stays consistent with the snapshot it started from.
    first = core.list_namespaced_config_map(ns, label_selector="paged=yes", limit=10)
    core.delete_namespaced_config_map("page-12", ns)
    core.create_namespaced_config_map(ns, {"metadata": {"name": "page-99", "labels": {"paged": "yes"}}})
    core.patch_namespaced_config_map("page-11", ns, {"data": {"changed": "later"}})
    core.patch_namespaced_config_map("page-13", ns, {"metadata": {"labels": {"paged": "no"}}})
    rest = core.list_namespaced_config_map(ns, label_selector="paged=yes", limit=100,
                                           _continue=first.metadata._continue)
    assert rest.metadata.resource_version == first.metadata.resource_version
    assert [i.metadata.name for i in rest.items] == [f"page-{i:02d}" for i in range(10, total)]
    # Objects changed after the first page still show as they were then.
    assert [i.data for i in rest.items if i.metadata.name == "page-11"] == [None]
    # A new list sees the changes.
    fresh = [i.metadata.name for i in core.list_namespaced_config_map(ns, label_selector="paged=yes").items]
    assert "page-99" in fresh and "page-12" not in fresh and "page-13" not in fresh


def test_watch_resumes_from_resource_version(core, ns):
    core.create_namespaced_config_map(ns, {"metadata": {"name": "w-a"}, "data": {"v": "1"}})
    mark = core.list_namespaced_config_map(ns).metadata.resource_version
    core.patch_namespaced_config_map("w-a", ns, {"data": {"v": "2"}})
    core.create_namespaced_config_map(ns, {"metadata": {"name": "w-b"}})
    core.delete_namespaced_config_map("w-a", ns)

    events = []
    w = watch.Watch()
    for event in w.stream(core.list_namespaced_config_map, ns, resource_version=mark, timeout_seconds=3,
                          _request_timeout=15):
        obj = event["object"]
        events.append((event["type"], obj.metadata.name, (obj.data or {}).get("v"), obj.metadata.resource_version))
        if len(events) == 3:
            w.stop()
    assert [e[:3] for e in events] == [("MODIFIED", "w-a", "2"), ("ADDED", "w-b", None), ("DELETED", "w-a", "2")]
    versions = [int(e[3]) for e in events]
    assert versions == sorted(versions) and versions[0] > int(mark)

    # Resuming from the middle replays only what came after.
    later = []
    w = watch.Watch()
    for event in w.stream(core.list_namespaced_config_map, ns, resource_version=events[0][3], timeout_seconds=2,
                          _request_timeout=15):
        later.append((event["type"], event["object"].metadata.name))
        if len(later) == 2:
            w.stop()
    assert later == [("ADDED", "w-b"), ("DELETED", "w-a")]


def test_watch_sees_live_changes_and_times_out(core, ns):
    rv = core.list_namespaced_config_map(ns).metadata.resource_version
    seen = []

    def watcher():
        for event in watch.Watch().stream(core.list_namespaced_config_map, ns, resource_version=rv,
                                          timeout_seconds=3, _request_timeout=20):
            seen.append((event["type"], event["object"].metadata.name))

    t = threading.Thread(target=watcher)
    t.start()
    core.create_namespaced_config_map(ns, {"metadata": {"name": "live"}})
    t.join(timeout=20)
    # timeoutSeconds=3 ends the stream: the thread returns on its own.
    assert not t.is_alive()
    assert ("ADDED", "live") in seen


# --- 410 Gone -----------------------------------------------------------------------


def history_flag() -> str:
    """The `astrolift dev` flag that bounds the watch history (`--watch-history`)."""
    helptext = subprocess.run([str(astrolift_binary()), "dev", "--help"], capture_output=True, text=True,
                              timeout=30).stdout
    m = re.search(r"(--[a-z-]*history[a-z-]*)", helptext)
    assert m, f"astrolift dev --help names no flag to shrink the watch history:\n{helptext}"
    return m.group(1)


def test_too_old_resource_version_is_410_gone(tmp_path):
    flag = history_flag()
    from conftest import start_dev_server, stop_dev_server_process
    from kubernetes import config

    srv = start_dev_server(tmp_path / "small-history", extra_args=[flag, "20"])
    try:
        api = client.CoreV1Api(config.new_client_from_config(config_file=str(srv.kubeconfig)))
        old = api.list_namespaced_config_map("default").metadata.resource_version
        for i in range(40):
            api.create_namespaced_config_map("default", {"metadata": {"name": f"churn-{i}"}})
        # A continue token from before the history window expires as the real server's do.
        first = api.list_namespaced_config_map("default", limit=5)
        assert first.metadata._continue
        for i in range(40):
            api.create_namespaced_config_map("default", {"metadata": {"name": f"more-churn-{i}"}})
        with pytest.raises(ApiException) as expired:
            api.list_namespaced_config_map("default", limit=5, _continue=first.metadata._continue)
        assert expired.value.status == 410
        assert "continue parameter is too old" in (expired.value.body or "")
        with pytest.raises(ApiException) as gone:
            events = list(watch.Watch().stream(api.list_namespaced_config_map, "default", resource_version=old,
                                               timeout_seconds=2, _request_timeout=10))
            pytest.fail(f"watch from a compacted resourceVersion gave {len(events)} events, not 410")
        assert gone.value.status == 410
        assert "too old resource version" in (gone.value.reason + (gone.value.body or ""))
    finally:
        stop_dev_server_process(srv.process)


# --- custom resources ---------------------------------------------------------------


def test_custom_object_crud(custom, ns, widget_crd):
    body = {"apiVersion": f"{WIDGET_GROUP}/{WIDGET_VERSION}", "kind": "Widget",
            "metadata": {"name": "cw", "labels": {"shape": "round"}}, "spec": {"size": 3, "color": "green"}}
    created = custom.create_namespaced_custom_object(WIDGET_GROUP, WIDGET_VERSION, ns, PLURAL, body)
    assert created["metadata"]["generation"] == 1 and created["metadata"]["uid"]

    got = custom.get_namespaced_custom_object(WIDGET_GROUP, WIDGET_VERSION, ns, PLURAL, "cw")
    assert got["spec"]["size"] == 3 and got["spec"]["color"] == "green"

    listed = custom.list_namespaced_custom_object(WIDGET_GROUP, WIDGET_VERSION, ns, PLURAL, label_selector="shape=round")
    assert listed["kind"] == "WidgetList" and [i["metadata"]["name"] for i in listed["items"]] == ["cw"]
    across = custom.list_cluster_custom_object(WIDGET_GROUP, WIDGET_VERSION, PLURAL, label_selector="shape=round")
    assert any(i["metadata"]["namespace"] == ns for i in across["items"])

    patched = custom.patch_namespaced_custom_object(WIDGET_GROUP, WIDGET_VERSION, ns, PLURAL, "cw",
                                                    {"spec": {"size": 5}})
    assert patched["spec"] == {**got["spec"], "size": 5}
    assert patched["metadata"]["generation"] == 2

    patched["spec"]["color"] = "blue"
    replaced = custom.replace_namespaced_custom_object(WIDGET_GROUP, WIDGET_VERSION, ns, PLURAL, "cw", patched)
    assert replaced["spec"]["color"] == "blue" and replaced["metadata"]["generation"] == 3

    stale = dict(patched)
    stale["spec"] = {**patched["spec"], "size": 9}
    with pytest.raises(ApiException) as err:
        custom.replace_namespaced_custom_object(WIDGET_GROUP, WIDGET_VERSION, ns, PLURAL, "cw", stale)
    assert err.value.status == 409

    custom.delete_namespaced_custom_object(WIDGET_GROUP, WIDGET_VERSION, ns, PLURAL, "cw")
    with pytest.raises(ApiException) as err:
        custom.get_namespaced_custom_object(WIDGET_GROUP, WIDGET_VERSION, ns, PLURAL, "cw")
    assert err.value.status == 404


def test_custom_object_status_subresource(custom, ns, widget_crd):
    custom.create_namespaced_custom_object(WIDGET_GROUP, WIDGET_VERSION, ns, PLURAL, {
        "apiVersion": f"{WIDGET_GROUP}/{WIDGET_VERSION}", "kind": "Widget", "metadata": {"name": "st"},
        "spec": {"size": 2}})
    # Status written through the main resource is ignored ...
    custom.patch_namespaced_custom_object(WIDGET_GROUP, WIDGET_VERSION, ns, PLURAL, "st",
                                          {"status": {"phase": "Sneaky"}})
    got = custom.get_namespaced_custom_object(WIDGET_GROUP, WIDGET_VERSION, ns, PLURAL, "st")
    assert "status" not in got or got["status"].get("phase") != "Sneaky"
    # ... and the status subresource writes status only, without a new generation.
    updated = custom.patch_namespaced_custom_object_status(WIDGET_GROUP, WIDGET_VERSION, ns, PLURAL, "st", {
        "status": {"phase": "Ready", "observedSize": 2}, "spec": {"size": 99}})
    assert updated["status"] == {"phase": "Ready", "observedSize": 2}
    assert updated["spec"]["size"] == 2
    assert updated["metadata"]["generation"] == 1


def test_custom_object_validation(custom, ns, widget_crd):
    with pytest.raises(ApiException) as err:
        custom.create_namespaced_custom_object(WIDGET_GROUP, WIDGET_VERSION, ns, PLURAL, {
            "apiVersion": f"{WIDGET_GROUP}/{WIDGET_VERSION}", "kind": "Widget", "metadata": {"name": "bad"},
            "spec": {"size": 0, "color": "pink"}})
    assert err.value.status == 422
    causes = {c["field"] for c in status_of(err.value)["details"]["causes"]}
    assert {"spec.size", "spec.color"} <= causes


def test_custom_object_defaulting(custom, ns, widget_crd):
    created = custom.create_namespaced_custom_object(WIDGET_GROUP, WIDGET_VERSION, ns, PLURAL, {
        "apiVersion": f"{WIDGET_GROUP}/{WIDGET_VERSION}", "kind": "Widget", "metadata": {"name": "defaulted"},
        "spec": {"size": 1}})
    assert created["spec"].get("mode") == "auto"


def test_custom_object_pruning(custom, ns, widget_crd):
    created = custom.create_namespaced_custom_object(WIDGET_GROUP, WIDGET_VERSION, ns, PLURAL, {
        "apiVersion": f"{WIDGET_GROUP}/{WIDGET_VERSION}", "kind": "Widget", "metadata": {"name": "pruned"},
        "spec": {"size": 1, "bogus": "dropped"}, "extra": {"x": 1}})
    assert "bogus" not in created["spec"] and "extra" not in created


def test_token_request(core, ns):
    wait_until(lambda: any(sa.metadata.name == "default" for sa in core.list_namespaced_service_account(ns).items),
               timeout=10, what="the default service account")
    try:
        resp = core.create_namespaced_service_account_token("default", ns, {
            "apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest",
            "spec": {"audiences": ["compat"], "expirationSeconds": 600}})
    except ApiException as e:
        pytest.fail(f"TokenRequest answered {e.status}: {e.body}")
    assert resp.status.token.count(".") == 2
    assert resp.status.expiration_timestamp is not None
    # The server's own TokenReview accepts what it signed, for the audience it was issued to.
    review = client.AuthenticationV1Api(core.api_client).create_token_review({
        "apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview",
        "spec": {"token": resp.status.token, "audiences": ["compat"]}})
    assert review.status.authenticated is True
    assert review.status.user.username == f"system:serviceaccount:{ns}:default"
    assert review.status.audiences == ["compat"]
    other = client.AuthenticationV1Api(core.api_client).create_token_review({
        "apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview",
        "spec": {"token": resp.status.token, "audiences": ["someone-else"]}})
    assert not other.status.authenticated
