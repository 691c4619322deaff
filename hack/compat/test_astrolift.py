"""Astrolift's own API against `astrolift dev` with its controller running, through the
machine's kubectl: `kubectl apply -k manifests/`, every sample in manifests/samples/
applied and reconciled, `kubectl explain`, `kubectl get astrolift -A` with the
printer columns, and invalid objects refused with the field they break.

The module starts a server of its own (`astrolift dev` without --no-controller), so the
Tenant sample really becomes namespace `demo` and the Workbench sample really reaches
Running with a URL (pods are simulated).
"""

from __future__ import annotations

import copy
import json
import re

import pytest
import yaml

from conftest import REPO, Kubectl, start_dev_server, stop_dev_server_process, wait_until

MANIFESTS = REPO / "manifests"
SAMPLES = MANIFESTS / "samples"
CLUSTER_SAMPLES = ["01-identityprovider.yaml", "02-clusterkeyprovider.yaml", "03-workbenchclass.yaml",
                   "04-tenant.yaml"]
NAMESPACED_SAMPLES = ["05-gatewaypolicy.yaml", "06-keyprovider.yaml", "07-kmssecret.yaml", "08-workbench.yaml"]
# What `astrolift dev` gives workbench URLs (its default --ingress-host-template, no TLS).
WORKBENCH_URL = "http://ada-lab-demo.workbenches.localhost/"


@pytest.fixture(scope="module")
def dev(tmp_path_factory):
    """`astrolift dev` with the controller, for this module only."""
    base = tmp_path_factory.mktemp("astrolift-dev")
    srv = start_dev_server(base / "data", controller=True)
    yield srv
    crashed = srv.process.poll()
    stop_dev_server_process(srv.process)
    if crashed is not None:
        raise RuntimeError(f"astrolift dev died during the module (exit {crashed}); log:\n{srv.log_tail(80)}")


@pytest.fixture(scope="module")
def kc(dev, tmp_path_factory) -> Kubectl:
    return Kubectl(dev, tmp_path_factory.mktemp("kube-cache-astrolift"))


def sample(name: str) -> dict:
    return yaml.safe_load((SAMPLES / name).read_text())


def apply(kc: Kubectl, obj: dict, *args: str):
    return kc.run("apply", *args, "-f", "-", input=yaml.safe_dump(obj))


def get_json(kc: Kubectl, *args: str) -> dict | None:
    """The object as JSON, or None while kubectl cannot find it."""
    r = kc.run("get", *args, "-o", "json")
    if r.returncode != 0:
        assert "NotFound" in r.stderr or "not found" in r.stderr, r.describe()
        return None
    return json.loads(r.stdout)


def condition(obj: dict | None, kind: str) -> str | None:
    for c in ((obj or {}).get("status") or {}).get("conditions") or []:
        if c.get("type") == kind:
            return c.get("status")
    return None


def tables(output: str) -> dict[str, tuple[list[str], list[dict[str, str]]]]:
    """kubectl's table output (one table per kind, separated by blank lines) as
    {kind: (headers, rows)}; cells are cut at the header's column positions, so empty
    cells and cells with spaces survive. The kind comes from the NAME cell's prefix
    (`workbench.astrolift.dev/ada-lab`), or "" when kubectl printed plain names."""
    out: dict[str, tuple[list[str], list[dict[str, str]]]] = {}
    for block in re.split(r"\n\s*\n", output.strip()):
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        header = lines[0]
        starts = [m.start() for m in re.finditer(r"\S+(?: \S+)*", header)]
        names: list[str] = []
        for m in re.finditer(r"\S+(?: \S+)*", header):  # a repeated header gets "#2", "#3", …
            seen = sum(1 for n in names if n.split("#")[0] == m.group(0))
            names.append(f"{m.group(0)}#{seen + 1}" if seen else m.group(0))
        rows = []
        for line in lines[1:]:
            cells = [line[s:e].strip() for s, e in zip(starts, starts[1:] + [len(line)])]
            rows.append(dict(zip(names, cells)))
        kind = rows[0]["NAME"].split("/")[0] if rows and "/" in rows[0]["NAME"] else ""
        out[kind] = (names, rows)
    return out


def not_stored(want, got, path: str) -> list[str]:
    """The paths of `want` whose values `got` lacks (objects may have more keys in `got`)."""
    if isinstance(want, dict) and isinstance(got, dict):
        return [p for k, v in want.items() for p in not_stored(v, got.get(k), f"{path}.{k}")]
    if isinstance(want, list) and isinstance(got, list) and len(want) == len(got):
        return [p for i, (w, g) in enumerate(zip(want, got)) for p in not_stored(w, g, f"{path}[{i}]")]
    return [] if want == got else [f"{path}: {want!r} stored as {got!r}"]


def one_line(text: str) -> str:
    return " ".join(text.split())


def crd_field(kind_file: str, *path: str) -> dict:
    """A field's schema from the CRD in manifests/crds/."""
    crd = yaml.safe_load((MANIFESTS / "crds" / kind_file).read_text())
    node = crd["spec"]["versions"][0]["schema"]["openAPIV3Schema"]
    for key in path:
        node = node["properties"][key]
    return node


# --- manifests/ -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def installed(kc):
    """`kubectl apply -k manifests/`, as docs/install.md says."""
    return kc.run("apply", "-k", str(MANIFESTS), timeout=90)


def test_apply_kustomize_manifests(kc, installed):
    assert installed.returncode == 0, installed.describe()
    applied = {line.split()[0] for line in installed.stdout.splitlines() if line.strip()}
    expected = {
        "namespace/astrolift-system", "serviceaccount/astrolift-controller", "deployment.apps/astrolift-controller",
        "service/astrolift-controller-metrics", "clusterrole.rbac.authorization.k8s.io/astrolift-controller",
        "clusterrolebinding.rbac.authorization.k8s.io/astrolift-controller",
        "role.rbac.authorization.k8s.io/astrolift-leader-election",
        "rolebinding.rbac.authorization.k8s.io/astrolift-leader-election",
        "customresourcedefinition.apiextensions.k8s.io/workbenches.astrolift.dev",
        "customresourcedefinition.apiextensions.k8s.io/tenants.astrolift.dev",
    } | {f"clusterrole.rbac.authorization.k8s.io/astrolift-tenant-{r}" for r in ("admin", "editor", "user", "viewer")}
    assert expected <= applied, f"missing from kubectl's report: {sorted(expected - applied)}\n{installed.stdout}"
    crds = kc.ok("get", "crd", "-o", "name").split()
    assert len([c for c in crds if c.endswith(".astrolift.dev")]) == 8, crds
    # The controller's Deployment rolls out (the pods are simulated).
    kc.ok("rollout", "status", "deployment/astrolift-controller", "-n", "astrolift-system", "--timeout=60s",
          timeout=70)
    deployment = get_json(kc, "deployment", "astrolift-controller", "-n", "astrolift-system")
    assert deployment["status"].get("readyReplicas") == deployment["spec"]["replicas"] == 2
    # Applying again changes nothing.
    again = kc.run("apply", "-k", str(MANIFESTS), timeout=90)
    assert again.returncode == 0, again.describe()
    assert all(line.endswith(" unchanged") for line in again.stdout.splitlines() if line.strip()), again.stdout


# --- the samples ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def samples(kc, installed):
    """The samples applied as docs/install.md says: the cluster-scoped ones and the
    Tenant, then (once the Tenant's namespace exists) the namespaced ones."""
    first = kc.run("apply", *[a for name in CLUSTER_SAMPLES for a in ("-f", str(SAMPLES / name))])
    assert first.returncode == 0, first.describe()
    wait_until(lambda: get_json(kc, "namespace", "demo") is not None, timeout=30,
               what="the Tenant's namespace demo")
    second = kc.run("apply", *[a for name in NAMESPACED_SAMPLES for a in ("-f", str(SAMPLES / name))])
    assert second.returncode == 0, second.describe()
    return first.stdout + second.stdout


def test_every_sample_is_accepted(kc, samples):
    created = sorted(line.split()[0] for line in samples.splitlines() if line.strip())
    assert created == sorted([
        "identityprovider.astrolift.dev/corp-sso", "clusterkeyprovider.astrolift.dev/local",
        "workbenchclass.astrolift.dev/jupyterlab", "tenant.astrolift.dev/demo",
        "gatewaypolicy.astrolift.dev/default", "keyprovider.astrolift.dev/demo-key",
        "kmssecret.astrolift.dev/demo-database", "workbench.astrolift.dev/ada-lab",
    ]), samples
    assert all(line.endswith(" created") for line in samples.splitlines() if line.strip()), samples
    # Everything each file says is stored (nothing pruned as unknown; defaults may add).
    for name in CLUSTER_SAMPLES + NAMESPACED_SAMPLES:
        want = sample(name)
        meta = want["metadata"]
        args = [want["kind"].lower() + ".astrolift.dev", meta["name"]] + (
            ["-n", meta["namespace"]] if "namespace" in meta else [])
        stored = get_json(kc, *args)
        assert stored is not None, name
        missing = not_stored(want["spec"], stored["spec"], "spec")
        assert not missing, f"{name}: {missing}"


def test_samples_are_reconciled(kc, samples):
    # kubectl wait is what a user would run; each has a controller in `astrolift dev`.
    kc.ok("wait", "--for=condition=Ready", "tenant/demo", "--timeout=60s", timeout=70)
    kc.ok("wait", "--for=condition=Ready", "workbenchclass/jupyterlab", "--timeout=60s", timeout=70)
    kc.ok("wait", "--for=condition=Valid", "gatewaypolicy/default", "-n", "demo", "--timeout=60s", timeout=70)
    kc.ok("wait", "--for=jsonpath={.status.phase}=Running", "workbench/ada-lab", "-n", "demo", "--timeout=60s",
          timeout=70)
    kc.ok("wait", "--for=condition=Ready", "workbench/ada-lab", "-n", "demo", "--timeout=60s", timeout=70)

    tenant = get_json(kc, "tenant", "demo")
    assert tenant["status"]["namespace"] == "demo"
    namespace = get_json(kc, "namespace", "demo")
    assert namespace["metadata"]["labels"]["astrolift.dev/tenant"] == "demo"
    assert namespace["metadata"]["labels"]["pod-security.kubernetes.io/enforce"] == "restricted"

    policy = get_json(kc, "gatewaypolicy", "default", "-n", "demo")
    rendered = get_json(kc, "configmap", "astrolift-policy-default", "-n", "demo")
    assert rendered is not None and "policy.json" in rendered["data"]
    assert policy["status"]["hash"]

    workbench = get_json(kc, "workbench", "ada-lab", "-n", "demo")
    status = workbench["status"]
    assert status["url"] == WORKBENCH_URL, status
    assert status["gatewayPolicyHash"] == policy["status"]["hash"]
    assert status["observedGeneration"] == workbench["metadata"]["generation"]
    # What it became: a running StatefulSet with its home volume, Service and Ingress.
    statefulset = get_json(kc, "statefulset", "ada-lab", "-n", "demo")
    assert statefulset["status"].get("readyReplicas") == 1
    assert get_json(kc, "pvc", "ada-lab-home", "-n", "demo") is not None
    ingress = get_json(kc, "ingress", "ada-lab", "-n", "demo")
    assert ingress["spec"]["rules"][0]["host"] == "ada-lab-demo.workbenches.localhost"
    pod = get_json(kc, "pod", "ada-lab-0", "-n", "demo")
    assert pod["status"]["phase"] == "Running"

    # Identity providers have no controller yet: the sample is stored.
    assert get_json(kc, "identityprovider", "corp-sso") is not None
    # KMS: the local key `astrolift dev` creates is reachable; the KeyProvider's own key
    # Secret does not exist yet; the placeholder value is refused naming the field.
    kc.ok("wait", "--for=condition=Ready", "clusterkeyprovider/local", "--timeout=60s", timeout=70)
    kc.ok("wait", "--for=condition=Ready=False", "keyprovider/demo-key", "-n", "demo", "--timeout=60s", timeout=70)
    kc.ok("wait", "--for=condition=Decrypted=False", "kmssecret/demo-database", "-n", "demo", "--timeout=60s",
          timeout=70)
    kms = get_json(kc, "kmssecret", "demo-database", "-n", "demo")
    decrypted = next(c for c in kms["status"]["conditions"] if c["type"] == "Decrypted")
    assert decrypted["reason"] == "MalformedEnvelope", decrypted
    assert "spec.encryptedData.password" in decrypted["message"], decrypted
    assert get_json(kc, "secret", "demo-database", "-n", "demo") is None


def test_get_astrolift_lists_the_samples_with_printer_columns(kc, samples):
    kc.ok("wait", "--for=jsonpath={.status.url}=" + WORKBENCH_URL, "workbench/ada-lab", "-n", "demo",
          "--timeout=60s", timeout=70)
    kc.ok("wait", "--for=jsonpath={.status.workbenches}=1", "tenant/demo", "--timeout=60s", timeout=70)
    kc.ok("wait", "--for=jsonpath={.status.workbenches}=1", "gatewaypolicy/default", "-n", "demo",
          "--timeout=60s", timeout=70)
    out = kc.ok("get", "astrolift", "-A")
    found = tables(out)
    # One table per kind; the priority-1 columns (REASON, HASH, PROFILE, …) only with -o wide.
    expected_headers = {
        "clusterkeyprovider.astrolift.dev": ["TYPE", "KEY", "VERSION", "READY", "LAST CHECK", "AGE"],
        "identityprovider.astrolift.dev": ["TYPE", "ISSUER", "READY", "LAST CHECK", "AGE"],
        "keyprovider.astrolift.dev": ["TYPE", "KEY", "VERSION", "READY", "LAST CHECK", "AGE"],
        "kmssecret.astrolift.dev": ["PROVIDER", "KEY", "READY", "LAST SYNC", "AGE"],
        "tenant.astrolift.dev": ["NAMESPACE#2", "WORKBENCHES", "READY", "AGE"],
        "workbenchclass.astrolift.dev": ["DISPLAY NAME", "CATEGORY", "WORKBENCHES", "READY", "AGE"],
        "gatewaypolicy.astrolift.dev": ["FAIL MODE", "PROVIDERS", "WORKBENCHES", "VALID", "READY", "AGE"],
        "workbench.astrolift.dev": ["OWNER", "CLASS", "PHASE", "READY", "URL", "AGE"],
    }
    assert sorted(found) == sorted(expected_headers), out
    for kind, columns in expected_headers.items():
        headers, rows = found[kind]
        assert headers[-len(columns):] == columns and "NAME" in headers, f"{kind}: {headers}\n{out}"
        assert len(rows) == 1, f"{kind}: {rows}"

    def row(kind: str) -> dict[str, str]:
        return found[kind][1][0]

    wb = row("workbench.astrolift.dev")
    assert found["workbench.astrolift.dev"][0][:2] == ["NAMESPACE", "NAME"]
    assert (wb["NAMESPACE"], wb["NAME"]) == ("demo", "workbench.astrolift.dev/ada-lab"), wb
    assert (wb["OWNER"], wb["CLASS"], wb["PHASE"], wb["READY"], wb["URL"]) == (
        "ada@example.com", "jupyterlab", "Running", "True", WORKBENCH_URL), wb

    tenant = row("tenant.astrolift.dev")
    assert (tenant["NAME"], tenant["NAMESPACE#2"], tenant["WORKBENCHES"], tenant["READY"]) == (
        "tenant.astrolift.dev/demo", "demo", "1", "True"), tenant

    cls = row("workbenchclass.astrolift.dev")
    assert (cls["DISPLAY NAME"], cls["CATEGORY"], cls["WORKBENCHES"], cls["READY"]) == (
        "JupyterLab (Python)", "Lab", "1", "True"), cls

    policy = row("gatewaypolicy.astrolift.dev")
    assert (policy["NAMESPACE"], policy["FAIL MODE"], policy["PROVIDERS"], policy["WORKBENCHES"], policy["VALID"],
            policy["READY"]) == ("demo", "Closed", "local-models", "1", "True", "True"), policy

    assert row("kmssecret.astrolift.dev")["PROVIDER"] == "local"
    assert row("identityprovider.astrolift.dev")["TYPE"] == "OIDC"
    assert row("clusterkeyprovider.astrolift.dev")["TYPE"] == "Local"

    # -o wide adds the priority-1 columns: the workbench's profile among them.
    wide = tables(kc.ok("get", "workbench", "-n", "demo", "-o", "wide"))[""]
    assert wide[0] == ["NAME", "OWNER", "CLASS", "PROFILE", "PHASE", "READY", "URL", "STOP REASON",
                       "LAST ACTIVITY", "AGE"], wide
    assert wide[1][0]["PROFILE"] == "small", wide


def test_gatewaypolicy_providers_column(kc, samples):
    """`.spec.providers[*].name`: Kubernetes prints the first match of a printer column's
    JSONPath (additionalPrinterColumns hold one value per cell)."""
    policy = sample("05-gatewaypolicy.yaml")
    policy["metadata"]["name"] = "two-providers"
    policy["spec"]["providers"].append({"name": "anthropic", "type": "Anthropic",
                                        "credentialsSecretRef": {"name": "anthropic", "key": "api-key"}})
    r = apply(kc, policy)
    assert r.returncode == 0, r.describe()
    headers, rows = tables(kc.ok("get", "gatewaypolicy", "-n", "demo"))[""]
    by_name = {row["NAME"]: row for row in rows}
    assert by_name["default"]["PROVIDERS"] == "local-models", rows
    assert by_name["two-providers"]["PROVIDERS"] == "local-models", rows
    kc.ok("delete", "gatewaypolicy", "two-providers", "-n", "demo")


# --- kubectl explain ---------------------------------------------------------------------


@pytest.mark.parametrize("field,kind,crd", [
    ("workbench.spec.idleTimeout", "Workbench", "astrolift.dev_workbenches.yaml"),
    ("workbench.spec.home.retainOnDelete", "Workbench", "astrolift.dev_workbenches.yaml"),
    ("tenant.spec.quota.runningWorkbenches", "Tenant", "astrolift.dev_tenants.yaml"),
])
def test_explain_prints_the_field_description(kc, field, kind, crd):
    out = kc.ok("explain", field)
    path = field.split(".")[1:]
    schema = crd_field(crd, *path)
    assert re.search(r"^GROUP:\s+astrolift\.dev$", out, re.M) and re.search(rf"^KIND:\s+{kind}$", out, re.M), out
    type_name = {"string": "string", "boolean": "boolean", "integer": "integer"}[schema["type"]]
    assert re.search(rf"^FIELD:\s+{re.escape(path[-1])} <{type_name}>", out, re.M), out
    description = schema["description"]
    assert len(description) > 30, description
    assert one_line(description) in one_line(out), f"{description!r} not in:\n{out}"


def test_explain_refuses_an_unknown_field(kc):
    r = kc.run("explain", "workbench.spec.idleTimeouts")
    assert r.returncode != 0 and 'field "idleTimeouts" does not exist' in r.stderr, r.describe()


# --- invalid objects ---------------------------------------------------------------------


def refused(kc: Kubectl, obj: dict) -> str:
    """Applies `obj` and returns kubectl's error; fails if the object was accepted."""
    r = apply(kc, obj)
    assert r.returncode != 0, f"accepted:\n{r.describe()}"
    return one_line(r.stderr)


def renamed(obj: dict, name: str) -> dict:
    obj = copy.deepcopy(obj)
    obj["metadata"]["name"] = name
    return obj


def test_bad_duration_is_refused(kc, samples):
    wb = renamed(sample("08-workbench.yaml"), "bad-duration")
    wb["spec"]["idleTimeout"] = "90 minutes"
    err = refused(kc, wb)
    assert 'The Workbench "bad-duration" is invalid' in err, err
    assert 'spec.idleTimeout: Invalid value: "90 minutes"' in err, err
    assert get_json(kc, "workbench", "bad-duration", "-n", "demo") is None


def test_missing_required_field_is_refused(kc, samples):
    wb = renamed(sample("08-workbench.yaml"), "no-owner")
    del wb["spec"]["owner"]
    err = refused(kc, wb)
    assert 'The Workbench "no-owner" is invalid' in err, err
    assert "spec.owner: Required value" in err, err


def test_unknown_enum_value_is_refused(kc, samples):
    policy = renamed(sample("05-gatewaypolicy.yaml"), "bad-enum")
    policy["spec"]["failMode"] = "Sometimes"
    err = refused(kc, policy)
    assert 'The GatewayPolicy "bad-enum" is invalid' in err, err
    assert 'spec.failMode: Unsupported value: "Sometimes"' in err, err
    assert '"Closed"' in err and '"Open"' in err, err


@pytest.mark.parametrize("field,value,message", [
    ("owner", "grace@example.com", "owner cannot be changed"),
    ("classRef", {"name": "vscode"}, "cannot be changed"),
])
def test_immutable_field_change_is_refused(kc, samples, field, value, message):
    kc.ok("wait", "--for=jsonpath={.status.phase}=Running", "workbench/ada-lab", "-n", "demo", "--timeout=60s",
          timeout=70)
    wb = sample("08-workbench.yaml")
    wb["spec"][field] = value
    err = refused(kc, wb)
    assert 'The Workbench "ada-lab" is invalid' in err, err
    assert f"spec.{field}: Invalid value" in err and message in err, err
    stored = get_json(kc, "workbench", "ada-lab", "-n", "demo")
    assert stored["spec"][field] == sample("08-workbench.yaml")["spec"][field]
