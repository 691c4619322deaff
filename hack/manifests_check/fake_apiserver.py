"""A minimal in-memory Kubernetes API server on loopback: enough for Helm (through
helm-sdkpy) to install, upgrade and uninstall a chart, recording every object, so that
the chart can be rendered and checked without a cluster.

It serves discovery for the kinds the chart uses, and create / get / list (with label
selectors) / replace / patch / delete on plain JSON. Patches of any type are applied as
JSON merge patches, which is exact for what Helm sends here. There is no validation,
no admission and no controller: CRDs are reported Established at once. It listens on
127.0.0.1 only. Helm must run with HELM_DRIVER=memory (release records stay in Helm).
"""

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# group/version -> [(plural, kind, namespaced)]
RESOURCES = {
    "v1": [
        ("namespaces", "Namespace", False),
        ("serviceaccounts", "ServiceAccount", True),
        ("secrets", "Secret", True),
        ("configmaps", "ConfigMap", True),
        ("services", "Service", True),
        ("pods", "Pod", True),
        ("events", "Event", True),
    ],
    "apps/v1": [("deployments", "Deployment", True)],
    "policy/v1": [("poddisruptionbudgets", "PodDisruptionBudget", True)],
    "rbac.authorization.k8s.io/v1": [
        ("clusterroles", "ClusterRole", False),
        ("clusterrolebindings", "ClusterRoleBinding", False),
        ("roles", "Role", True),
        ("rolebindings", "RoleBinding", True),
    ],
    "apiextensions.k8s.io/v1": [("customresourcedefinitions", "CustomResourceDefinition", False)],
    "coordination.k8s.io/v1": [("leases", "Lease", True)],
    "monitoring.coreos.com/v1": [("servicemonitors", "ServiceMonitor", True)],
}


class Store:
    def __init__(self):
        self.lock = threading.Lock()
        self.objects = {}  # (gv, plural, namespace, name) -> object
        self.version = 0
        self.log = []  # (method, path)

    def objects_of(self, kind):
        with self.lock:
            return [o for o in self.objects.values() if o.get("kind") == kind]

    def next_version(self):
        self.version += 1
        return str(self.version)


def discovery_resources(gv):
    return {
        "kind": "APIResourceList",
        "apiVersion": "v1",
        "groupVersion": gv,
        "resources": [
            {
                "name": plural,
                "singularName": kind.lower(),
                "namespaced": namespaced,
                "kind": kind,
                "verbs": ["create", "delete", "get", "list", "patch", "update", "watch"],
            }
            for plural, kind, namespaced in RESOURCES[gv]
        ],
    }


def merge_patch(target, patch):
    """RFC 7386 JSON merge patch."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if key.startswith("$"):  # strategic-merge directives ($patch, $setElementOrder/…)
            continue
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def make_handler(store):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def send_json(self, code, body):
            data = json.dumps(body).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def status(self, code, reason, message):
            self.send_json(
                code,
                {"kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": reason,
                 "message": message, "code": code},
            )

        def body(self):
            if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
                raw = b""
                while True:
                    size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                    if size == 0:
                        self.rfile.readline()  # the blank line after the last chunk
                        break
                    raw += self.rfile.read(size)
                    self.rfile.readline()  # CRLF after each chunk
            else:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
            try:
                return json.loads(raw) if raw else None
            except (UnicodeDecodeError, json.JSONDecodeError):
                return None  # protobuf or garbage: answered as an unknown resource

        def route(self):
            """Splits the path into (gv, namespace, plural, name, subresource) or a discovery answer."""
            url = urllib.parse.urlparse(self.path)
            parts = [p for p in url.path.split("/") if p]
            query = urllib.parse.parse_qs(url.query)
            if parts[:1] == ["api"]:
                gv, rest = ("v1", parts[2:]) if len(parts) > 1 else (None, [])
            elif parts[:1] == ["apis"]:
                gv, rest = ("/".join(parts[1:3]), parts[3:]) if len(parts) > 2 else (None, [])
            else:
                return None, None, None, None, None, query
            namespace = None
            if rest[:1] == ["namespaces"] and len(rest) >= 3:
                namespace, rest = rest[1], rest[2:]
            plural = rest[0] if rest else None
            name = rest[1] if len(rest) > 1 else None
            sub = rest[2] if len(rest) > 2 else None
            return gv, namespace, plural, name, sub, query

        def do_GET(self):
            path = urllib.parse.urlparse(self.path).path.rstrip("/")
            store.log.append(("GET", self.path))
            if path == "/version":
                return self.send_json(200, {"major": "1", "minor": "33", "gitVersion": "v1.33.0",
                                            "platform": "linux/amd64"})
            if path == "/api":
                return self.send_json(200, {"kind": "APIVersions", "versions": ["v1"],
                                            "serverAddressByClientCIDRs": [
                                                {"clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1"}]})
            if path == "/apis":
                groups = []
                for gv in RESOURCES:
                    if "/" not in gv:
                        continue
                    group, version = gv.split("/")
                    entry = {"groupVersion": gv, "version": version}
                    groups.append({"name": group, "versions": [entry], "preferredVersion": entry})
                return self.send_json(200, {"kind": "APIGroupList", "apiVersion": "v1", "groups": groups})
            gv, namespace, plural, name, sub, query = self.route()
            if gv in RESOURCES and plural is None:
                return self.send_json(200, discovery_resources(gv))
            if gv not in RESOURCES:
                return self.status(404, "NotFound", "the server could not find the requested resource")
            with store.lock:
                if name is None:
                    selector = query.get("labelSelector", [""])[0]
                    wanted = dict(kv.split("=", 1) for kv in selector.split(",") if "=" in kv)
                    items = [
                        o for (g, p, ns, _), o in store.objects.items()
                        if g == gv and p == plural and (namespace is None or ns == namespace)
                        and all(o.get("metadata", {}).get("labels", {}).get(k) == v for k, v in wanted.items())
                    ]
                    kind = next(k for p, k, _ in RESOURCES[gv] if p == plural)
                    return self.send_json(200, {"kind": kind + "List", "apiVersion": gv,
                                                "metadata": {"resourceVersion": str(store.version)},
                                                "items": items})
                obj = store.objects.get((gv, plural, namespace, name))
            if obj is None:
                return self.status(404, "NotFound", f'{plural} "{name}" not found')
            return self.send_json(200, obj)

        def do_POST(self):
            store.log.append(("POST", self.path))
            gv, namespace, plural, _, _, _ = self.route()
            obj = self.body()
            if gv not in RESOURCES or not isinstance(obj, dict):
                return self.status(404, "NotFound", "the server could not find the requested resource")
            meta = obj.setdefault("metadata", {})
            name = meta.get("name")
            with store.lock:
                key = (gv, plural, namespace, name)
                if key in store.objects:
                    return self.status(409, "AlreadyExists", f'{plural} "{name}" already exists')
                if namespace:
                    meta["namespace"] = namespace
                meta["uid"] = f"uid-{store.version + 1}"
                meta["resourceVersion"] = store.next_version()
                meta["creationTimestamp"] = "2026-01-01T00:00:00Z"
                if obj.get("kind") == "CustomResourceDefinition":
                    obj["status"] = {"conditions": [
                        {"type": "NamesAccepted", "status": "True", "reason": "NoConflicts"},
                        {"type": "Established", "status": "True", "reason": "InitialNamesAccepted"}],
                        "acceptedNames": obj["spec"]["names"]}
                store.objects[key] = obj
            self.send_json(201, obj)

        def do_PUT(self):
            store.log.append(("PUT", self.path))
            gv, namespace, plural, name, _, _ = self.route()
            obj = self.body()
            if not isinstance(obj, dict):
                return self.status(415, "UnsupportedMediaType", "only JSON bodies are understood")
            with store.lock:
                key = (gv, plural, namespace, name)
                if key not in store.objects:
                    return self.status(404, "NotFound", f'{plural} "{name}" not found')
                obj.setdefault("metadata", {})["resourceVersion"] = store.next_version()
                store.objects[key] = obj
            self.send_json(200, obj)

        def do_PATCH(self):
            store.log.append(("PATCH", self.path))
            gv, namespace, plural, name, _, _ = self.route()
            patch = self.body()
            with store.lock:
                key = (gv, plural, namespace, name)
                if key not in store.objects:
                    return self.status(404, "NotFound", f'{plural} "{name}" not found')
                obj = merge_patch(store.objects[key], patch)
                obj.setdefault("metadata", {})["resourceVersion"] = store.next_version()
                store.objects[key] = obj
            self.send_json(200, obj)

        def do_DELETE(self):
            store.log.append(("DELETE", self.path))
            self.body()  # DeleteOptions, if any: read so the connection stays in step
            gv, namespace, plural, name, _, _ = self.route()
            with store.lock:
                obj = store.objects.pop((gv, plural, namespace, name), None)
            if obj is None:
                return self.status(404, "NotFound", f'{plural} "{name}" not found')
            self.send_json(200, {"kind": "Status", "apiVersion": "v1", "status": "Success"})

    return Handler


def start():
    """Starts the server on a free loopback port; returns (server, store, url)."""
    store = Store()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(store))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, store, f"http://127.0.0.1:{server.server_address[1]}"


def kubeconfig(url, namespace="default"):
    return json.dumps({
        "apiVersion": "v1", "kind": "Config", "current-context": "fake",
        "clusters": [{"name": "fake", "cluster": {"server": url}}],
        "users": [{"name": "fake", "user": {"token": "fake"}}],
        "contexts": [{"name": "fake", "context": {"cluster": "fake", "user": "fake", "namespace": namespace}}],
    })
