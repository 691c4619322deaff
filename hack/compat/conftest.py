"""Shared fixtures of the compatibility suite.

The suite drives `astrolift dev` with real clients only: the machine's kubectl, the
official Python `kubernetes` client and Helm v4 (through helm-sdkpy). Nothing here
imports Astrolift code.

One server runs for the whole session (`astrolift dev --in-memory --port 0
--no-controller`); each test works in a namespace of its own. test_astrolift.py starts
a second one with the Astrolift controller for its module. The binary comes from
ASTROLIFT_BIN (default .build/debug/astrolift in the repository).
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
TESTDATA = HERE / "testdata"


def gap(reason: str):
    """Marks a test of a feature the server lacks: it must fail by assertion (anything else,
    such as a connection error, is a real failure), and it turns into an XPASS failure once
    the feature works."""
    return pytest.mark.xfail(strict=True, raises=(AssertionError, pytest.fail.Exception), reason=reason)


def astrolift_binary() -> Path:
    raw = os.environ.get("ASTROLIFT_BIN", ".build/debug/astrolift")
    path = Path(raw)
    if not path.is_absolute():
        path = REPO / path
    return path


@dataclass
class DevServer:
    """A running `astrolift dev`."""

    process: subprocess.Popen
    data_dir: Path
    kubeconfig: Path
    url: str
    token: str
    ca_file: Path
    log_path: Path

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


def start_dev_server(data_dir: Path, extra_args: list[str] | None = None, in_memory: bool = True,
                     timeout: float = 60.0, controller: bool = False) -> DevServer:
    """Starts `astrolift dev` on a free port and waits until its kubeconfig exists and
    /readyz answers. Without `controller` it serves the API only (--no-controller)."""
    binary = astrolift_binary()
    if not binary.exists():
        pytest.exit(
            f"astrolift binary not found at {binary}: build it (swift build --product astrolift) "
            "or set ASTROLIFT_BIN", returncode=3)
    data_dir.mkdir(parents=True, exist_ok=True)
    # Run a private copy: a rebuild that rewrites the binary in place would kill the server,
    # and a name of its own keeps it out of reach of a broad `pkill -f astrolift` elsewhere.
    copy = data_dir.parent / "compat-apiserver"
    if not copy.exists():
        shutil.copy2(binary, copy)
    binary = copy
    kubeconfig = data_dir / "kubeconfig"
    log_path = data_dir.parent / f"{data_dir.name}.log"
    args = [str(binary), "dev", "--port", "0", "--data-dir", str(data_dir)]
    if not controller:
        args.append("--no-controller")
    if in_memory:
        args.append("--in-memory")
    args += extra_args or []
    log = open(log_path, "wb")
    process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                               start_new_session=True)
    deadline = time.monotonic() + timeout
    url = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"astrolift dev exited with {process.returncode}:\n"
                               + log_path.read_text(errors="replace"))
        text = log_path.read_text(errors="replace")
        m = re.search(r"control plane: (https://\S+)", text)
        if m and kubeconfig.exists() and kubeconfig.stat().st_size > 0:
            url = m.group(1)
            break
        time.sleep(0.1)
    if url is None:
        stop_dev_server_process(process)
        raise RuntimeError(f"astrolift dev did not come up within {timeout}s:\n"
                           + log_path.read_text(errors="replace"))
    config = yaml.safe_load(kubeconfig.read_text())
    cluster = config["clusters"][0]["cluster"]
    token = config["users"][0]["user"]["token"]
    ca_file = data_dir.parent / f"{data_dir.name}-ca.pem"
    ca_file.write_bytes(base64.b64decode(cluster["certificate-authority-data"]))
    server = DevServer(process, data_dir, kubeconfig, cluster["server"], token, ca_file, log_path)
    # Ready when /readyz says so (over TLS with the server's own CA).
    import requests
    session = requests.Session()
    session.trust_env = False
    while time.monotonic() < deadline:
        try:
            r = session.get(f"{server.url}/readyz", verify=str(ca_file),
                            headers={"Authorization": f"Bearer {token}"}, timeout=2)
            if r.status_code == 200:
                return server
        except requests.RequestException:
            pass
        time.sleep(0.1)
    stop_dev_server_process(process)
    raise RuntimeError("astrolift dev never answered /readyz:\n" + server.log_tail())


def stop_dev_server_process(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> DevServer:
    base = tmp_path_factory.mktemp("compat-server")
    srv = start_dev_server(base / "data")
    yield srv
    crashed = srv.process.poll()
    stop_dev_server_process(srv.process)
    if crashed is not None:
        # Not pytest.fail: a gap test's xfail would swallow it.
        raise RuntimeError(f"astrolift dev died during the session (exit {crashed}); log:\n{srv.log_tail(80)}")


# --- kubectl ------------------------------------------------------------------------


@dataclass
class Result:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str

    def describe(self) -> str:
        return (f"$ kubectl {' '.join(self.args)}\nexit {self.returncode}\n"
                f"--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}")


class Kubectl:
    """Runs the machine's kubectl against the session's server."""

    def __init__(self, server: DevServer, cache_dir: Path):
        self.server = server
        self.cache_dir = cache_dir
        self.env = dict(os.environ)
        self.env["KUBECONFIG"] = str(server.kubeconfig)
        # Keep the suite's discovery cache out of ~/.kube.
        self.env["KUBECACHEDIR"] = str(cache_dir)
        for var in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"):
            self.env.pop(var, None)
        # kubectl validates manifests against the server's OpenAPI; while the server has
        # none, commands that validate need --validate=false (test_create_validates_against_openapi
        # fails until it has). Once /openapi/v3 answers, validation is on everywhere.
        self.openapi = self._openapi_served()
        self.novalidate = [] if self.openapi else ["--validate=false"]

    def _openapi_served(self) -> bool:
        r = subprocess.run(self.base_args() + ["get", "--raw", "/openapi/v3"], capture_output=True, text=True,
                           timeout=60, env=self.env)
        return r.returncode == 0

    def base_args(self) -> list[str]:
        return ["kubectl", "--kubeconfig", str(self.server.kubeconfig), "--cache-dir", str(self.cache_dir)]

    def run(self, *args: str, input: str | None = None, timeout: float = 45, check: bool = False) -> Result:
        proc = subprocess.run(self.base_args() + list(args), input=input, capture_output=True, text=True,
                              timeout=timeout, env=self.env)
        result = Result(list(args), proc.returncode, proc.stdout, proc.stderr)
        if check and proc.returncode != 0:
            raise AssertionError("kubectl failed:\n" + result.describe())
        return result

    def ok(self, *args: str, input: str | None = None, timeout: float = 45) -> str:
        """Runs kubectl and returns its stdout; fails the test when kubectl fails."""
        return self.run(*args, input=input, timeout=timeout, check=True).stdout

    def json(self, *args: str) -> dict:
        return json.loads(self.ok(*args, "-o", "json"))

    def popen(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen(self.base_args() + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env=self.env, bufsize=1)


@pytest.fixture(scope="session")
def kubectl(server, tmp_path_factory) -> Kubectl:
    return Kubectl(server, tmp_path_factory.mktemp("kube-cache"))


# --- the Python client ---------------------------------------------------------------


@pytest.fixture(scope="session")
def api_client(server):
    from kubernetes import config

    return config.new_client_from_config(config_file=str(server.kubeconfig))


@pytest.fixture(scope="session")
def core(api_client):
    from kubernetes import client

    return client.CoreV1Api(api_client)


@pytest.fixture(scope="session")
def custom(api_client):
    from kubernetes import client

    return client.CustomObjectsApi(api_client)


def _dns_name(text: str) -> str:
    text = re.sub(r"[^a-z0-9-]+", "-", text.lower()).strip("-")
    return text[:40].strip("-")


def _namespace(core, label: str):
    name = f"{_dns_name(label)}-{uuid.uuid4().hex[:6]}"
    core.create_namespace({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}})
    yield name
    try:
        core.delete_namespace(name)
    except Exception:  # noqa: BLE001 - cleanup only
        pass


@pytest.fixture
def ns(core, request) -> str:
    """A namespace of the test's own (created with the Python client, i.e. JSON)."""
    yield from _namespace(core, request.node.originalname)


@pytest.fixture(scope="module")
def module_ns(core, request) -> str:
    """A namespace shared by one module's read-only tests."""
    yield from _namespace(core, request.module.__name__)


WIDGET_GROUP = "compat.astrolift.dev"
WIDGET_VERSION = "v1"


class Raw:
    """Plain HTTPS requests to the server (for checks no client library wraps)."""

    def __init__(self, server: DevServer):
        import requests

        self.server = server
        self.session = requests.Session()
        self.session.trust_env = False  # no proxies, and REQUESTS_CA_BUNDLE must not replace our CA
        self.session.verify = str(server.ca_file)
        self.session.headers["Authorization"] = f"Bearer {server.token}"

    def request(self, method: str, path: str, **kwargs):
        kwargs.setdefault("timeout", 30)
        return self.session.request(method, self.server.url + path, **kwargs)

    def get(self, path: str, **kwargs):
        return self.request("GET", path, **kwargs)

    # Setup and polling go straight to the server (fast); what a test is about goes
    # through the client under test.
    COLLECTIONS = {
        ("v1", "ConfigMap"): "/api/v1/namespaces/{ns}/configmaps",
        ("v1", "Service"): "/api/v1/namespaces/{ns}/services",
        ("v1", "Secret"): "/api/v1/namespaces/{ns}/secrets",
        ("apps/v1", "Deployment"): "/apis/apps/v1/namespaces/{ns}/deployments",
        ("compat.astrolift.dev/v1", "Widget"): "/apis/compat.astrolift.dev/v1/namespaces/{ns}/widgets",
    }

    def collection(self, ns: str, api_version: str, kind: str) -> str:
        return self.COLLECTIONS[(api_version, kind)].format(ns=ns)

    def create(self, ns: str, obj: dict) -> dict:
        r = self.request("POST", self.collection(ns, obj["apiVersion"], obj["kind"]), json=obj)
        assert r.status_code == 201, f"setup create failed: {r.status_code} {r.text}"
        return r.json()

    def read(self, ns: str, api_version: str, kind: str, name: str) -> dict | None:
        """The object, or None when it does not exist."""
        r = self.get(f"{self.collection(ns, api_version, kind)}/{name}")
        if r.status_code == 404:
            return None
        assert r.status_code == 200, f"read failed: {r.status_code} {r.text}"
        return r.json()


@pytest.fixture(scope="session")
def raw(server) -> Raw:
    return Raw(server)


@pytest.fixture(scope="session")
def widget_crd(api_client, raw):
    """Installs the Widget CRD (testdata/widget-crd.yaml) and waits until it is served."""
    from kubernetes import client

    ext = client.ApiextensionsV1Api(api_client)
    body = yaml.safe_load((TESTDATA / "widget-crd.yaml").read_text())
    ext.create_custom_resource_definition(body)
    wait_until(lambda: served(raw, f"/apis/{WIDGET_GROUP}/{WIDGET_VERSION}", "widgets"),
               timeout=15, what="widgets to be served")
    return body


def served(raw: Raw, path: str, resource: str) -> bool:
    r = raw.get(path)
    return r.status_code == 200 and any(x.get("name") == resource for x in r.json().get("resources", []))


def wait_until(predicate, timeout: float = 10, interval: float = 0.1, what: str = "condition"):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = predicate()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what} (last: {last!r})")


class LineReader:
    """Collects a subprocess's stdout lines on a thread (for `kubectl get --watch`)."""

    def __init__(self, process: subprocess.Popen):
        self.process = process
        self.lines: list[str] = []
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._pump, daemon=True)
        self.thread.start()

    def _pump(self):
        for line in self.process.stdout:
            with self.lock:
                self.lines.append(line.rstrip("\n"))

    def snapshot(self) -> list[str]:
        with self.lock:
            return list(self.lines)

    def wait_for(self, predicate, timeout: float = 15, what: str = "output") -> list[str]:
        return wait_until(lambda: predicate(self.snapshot()) and self.snapshot(), timeout=timeout, what=what)

    def stop(self) -> str:
        """Ends the process; returns its stderr."""
        if self.process.poll() is None:
            self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
        self.thread.join(timeout=5)
        return self.process.stderr.read() or ""
