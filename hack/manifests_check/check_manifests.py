"""Checks of manifests/ and charts/astrolift that need no cluster.

- The chart lints (helm-sdkpy's Lint, real Helm v4) with its default values and with
  changed values.
- The chart installs, upgrades with changed values and uninstalls through helm-sdkpy
  against an in-memory fake API server (fake_apiserver.py); the rendered objects are
  checked (images rewritten by global.imageRegistry, optional objects present or not,
  RBAC identical to manifests/).
- Values that break values.schema.json are refused with a message naming the value.
- Every rendered object and every file in manifests/ passes `kubernetes-validate
  --strict` for the oldest and newest Kubernetes versions the chart supports.
- Every sample in manifests/samples/ matches its CRD's OpenAPI schema, and broken
  variants of them (bad duration, missing required field, unknown enum value, unknown
  field) do not.

Run through hack/test-manifests.sh, which prepares the virtualenv. Prints one line per
check and closes with "N passed, M failed".
"""

import asyncio
import copy
import glob
import json
import os
import shutil
import sys
import tempfile
import traceback

import yaml

# Helm keeps release records in memory (the fake API server speaks JSON only, and Helm
# writes release Secrets as protobuf). The Go runtime inside helm-sdkpy reads the
# environment when it loads, so the variable must be set before the process starts.
if os.environ.get("HELM_DRIVER") != "memory":
    os.execve(sys.executable, [sys.executable] + sys.argv, dict(os.environ, HELM_DRIVER="memory"))

import helm_sdkpy as helm  # noqa: E402
import jsonschema  # noqa: E402
import kubernetes_validate  # noqa: E402

import fake_apiserver  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CHART = os.path.join(ROOT, "charts", "astrolift")
MANIFESTS = os.path.join(ROOT, "manifests")
NAMESPACE = "astrolift-system"
KUBERNETES_VERSIONS = ["1.30.0", "1.37.0"]
DIGEST = "sha256:" + "ab" * 32

CHANGED_VALUES = {
    "global": {"imageRegistry": "registry.example.com:5000", "imagePullSecrets": [{"name": "site-pull"}]},
    "image": {"digest": DIGEST},
    "imagePullSecrets": [{"name": "astrolift-pull"}],
    "replicaCount": 3,
    "controller": {
        "watchNamespaces": ["team-a", "team-b"],
        "logLevel": "debug",
        "logFormat": "text",
        "ingress": {"hostTemplate": "{name}-{namespace}.wb.example.com", "className": "nginx"},
        "defaultStorageClass": "fast",
        "authProxyImage": {"repository": "astrolift/auth-proxy", "tag": "1.2.3"},
        "extraArgs": ["--max-idle-check=10s"],
    },
    "serviceAccount": {"annotations": {"eks.amazonaws.com/role-arn": "arn:aws:iam::111122223333:role/kms"}},
    "resources": {"requests": {"cpu": "200m", "memory": "256Mi"}, "limits": {"memory": "1Gi"}},
    "nodeSelector": {"pool": "system"},
    "tolerations": [{"key": "system", "operator": "Exists", "effect": "NoSchedule"}],
    "metrics": {"serviceMonitor": {"enabled": True, "labels": {"release": "prometheus"}}},
    "podDisruptionBudget": {"minAvailable": 2},
}

MINIMAL_VALUES = {
    "replicaCount": 1,
    "leaderElection": {"enabled": False},
    "metrics": {"enabled": False},
    "rbac": {"tenantRoles": False},
}

# Values that break values.schema.json, each with a fragment the refusal must contain.
BAD_VALUES = [
    ({"replicaCount": "two"}, "replicaCount"),
    ({"controller": {"logFormat": "xml"}}, "logFormat"),
    ({"image": {"digest": "latest"}}, "digest"),
    ({"replicas": 3}, "replicas"),
    ({"metrics": {"serviceMonitor": {"interval": "half a minute"}}}, "interval"),
]


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def run(self, name, fn, *args):
        try:
            fn(*args)
        except Exception as e:  # a failed check reports and the others still run
            self.failed += 1
            print(f"FAIL {name}: {e}")
            if os.environ.get("VERBOSE"):
                traceback.print_exc()
        else:
            self.passed += 1
            print(f"ok   {name}")


def load_yaml_documents(text):
    return [d for d in yaml.safe_load_all(text) if d]


def manifest_files():
    files = []
    for sub in ("crds", "controller", "rbac"):
        files += sorted(glob.glob(os.path.join(MANIFESTS, sub, "*.yaml")))
    return files


def kubeconfig_file(url):
    f = tempfile.NamedTemporaryFile("w", suffix=".kubeconfig", delete=False)
    f.write(fake_apiserver.kubeconfig(url, NAMESPACE))
    f.close()
    return f.name


class Release:
    """A fake cluster and a Helm configuration pointing at it."""

    def __init__(self):
        self.server, self.store, url = fake_apiserver.start()
        self.kubeconfig = kubeconfig_file(url)
        self.config = helm.Configuration(namespace=NAMESPACE, kubeconfig=self.kubeconfig)

    def install(self, values, name="astrolift"):
        return asyncio.run(helm.Install(self.config).run(name, CHART, values=values, wait=False, timeout=60))

    def upgrade(self, values, name="astrolift"):
        return asyncio.run(helm.Upgrade(self.config).run(name, CHART, values=values, wait=False, timeout=60))

    def uninstall(self, name="astrolift"):
        return asyncio.run(helm.Uninstall(self.config).run(name, wait=False, timeout=60))

    def close(self):
        self.server.shutdown()
        os.unlink(self.kubeconfig)


def render(values, label=None):
    """The objects a fresh install creates from the chart's templates (CRDs excluded).
    With RENDER_DIR set, the manifest is also written there as LABEL.yaml."""
    release = Release()
    try:
        result = release.install(values)
        manifest = result.get("manifest", "")
        if label and os.environ.get("RENDER_DIR"):
            with open(os.path.join(os.environ["RENDER_DIR"], f"chart-{label}.yaml"), "w") as f:
                f.write(manifest)
        return load_yaml_documents(manifest), release.store
    finally:
        release.close()


def by_kind(objects, kind):
    return [o for o in objects if o.get("kind") == kind]


def one(objects, kind):
    found = by_kind(objects, kind)
    assert len(found) == 1, f"expected one {kind}, found {len(found)}"
    return found[0]


def controller_container(objects):
    deployment = one(objects, "Deployment")
    return deployment["spec"]["template"]["spec"]["containers"][0]


def rules_of(role):
    """A role's permissions as a set of (group, resource, verb, name) tuples."""
    out = set()
    for rule in role.get("rules", []):
        for group in rule.get("apiGroups", []):
            for resource in rule.get("resources", []):
                for verb in rule.get("verbs", []):
                    for name in rule.get("resourceNames") or [""]:
                        out.add((group, resource, verb, name))
    return out


def manifests_objects():
    objects = []
    for path in manifest_files():
        with open(path) as f:
            objects += load_yaml_documents(f.read())
    return objects


def validate_strict(objects, label):
    """kubernetes-validate --strict on each object, for each supported version."""
    problems = []
    checked = 0
    for obj in objects:
        for version in KUBERNETES_VERSIONS:
            try:
                kubernetes_validate.validate(obj, version, strict=True)
                checked += 1
            except kubernetes_validate.SchemaNotFoundError:
                if obj.get("kind") != "ServiceMonitor":  # a third-party CRD, no schema bundled
                    problems.append(f"{obj['kind']}: no schema in Kubernetes {version}")
            except kubernetes_validate.ValidationError as e:
                path = ".".join(str(p) for p in e.path)
                problems.append(f"{obj['kind']}/{obj['metadata'].get('name')} ({version}) {path}: {e.message}")
    assert not problems, f"{label}: " + "; ".join(problems)
    assert checked > 0, f"{label}: nothing validated"


# --- checks -------------------------------------------------------------------


def check_lint_defaults():
    result = asyncio.run(helm.Lint(helm.Configuration(namespace=NAMESPACE)).run(CHART))
    errors = [m for m in result.get("Messages") or [] if m.get("Severity", 0) >= 3]  # 3 = error
    assert not result.get("Errors") and not errors, json.dumps(result)


def chart_copy_with_values(values):
    """A copy of the chart whose values.yaml is the defaults overlaid with `values`."""
    directory = tempfile.mkdtemp(prefix="astrolift-chart-")
    copy_path = os.path.join(directory, "astrolift")
    shutil.copytree(CHART, copy_path)
    with open(os.path.join(CHART, "values.yaml")) as f:
        merged = yaml.safe_load(f)

    def overlay(base, extra):
        for k, v in extra.items():
            if isinstance(v, dict) and isinstance(base.get(k), dict):
                overlay(base[k], v)
            else:
                base[k] = v

    overlay(merged, values)
    with open(os.path.join(copy_path, "values.yaml"), "w") as f:
        yaml.safe_dump(merged, f)
    return directory, copy_path


def check_lint_changed_values():
    directory, path = chart_copy_with_values(CHANGED_VALUES)
    try:
        result = asyncio.run(helm.Lint(helm.Configuration(namespace=NAMESPACE)).run(path))
        errors = [m for m in result.get("Messages") or [] if m.get("Severity", 0) >= 3]
        assert not result.get("Errors") and not errors, json.dumps(result)
    finally:
        shutil.rmtree(directory)


def check_lint_refuses_bad_values():
    values, fragment = BAD_VALUES[0]
    directory, path = chart_copy_with_values(values)
    try:
        try:
            result = asyncio.run(helm.Lint(helm.Configuration(namespace=NAMESPACE)).run(path))
        except helm.HelmError as e:
            assert fragment in str(e), str(e)
            return
        # helm-sdkpy reports lint errors without their text ({}); the text of the same
        # refusal is checked through install below.
        errors = [m for m in result.get("Messages") or [] if m.get("Severity", 0) >= 3]
        assert any(m.get("Path") == "values.yaml" for m in errors), json.dumps(result)
    finally:
        shutil.rmtree(directory)


def check_defaults_render():
    objects, store = render(None, "defaults")
    kinds = sorted(o["kind"] for o in objects)
    expected = sorted([
        "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Deployment", "Service",
        "PodDisruptionBudget", "ClusterRole", "ClusterRole", "ClusterRole", "ClusterRole",
    ])
    assert kinds == expected, kinds
    container = controller_container(objects)
    assert container["image"] == "ghcr.io/astrolift/astrolift:0.1.0", container["image"]
    args = container["args"]
    for arg in ["--leader-elect", "--health-probe-bind-address=:8081", "--metrics-bind-address=:8080",
                "--gateway-image=ghcr.io/astrolift/astrolift:0.1.0",
                "--auth-proxy-image=ghcr.io/astrolift/astrolift:0.1.0"]:
        assert arg in args, f"{arg} missing from {args}"
    assert one(objects, "Deployment")["spec"]["replicas"] == 2
    crds = store.objects_of("CustomResourceDefinition")
    assert len(crds) == 8, f"helm installed {len(crds)} CRDs from crds/"
    validate_strict(objects, "default render")


def check_changed_values_render():
    objects, _ = render(CHANGED_VALUES, "changed")
    container = controller_container(objects)
    registry = "registry.example.com:5000/"
    assert container["image"] == f"{registry}astrolift/astrolift@{DIGEST}", container["image"]
    args = container["args"]
    expected = [
        f"--gateway-image={registry}astrolift/astrolift@{DIGEST}",
        f"--auth-proxy-image={registry}astrolift/auth-proxy:1.2.3",
        "--image-pull-secrets=site-pull,astrolift-pull",
        "--watch-namespaces=team-a,team-b",
        "--ingress-host-template={name}-{namespace}.wb.example.com",
        "--ingress-class-name=nginx",
        "--default-storage-class=fast",
        "--log-format=text",
        "--log-level=debug",
        "--max-idle-check=10s",
    ]
    for arg in expected:
        assert arg in args, f"{arg} missing from {args}"
    pod = one(objects, "Deployment")["spec"]["template"]["spec"]
    assert [s["name"] for s in pod["imagePullSecrets"]] == ["site-pull", "astrolift-pull"]
    assert pod["nodeSelector"] == {"pool": "system"}
    assert one(objects, "Deployment")["spec"]["replicas"] == 3
    monitor = one(objects, "ServiceMonitor")
    assert monitor["metadata"]["labels"]["release"] == "prometheus"
    assert one(objects, "PodDisruptionBudget")["spec"]["minAvailable"] == 2
    for obj in objects:  # every image in the release goes through the site's registry
        for c in obj.get("spec", {}).get("template", {}).get("spec", {}).get("containers", []):
            assert c["image"].startswith(registry), c["image"]
    validate_strict(objects, "changed-values render")


def check_minimal_render():
    objects, _ = render(MINIMAL_VALUES, "minimal")
    kinds = sorted(o["kind"] for o in objects)
    assert kinds == sorted(["ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Deployment"]), kinds
    container = controller_container(objects)
    assert "--leader-elect" not in container["args"]
    assert "--metrics-bind-address=0" in container["args"]
    validate_strict(objects, "minimal render")


def check_rbac_matches_manifests():
    objects, _ = render(None)
    manifests = manifests_objects()
    chart_roles = {o["metadata"]["name"]: o for o in by_kind(objects, "ClusterRole")}
    manifest_roles = {o["metadata"]["name"]: o for o in by_kind(manifests, "ClusterRole")}
    assert rules_of(chart_roles["astrolift-controller"]) == rules_of(manifest_roles["astrolift-controller"])
    for role in ("admin", "editor", "user", "viewer"):
        name = f"astrolift-tenant-{role}"
        assert rules_of(chart_roles[name]) == rules_of(manifest_roles[name]), name
    assert rules_of(one(objects, "Role")) == rules_of(one(manifests, "Role"))
    for obj in by_kind(objects, "ClusterRole") + by_kind(objects, "Role"):
        assert not any("*" in "".join(r) for r in rules_of(obj)), f"wildcard in {obj['metadata']['name']}"


def check_install_upgrade_uninstall():
    release = Release()
    try:
        first = release.install(None)
        assert first.get("version") == 1, first
        deployment_key = ("apps/v1", "deployments", NAMESPACE, "astrolift-controller")
        assert release.store.objects[deployment_key]["spec"]["replicas"] == 2
        second = release.upgrade(CHANGED_VALUES)
        assert second.get("version") == 2, second
        assert release.store.objects[deployment_key]["spec"]["replicas"] == 3
        monitors = release.store.objects_of("ServiceMonitor")
        assert len(monitors) == 1, "the upgrade created the ServiceMonitor"
        release.uninstall()
        left = [o["kind"] for o in release.store.objects.values() if o.get("kind") != "CustomResourceDefinition"]
        assert not left, f"left after uninstall: {left}"
        assert len(release.store.objects_of("CustomResourceDefinition")) == 8, "CRDs are kept, as Helm does"
    finally:
        release.close()


def check_bad_values_refused(values, fragment):
    release = Release()
    try:
        try:
            release.install(values)
        except helm.HelmError as e:
            message = str(e)
            assert "schema" in message and fragment in message, message
            print(f"     refused as expected: {message.splitlines()[-1].strip()}")
            return
        raise AssertionError(f"values {values} were accepted")
    finally:
        release.close()


def check_manifests_validate():
    objects = manifests_objects()
    assert len(objects) >= 15, len(objects)
    validate_strict(objects, "manifests/")


def strict_schema(node):
    """A CRD schema as a JSON Schema that refuses unknown fields, as `kubectl apply
    --validate=strict` does (the API server would prune them)."""
    node = copy.deepcopy(node)
    if node.get("x-kubernetes-int-or-string"):
        node.pop("type", None)
    for key in [k for k in node if k.startswith("x-kubernetes-")]:
        del node[key]
    if node.get("nullable"):
        node["type"] = [node["type"], "null"]
        del node["nullable"]
    if "properties" in node:
        node["properties"] = {k: strict_schema(v) for k, v in node["properties"].items()}
        node.setdefault("additionalProperties", False)
    for key in ("items", "additionalProperties"):
        if isinstance(node.get(key), dict):
            node[key] = strict_schema(node[key])
    if "anyOf" in node:
        node["anyOf"] = [strict_schema(a) for a in node["anyOf"]]
    return node


def crd_schemas():
    schemas = {}
    for path in glob.glob(os.path.join(MANIFESTS, "crds", "*.yaml")):
        with open(path) as f:
            crd = yaml.safe_load(f)
        schema = crd["spec"]["versions"][0]["schema"]["openAPIV3Schema"]
        schemas[crd["spec"]["names"]["kind"]] = strict_schema(schema)
    return schemas


def schema_errors(obj, schemas):
    validator = jsonschema.Draft7Validator(schemas[obj["kind"]])
    return [f"{'.'.join(str(p) for p in e.path)}: {e.message}" for e in validator.iter_errors(obj)]


def samples():
    out = {}
    for path in sorted(glob.glob(os.path.join(MANIFESTS, "samples", "*.yaml"))):
        with open(path) as f:
            (obj,) = load_yaml_documents(f.read())
        out[obj["kind"]] = obj
    return out


def check_samples_match_crds():
    schemas = crd_schemas()
    found = samples()
    assert sorted(found) == sorted(schemas), f"samples for {sorted(found)}, CRDs for {sorted(schemas)}"
    for kind, obj in found.items():
        errors = schema_errors(obj, schemas)
        assert not errors, f"{kind}: {errors}"


def check_broken_samples_rejected():
    schemas = crd_schemas()
    found = samples()
    cases = [
        ("a bad duration", "Workbench", ["spec", "idleTimeout"], "90 minutes", "idleTimeout"),
        ("a missing required field", "Workbench", ["spec", "owner"], None, "owner"),
        ("an unknown enum value", "GatewayPolicy", ["spec", "failMode"], "Sometimes", "failMode"),
        ("an unknown field", "Tenant", ["spec", "quotas"], {"cpu": "1"}, "quotas"),
        ("a bad quantity", "Tenant", ["spec", "quota", "memory"], "lots", "memory"),
        ("an unpinned-looking image with a space", "WorkbenchClass", ["spec", "image"], "my image", "image"),
    ]
    for label, kind, path, value, fragment in cases:
        obj = copy.deepcopy(found[kind])
        parent = obj
        for key in path[:-1]:
            parent = parent.setdefault(key, {})
        if value is None:
            parent.pop(path[-1], None)
        else:
            parent[path[-1]] = value
        errors = schema_errors(obj, schemas)
        assert errors, f"{label} in {kind} was accepted"
        assert any(fragment in e for e in errors), f"{label}: {errors}"


def check_readme_documents_every_value():
    with open(os.path.join(CHART, "values.yaml")) as f:
        values = yaml.safe_load(f)
    with open(os.path.join(CHART, "README.md")) as f:
        readme = f.read()

    def leaves(node, prefix):
        if isinstance(node, dict) and node:
            for k, v in node.items():
                yield from leaves(v, f"{prefix}.{k}" if prefix else k)
        else:
            yield prefix

    missing = []
    for key in leaves(values, ""):
        parent, _, leaf = key.rpartition(".")
        grouped = f"`{parent}.{{" in readme and leaf in readme  # e.g. controller.gatewayImage.{registry,…}
        top = key.split(".")[0]
        if f"`{key}`" not in readme and not grouped and f"`{top}`" not in readme:
            missing.append(key)
    assert not missing, f"values not in the README's table: {missing}"


def main():
    checks = Checks()
    print(f"helm-sdkpy {helm.__version__} ({helm.get_version()}), kubernetes-validate {kubernetes_validate.__version__}")
    checks.run("chart lints with default values", check_lint_defaults)
    checks.run("chart lints with changed values", check_lint_changed_values)
    checks.run("lint refuses values that break values.schema.json", check_lint_refuses_bad_values)
    checks.run("default values render the expected objects and validate strictly", check_defaults_render)
    checks.run("changed values rewrite every image and validate strictly", check_changed_values_render)
    checks.run("minimal values drop optional objects and validate strictly", check_minimal_render)
    checks.run("chart RBAC equals manifests/ RBAC", check_rbac_matches_manifests)
    checks.run("install, upgrade with changed values, uninstall", check_install_upgrade_uninstall)
    for values, fragment in BAD_VALUES:
        checks.run(f"install refuses {json.dumps(values)}", check_bad_values_refused, values, fragment)
    checks.run("manifests/ validate strictly", check_manifests_validate)
    checks.run("the chart README documents every value", check_readme_documents_every_value)
    checks.run("every sample matches its CRD schema", check_samples_match_crds)
    checks.run("broken samples are rejected by the CRD schemas", check_broken_samples_rejected)
    print(f"{checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
