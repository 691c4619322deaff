"""Control-plane benchmark (issue 3, item 9): an 8-thread Python HTTP client against
`astrolift dev` with persistence on (a data directory, not --in-memory).

Each thread has its own requests.Session (keep-alive, TLS verified against the
server's CA, bearer token). Phases:

  1. creates/s of small ConfigMaps for --seconds
  2. gets/s of those ConfigMaps (random names) for --seconds
  3. LIST of a namespace holding 10,000 ConfigMaps (wall time, median of --list-runs)
  4. creates/s with no watcher, then with 10 concurrent watchers of the namespace
     (each watcher must see every ADDED event)

and the server's RSS after start and after each phase. Not a test: it prints
figures (and --json FILE writes them) and fails only when the server errors.

    python bench.py [--bin PATH] [--seconds 10] [--threads 8] [--json out.json]
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import platform
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests
import yaml

REPO = Path(__file__).resolve().parents[3]


# --- the server -----------------------------------------------------------------------


class Server:
    def __init__(self, binary: Path, data_dir: Path):
        self.data_dir = data_dir
        self.log_path = data_dir.parent / "server.log"
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            [str(binary), "dev", "--port", "0", "--data-dir", str(data_dir), "--no-controller"],
            stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
        kubeconfig = data_dir / "kubeconfig"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"astrolift dev exited: {self.log_path.read_text(errors='replace')}")
            text = self.log_path.read_text(errors="replace")
            if re.search(r"control plane: https://", text) and kubeconfig.exists() and kubeconfig.stat().st_size:
                break
            time.sleep(0.1)
        else:
            self.stop()
            sys.exit("astrolift dev did not start")
        config = yaml.safe_load(kubeconfig.read_text())
        cluster = config["clusters"][0]["cluster"]
        self.url = cluster["server"]
        self.token = config["users"][0]["user"]["token"]
        self.ca = data_dir.parent / "ca.pem"
        self.ca.write_bytes(base64.b64decode(cluster["certificate-authority-data"]))
        s = self.session()
        while time.monotonic() < deadline:
            try:
                if s.get(f"{self.url}/readyz", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.1)
        self.stop()
        sys.exit("astrolift dev never became ready")

    def session(self) -> requests.Session:
        s = requests.Session()
        s.trust_env = False  # no proxies; REQUESTS_CA_BUNDLE must not replace the server's CA
        s.verify = str(self.ca)
        s.headers["Authorization"] = f"Bearer {self.token}"
        s.headers["Accept"] = "application/json"
        return s

    def rss_mib(self) -> float:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


# --- load -----------------------------------------------------------------------------


def configmap(name: str) -> dict:
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name, "labels": {"bench": "yes"}},
            "data": {"key": "value", "n": name}}


def create_namespace(server: Server, name: str) -> None:
    r = server.session().post(f"{server.url}/api/v1/namespaces",
                              json={"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}})
    if r.status_code not in (201, 409):
        sys.exit(f"creating namespace {name}: {r.status_code} {r.text}")


class Phase:
    """Runs `op(session, thread, i)` on N threads until `seconds` pass or `count` ops are done."""

    def __init__(self, server: Server, threads: int, op, seconds: float | None = None, count: int | None = None):
        self.server, self.threads, self.op, self.seconds, self.count = server, threads, op, seconds, count
        self.latencies: list[list[float]] = [[] for _ in range(threads)]
        self.errors: list[str] = []
        self.done = [0] * threads

    def run(self) -> dict:
        sessions = [self.server.session() for _ in range(self.threads)]
        for s in sessions:  # open the keep-alive connections before the clock starts
            s.get(f"{self.server.url}/readyz")
        barrier = threading.Barrier(self.threads + 1)
        stop_at = [0.0]
        def quota(t: int) -> int | None:
            if self.count is None:
                return None
            return self.count // self.threads + (1 if t < self.count % self.threads else 0)

        def worker(t: int):
            s = sessions[t]
            lat = self.latencies[t]
            per_thread = quota(t)
            barrier.wait()
            i = 0
            while True:
                if per_thread is not None and i >= per_thread:
                    break
                if self.seconds is not None and time.monotonic() >= stop_at[0]:
                    break
                started = time.monotonic()
                try:
                    ok = self.op(s, t, i)
                except requests.RequestException as e:
                    ok = f"{type(e).__name__}: {e}"
                lat.append(time.monotonic() - started)
                if ok is not True:
                    self.errors.append(str(ok))
                    if len(self.errors) > 20:
                        break
                i += 1
            self.done[t] = i

        workers = [threading.Thread(target=worker, args=(t,)) for t in range(self.threads)]
        for w in workers:
            w.start()
        started = time.monotonic()
        stop_at[0] = started + (self.seconds or 0)
        barrier.wait()
        for w in workers:
            w.join()
        elapsed = time.monotonic() - started
        lat = sorted(x for xs in self.latencies for x in xs)
        total = sum(self.done) - len(self.errors)
        if self.errors:
            print(f"  errors ({len(self.errors)}): {self.errors[:3]}", file=sys.stderr)
        return {
            "ops": total, "seconds": round(elapsed, 2), "per_second": round(total / elapsed, 1),
            "errors": len(self.errors),
            "p50_ms": round(1000 * lat[len(lat) // 2], 2) if lat else None,
            "p99_ms": round(1000 * lat[int(len(lat) * 0.99)], 2) if lat else None,
        }


def creates(server: Server, ns: str, prefix: str):
    url = f"{server.url}/api/v1/namespaces/{ns}/configmaps"

    def op(s, t, i):
        r = s.post(url, json=configmap(f"{prefix}-{t}-{i}"))
        return True if r.status_code == 201 else f"{r.status_code} {r.text[:200]}"

    return op


# --- watchers -------------------------------------------------------------------------


class Watcher(threading.Thread):
    def __init__(self, server: Server, ns: str, resource_version: str):
        super().__init__(daemon=True)
        self.server, self.ns, self.rv = server, ns, resource_version
        self.added = 0
        self.error: str | None = None
        self.ready = threading.Event()
        self.response = None

    def run(self):
        s = self.server.session()
        try:
            self.response = s.get(f"{self.server.url}/api/v1/namespaces/{self.ns}/configmaps",
                                  params={"watch": "true", "resourceVersion": self.rv, "timeoutSeconds": "120",
                                          "allowWatchBookmarks": "true"}, stream=True, timeout=(10, 150))
            if self.response.status_code != 200:
                self.error = f"{self.response.status_code} {self.response.text[:200]}"
                self.ready.set()
                return
            self.ready.set()
            for line in self.response.iter_lines(chunk_size=65536):
                if not line:
                    continue
                event = json.loads(line)
                if event["type"] == "ADDED":
                    self.added += 1
                elif event["type"] == "ERROR":
                    self.error = json.dumps(event["object"])[:200]
                    return
        except (requests.RequestException, AttributeError, ValueError) as e:
            if self.response is not None and getattr(self, "closing", False):
                return
            self.error = f"{type(e).__name__}: {e}"
            self.ready.set()

    def close(self):
        self.closing = True
        if self.response is not None:
            self.response.close()


# --- main -----------------------------------------------------------------------------


def machine() -> dict:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = next(int(l.split()[1]) for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal"))
    try:
        swift = subprocess.run(["swift", "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
        swift = swift.splitlines()[0] if swift else "unknown"
    except (OSError, subprocess.TimeoutExpired):
        swift = "unknown"
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gib": round(mem / 1024 / 1024, 1), "swift": swift,
            "python": platform.python_version(), "requests": requests.__version__,
            "loadavg_at_start": os.getloadavg()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.environ.get("ASTROLIFT_BIN", str(REPO / ".build/release/astrolift")))
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--list-objects", type=int, default=10_000)
    ap.add_argument("--list-runs", type=int, default=5)
    ap.add_argument("--watchers", type=int, default=10)
    ap.add_argument("--json", help="write the results here too")
    ap.add_argument("--keep", action="store_true", help="keep the data directory")
    args = ap.parse_args()

    binary = Path(args.bin).resolve()
    if not binary.exists():
        sys.exit(f"no astrolift binary at {binary} (swift build -c release --product astrolift, or --bin)")
    work = Path(tempfile.mkdtemp(prefix="cp-bench-"))
    results: dict = {"binary": str(binary), "machine": machine(), "threads": args.threads}
    # Run a private copy: a rebuild rewriting the binary must not kill the server mid-run,
    # and a name of its own keeps it out of reach of a broad `pkill -f astrolift` elsewhere.
    private = work / "bench-apiserver"
    shutil.copy2(binary, private)
    server = Server(private, work / "data")
    results["persistence"] = str(work / "data")
    say = lambda *a: print(*a, flush=True)  # noqa: E731
    try:
        results["rss_mib"] = {"start": round(server.rss_mib(), 1)}
        for ns in ("bench", "bench-list", "bench-w0", "bench-w1"):
            create_namespace(server, ns)

        say(f"creates: {args.threads} threads, {args.seconds:g}s ...")
        results["creates"] = Phase(server, args.threads, creates(server, "bench", "c"), seconds=args.seconds).run()
        say(f"  {results['creates']}")
        results["rss_mib"]["after_creates"] = round(server.rss_mib(), 1)

        listing = server.session().get(f"{server.url}/api/v1/namespaces/bench/configmaps").json()
        names = [i["metadata"]["name"] for i in listing["items"]]
        url = f"{server.url}/api/v1/namespaces/bench/configmaps/"

        def get(s, t, i):
            r = s.get(url + random.choice(names))
            return True if r.status_code == 200 else f"{r.status_code} {r.text[:200]}"

        say(f"gets of {len(names)} objects: {args.threads} threads, {args.seconds:g}s ...")
        results["gets"] = Phase(server, args.threads, get, seconds=args.seconds).run()
        say(f"  {results['gets']}")
        results["rss_mib"]["after_gets"] = round(server.rss_mib(), 1)

        say(f"filling bench-list with {args.list_objects} objects ...")
        fill = Phase(server, args.threads, creates(server, "bench-list", "l"), count=args.list_objects).run()
        s = server.session()
        times, size, count = [], 0, 0
        for _ in range(args.list_runs):
            started = time.monotonic()
            r = s.get(f"{server.url}/api/v1/namespaces/bench-list/configmaps")
            body = r.content
            items = len(json.loads(body)["items"])
            times.append(time.monotonic() - started)
            size, count = len(body), items
        results["list"] = {"objects": count, "bytes": size, "median_s": round(statistics.median(times), 3),
                           "min_s": round(min(times), 3), "fill_creates_per_second": fill["per_second"]}
        say(f"  {results['list']}")
        results["rss_mib"]["after_list_fill"] = round(server.rss_mib(), 1)

        say(f"creates without watchers ({args.seconds:g}s) ...")
        base = Phase(server, args.threads, creates(server, "bench-w0", "w"), seconds=args.seconds).run()
        say(f"  {base}")
        rv = s.get(f"{server.url}/api/v1/namespaces/bench-w1/configmaps").json()["metadata"]["resourceVersion"]
        watchers = [Watcher(server, "bench-w1", rv) for _ in range(args.watchers)]
        for w in watchers:
            w.start()
        for w in watchers:
            w.ready.wait(timeout=30)
        say(f"creates with {args.watchers} watchers ({args.seconds:g}s) ...")
        watched = Phase(server, args.threads, creates(server, "bench-w1", "w"), seconds=args.seconds).run()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and any(w.added < watched["ops"] and not w.error for w in watchers):
            time.sleep(0.1)
        delivered = [w.added for w in watchers]
        for w in watchers:
            w.close()
        results["watch"] = {
            "watchers": args.watchers, "creates_per_second_without": base["per_second"],
            "creates_per_second_with": watched["per_second"],
            "slowdown": round(base["per_second"] / watched["per_second"], 2) if watched["per_second"] else None,
            "p99_ms_without": base["p99_ms"], "p99_ms_with": watched["p99_ms"],
            "events_expected": watched["ops"], "events_delivered_min": min(delivered),
            "watch_errors": [w.error for w in watchers if w.error],
        }
        say(f"  {results['watch']}")
        results["rss_mib"]["end"] = round(server.rss_mib(), 1)
        results["objects_stored"] = (results["creates"]["ops"] + results["list"]["objects"] + base["ops"]
                                     + watched["ops"])
        results["db_mib"] = round(sum(f.stat().st_size for f in (work / "data").rglob("*") if f.is_file())
                                  / 1024 / 1024, 1)
        failed = (results["creates"]["errors"] or results["gets"]["errors"] or base["errors"] or watched["errors"]
                  or results["watch"]["watch_errors"] or results["watch"]["events_delivered_min"] < watched["ops"]
                  or results["list"]["objects"] < args.list_objects)
    finally:
        server.stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    say(json.dumps(results, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n")
    if failed:
        sys.exit("the server answered with errors (see above)")


if __name__ == "__main__":
    main()
