"""Controller benchmark (issue 6): Workbenches applied at once on `astrolift dev`.

`astrolift dev --no-controller` serves the API (persistence on, simulated pods that
start after 500 ms); `astrolift controller` runs as a separate process so its own
RSS and API requests can be read (from /proc and its /metrics). Phases:

  1. one WorkbenchClass, --tenants Tenants each with a GatewayPolicy, controller started
     and ready;
  2. --workbenches Workbenches created at once (8 client threads, spread over the
     tenants): wall time from the first create until a watch of Workbenches has seen
     every one Running; the controller's API requests (rest_client_requests_total by
     method), reconciles by controller and peak RSS; each process's CPU seconds, this
     script's own included (its creates and its watch share the two cores);
  3. the controller restarted over the converged cluster (a full resync): the writes
     it makes (goal 0) and its RSS;
  4. optional (--cached N): N suspended Workbenches in all (no pods), the controller
     restarted, RSS once every cache has synced and the queue drained.

Not a test: prints figures (and --json FILE writes them); fails only on errors.

    python bench.py [--bin PATH] [--tenants 10] [--workbenches 1000] [--cached 10000] [--json out.json]
                    [--max-concurrent-reconciles 4] [--keep-server]

BENCH_PERF="-F 499 -g" records a perf profile of the server and the controller during
phase 2 (the file is printed); --keep-server leaves `astrolift dev` running at the end,
with its kubeconfig printed, for measuring a controller by hand.
"""

from __future__ import annotations

import argparse
import base64
import concurrent.futures
import json
import os
import platform
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests
import yaml

GROUP = "/apis/astrolift.dev/v1alpha1"
CONCURRENCY = 4
DIGEST = "ab" * 32


def local_get(url: str):
    session = requests.Session()
    session.trust_env = False
    return session.get(url, timeout=30)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kib(pid: int, field: str = "VmRSS") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


class Server:
    def __init__(self, binary: Path, workdir: Path):
        self.data_dir = workdir / "data"
        self.log = open(workdir / "server.log", "wb")
        self.process = subprocess.Popen(
            [str(binary), "dev", "--port", "0", "--data-dir", str(self.data_dir), "--no-controller"],
            stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
        self.kubeconfig = self.data_dir / "kubeconfig"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit("astrolift dev exited: " + (workdir / "server.log").read_text(errors="replace"))
            if self.kubeconfig.exists() and self.kubeconfig.stat().st_size and "control plane: https://" in (
                    workdir / "server.log").read_text(errors="replace"):
                break
            time.sleep(0.1)
        else:
            sys.exit("astrolift dev did not start")
        config = yaml.safe_load(self.kubeconfig.read_text())
        cluster = config["clusters"][0]["cluster"]
        self.url = cluster["server"]
        self.token = config["users"][0]["user"]["token"]
        self.ca = workdir / "ca.pem"
        self.ca.write_bytes(base64.b64decode(cluster["certificate-authority-data"]))
        self.local = threading.local()

    def session(self) -> requests.Session:
        s = getattr(self.local, "session", None)
        if s is None:
            s = requests.Session()
            s.trust_env = False  # no proxies; REQUESTS_CA_BUNDLE must not replace the server's CA
            s.verify = str(self.ca)
            s.headers["Authorization"] = f"Bearer {self.token}"
            self.local.session = s
        return s

    def request(self, method: str, path: str, body=None, ok=(200, 201), parse=True):
        r = self.session().request(method, self.url + path, json=body, timeout=60)
        if r.status_code not in ok:
            raise RuntimeError(f"{method} {path}: {r.status_code} {r.text[:300]}")
        return r.json() if parse else None

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)


class Controller:
    def __init__(self, binary: Path, server: Server, workdir: Path, name: str):
        self.metrics_port = free_port()
        self.probe_port = free_port()
        self.log = open(workdir / f"{name}.log", "wb")
        self.process = subprocess.Popen(
            [str(binary), "controller", "--kubeconfig", str(server.kubeconfig), "--log-format", "json",
             "--log-level", "warning", f"--metrics-bind-address=127.0.0.1:{self.metrics_port}",
             f"--health-probe-bind-address=127.0.0.1:{self.probe_port}",
             "--ingress-host-template={name}-{namespace}.wb.bench", f"--max-concurrent-reconciles={CONCURRENCY}"],
            stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"astrolift controller exited; see {workdir / (name + '.log')}")
            try:
                if local_get(f"http://127.0.0.1:{self.probe_port}/readyz").status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.1)
        sys.exit("the controller did not become ready")

    def requests_by_method(self) -> dict[str, int]:
        text = local_get(f"http://127.0.0.1:{self.metrics_port}/metrics").text
        counts: dict[str, int] = {}
        for line in text.splitlines():
            if line.startswith("rest_client_requests_total{"):
                method = re.search(r'method="([A-Z]+)"', line).group(1)
                counts[method] = counts.get(method, 0) + int(float(line.rsplit(" ", 1)[1]))
        return counts

    def reconciles(self) -> dict[str, int]:
        """controller_runtime_reconcile_total summed over results, by controller."""
        text = local_get(f"http://127.0.0.1:{self.metrics_port}/metrics").text
        counts: dict[str, int] = {}
        for line in text.splitlines():
            if line.startswith("controller_runtime_reconcile_total{"):
                name = re.search(r'controller="([^"]+)"', line).group(1)
                counts[name] = counts.get(name, 0) + int(float(line.rsplit(" ", 1)[1]))
        return counts

    def queue_depth(self) -> int:
        text = local_get(f"http://127.0.0.1:{self.metrics_port}/metrics").text
        return sum(int(float(l.rsplit(" ", 1)[1])) for l in text.splitlines() if l.startswith("workqueue_depth{"))

    def rss(self) -> int:
        return rss_kib(self.process.pid)

    def peak_rss(self) -> int:
        return rss_kib(self.process.pid, "VmHWM")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=60)


def setup(server: Server, tenants: int):
    server.request("POST", f"{GROUP}/workbenchclasses", {
        "apiVersion": "astrolift.dev/v1alpha1", "kind": "WorkbenchClass", "metadata": {"name": "lab"},
        "spec": {"image": f"registry.example.com/lab@sha256:{DIGEST}", "port": 8888,
                 "profiles": [{"name": "small", "resources": {"requests": {"cpu": "100m", "memory": "256Mi"}}}],
                 "defaultProfile": "small"}})
    for t in range(tenants):
        server.request("POST", f"{GROUP}/tenants", {
            "apiVersion": "astrolift.dev/v1alpha1", "kind": "Tenant", "metadata": {"name": f"team-{t}"},
            "spec": {"roleBindings": [{"role": "User", "groups": [f"team-{t}"]}],
                     "quota": {"cpu": "1000", "memory": "4Ti"},
                     "defaults": {"gatewayPolicyRef": {"name": "default"}}}})


def create_policies(server: Server, tenants: int):
    for t in range(tenants):
        server.request("POST", f"{GROUP}/namespaces/team-{t}/gatewaypolicies", {
            "apiVersion": "astrolift.dev/v1alpha1", "kind": "GatewayPolicy",
            "metadata": {"name": "default", "namespace": f"team-{t}"},
            "spec": {"providers": [{"name": "local", "type": "OpenAICompatible",
                                    "endpoint": "http://vllm.models.svc:8000/v1"}]}})


def wait_for(predicate, timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    sys.exit(f"timed out waiting for {what}")


def create_workbenches(server: Server, names: list[tuple[str, str]], suspend: bool):
    def create(item):
        ns, name = item
        server.request("POST", f"{GROUP}/namespaces/{ns}/workbenches", {
            "apiVersion": "astrolift.dev/v1alpha1", "kind": "Workbench",
            "metadata": {"name": name, "namespace": ns},
            "spec": {"owner": f"{name}@example.com", "classRef": {"name": "lab"}, "suspend": suspend,
                     "idleTimeout": "0s"}}, parse=False)
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        list(pool.map(create, names))


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class RunningWatch:
    """Watches Workbenches from a resourceVersion and notes when each is first Running.

    A watch, like `kubectl wait`, rather than listing every Workbench in a loop: a
    list of 1,000 objects ten times a second would itself take a good part of the
    two cores the benchmark measures.
    """

    def __init__(self, server: Server, resource_version: str, expected: int):
        self.running: set[str] = set()
        self.expected = expected
        self.done = threading.Event()
        self.finished_at: float | None = None
        self.error: str | None = None
        self.thread = threading.Thread(target=self._run, args=(server, resource_version), daemon=True)
        self.thread.start()

    def _run(self, server: Server, resource_version: str):
        session = requests.Session()
        session.trust_env = False
        session.verify = str(server.ca)
        session.headers["Authorization"] = f"Bearer {server.token}"
        url = f"{server.url}{GROUP}/workbenches?watch=true&resourceVersion={resource_version}&timeoutSeconds=900"
        try:
            with session.get(url, stream=True, timeout=900) as r:
                for line in r.iter_lines():
                    # Only events of Running workbenches matter: the others are not parsed,
                    # so that the client's share of the two cores stays small.
                    if not line or b'"Running"' not in line:
                        continue
                    event = json.loads(line)
                    obj = event.get("object") or {}
                    if event.get("type") in ("ADDED", "MODIFIED") and (obj.get("status") or {}).get("phase") == "Running":
                        meta = obj["metadata"]
                        self.running.add(f"{meta['namespace']}/{meta['name']}")
                        if len(self.running) >= self.expected:
                            self.finished_at = time.monotonic()
                            self.done.set()
                            return
        except Exception as e:  # reported by wait()
            self.error = repr(e)
        self.done.set()

    def wait(self, timeout: float) -> float:
        if not self.done.wait(timeout) or self.finished_at is None:
            sys.exit(f"not every workbench became Running ({len(self.running)} of {self.expected}): {self.error}")
        return self.finished_at


def phases(server: Server) -> dict[str, int]:
    items = server.request("GET", f"{GROUP}/workbenches")["items"]
    counts: dict[str, int] = {}
    for wb in items:
        phase = (wb.get("status") or {}).get("phase", "-")
        counts[phase] = counts.get(phase, 0) + 1
    return counts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=os.environ.get("ASTROLIFT_BIN"))
    parser.add_argument("--tenants", type=int, default=10)
    parser.add_argument("--workbenches", type=int, default=1000)
    parser.add_argument("--cached", type=int, default=0)
    parser.add_argument("--json")
    parser.add_argument("--max-concurrent-reconciles", type=int, default=4)
    parser.add_argument("--keep-server", action="store_true",
                        help="leave `astrolift dev` running at the end (for profiling a controller by hand)")
    args = parser.parse_args()
    global CONCURRENCY
    CONCURRENCY = args.max_concurrent_reconciles
    binary = Path(args.bin)
    results: dict = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
                     "tenants": args.tenants, "workbenches": args.workbenches,
                     "max_concurrent_reconciles": args.max_concurrent_reconciles}
    workdir = Path(tempfile.mkdtemp(prefix="astrolift-bench-controller-"))
    server = Server(binary, workdir)
    controller = None
    try:
        setup(server, args.tenants)
        controller = Controller(binary, server, workdir, "controller-1")
        wait_for(lambda: all(
            server.request("GET", f"/api/v1/namespaces/team-{t}", ok=(200, 404)).get("kind") == "Namespace"
            for t in range(args.tenants)), 60, "tenant namespaces")
        create_policies(server, args.tenants)
        wait_for(lambda: all(
            "hash" in (server.request("GET", f"{GROUP}/namespaces/team-{t}/gatewaypolicies/default").get("status") or {})
            for t in range(args.tenants)), 60, "policies rendered")
        before = controller.requests_by_method()
        reconciles_before = controller.reconciles()
        names = [(f"team-{i % args.tenants}", f"wb-{i}") for i in range(args.workbenches)]
        rv = server.request("GET", f"{GROUP}/workbenches?limit=1")["metadata"]["resourceVersion"]
        watch = RunningWatch(server, rv, args.workbenches)
        cpu_before = (cpu_seconds(server.process.pid), cpu_seconds(controller.process.pid), time.process_time())
        profiler = None
        if os.environ.get("BENCH_PERF"):  # e.g. BENCH_PERF="-F 999 -g": a perf profile of both processes
            profiler = subprocess.Popen(
                ["perf", "record", *os.environ["BENCH_PERF"].split(), "-o", str(workdir / "perf.data"),
                 "-p", f"{server.process.pid},{controller.process.pid}"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(1)
        start = time.monotonic()
        create_workbenches(server, names, suspend=False)
        created = time.monotonic() - start
        elapsed = watch.wait(600) - start
        if profiler:
            profiler.send_signal(signal.SIGINT)
            profiler.wait(timeout=120)
            print(f"perf profile: {workdir / 'perf.data'}", flush=True)
        cpu_after = (cpu_seconds(server.process.pid), cpu_seconds(controller.process.pid), time.process_time())
        after = controller.requests_by_method()
        reconciles_after = controller.reconciles()
        made = {m: after.get(m, 0) - before.get(m, 0) for m in after if after.get(m, 0) - before.get(m, 0)}
        results["apply"] = {
            "creates_seconds": round(created, 2), "all_running_seconds": round(elapsed, 2),
            "controller_requests": made, "controller_requests_total": sum(made.values()),
            "reconciles": {k: v - reconciles_before.get(k, 0) for k, v in reconciles_after.items()
                           if v - reconciles_before.get(k, 0)},
            "server_cpu_seconds": round(cpu_after[0] - cpu_before[0], 1),
            "controller_cpu_seconds": round(cpu_after[1] - cpu_before[1], 1),
            # This script's own share (its creates and its watch), on the same two cores.
            "client_cpu_seconds": round(cpu_after[2] - cpu_before[2], 1),
            "controller_peak_rss_mib": round(controller.peak_rss() / 1024, 1)}
        print(json.dumps(results["apply"]), flush=True)
        time.sleep(2)
        controller.stop()

        controller = Controller(binary, server, workdir, "controller-2")
        wait_for(lambda: controller.queue_depth() == 0, 120, "the resync to drain")
        time.sleep(3)
        wait_for(lambda: controller.queue_depth() == 0, 120, "the resync to drain")
        counts = controller.requests_by_method()
        results["resync"] = {
            "writes": sum(v for m, v in counts.items() if m not in ("GET",)), "requests": counts,
            "controller_rss_mib": round(controller.rss() / 1024, 1)}
        print(json.dumps(results["resync"]), flush=True)

        if args.cached > args.workbenches:
            controller.stop()
            controller = None
            extra = [(f"team-{i % args.tenants}", f"idle-{i}") for i in range(args.cached - args.workbenches)]
            start = time.monotonic()
            create_workbenches(server, extra, suspend=True)
            controller = Controller(binary, server, workdir, "controller-3")
            wait_for(lambda: phases(server).get("Suspended", 0) == len(extra), 1800, "suspended workbenches reported",
                     interval=2)  # a list of 10,000 is not free: do not let polling load the machine
            wait_for(lambda: controller.queue_depth() == 0, 600, "the queue to drain")
            time.sleep(3)
            converged = round(time.monotonic() - start, 1)
            working_peak = round(controller.peak_rss() / 1024, 1)
            # A fresh process over the converged cluster: what holding 10,000 workbenches costs.
            controller.stop()
            controller = Controller(binary, server, workdir, "controller-4")
            wait_for(lambda: controller.queue_depth() == 0, 600, "the resync to drain")
            time.sleep(3)
            wait_for(lambda: controller.queue_depth() == 0, 600, "the resync to drain")
            counts = controller.requests_by_method()
            results["cached"] = {
                "workbenches": args.cached, "seconds_to_converge": converged,
                "peak_rss_mib_while_converging": working_peak,
                "controller_rss_mib_after_resync": round(controller.rss() / 1024, 1),
                "controller_peak_rss_mib_during_resync": round(controller.peak_rss() / 1024, 1),
                "resync_writes": sum(v for m, v in counts.items() if m != "GET"),
                "server_rss_mib": round(rss_kib(server.process.pid) / 1024, 1)}
            print(json.dumps(results["cached"]), flush=True)
    finally:
        if controller:
            controller.stop()
        if args.keep_server:
            print(f"server left running (pid {server.process.pid}); kubeconfig {server.kubeconfig}", flush=True)
        else:
            server.stop()
    print(json.dumps(results, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
