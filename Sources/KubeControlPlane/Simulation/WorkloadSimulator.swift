import Foundation
import KubeCore
import Logging

/// Makes the cluster look alive, as kwok does for real clusters: workloads get
/// pods that become Running and Ready, controllers report status, claims bind,
/// services get cluster IPs, namespaces get a `default` ServiceAccount, jobs
/// complete. Level-based: every tick compares desired and observed state.
final class WorkloadSimulator: @unchecked Sendable {
    /// Tunables.
    struct Settings: Sendable {
        /// How long a new pod stays Pending before it is Running and Ready.
        var podStartDelay: Duration = .milliseconds(500)
        /// How long a job runs.
        var jobDuration: Duration = .seconds(1)
        var tick: Duration = .milliseconds(100)
    }

    private let store: ObjectStore
    private let registry: ResourceRegistry
    private let settings: Settings
    private let logger: Logger
    private var task: Task<Void, Never>?
    private var nextIP: UInt32 = 1
    /// The store revision the last pass followed the changes up to, and the earliest time a
    /// pending pod or job is due: a pass runs only when something changed or something is
    /// due, so an idle cluster of thousands of objects costs nothing per tick.
    private var lastRevision: Int64 = -1
    private var nextDue: Date = .distantFuture
    /// Per resource, the keys a pass must look at: objects that changed since the last pass
    /// or whose dependents did (a pod's change concerns its StatefulSet), from the watch
    /// history. A pass during a burst of writes then costs what changed, not what exists.
    private var dirty: [String: Set<String>] = [:]
    /// Per resource, the keys of objects whose dependents changed: always looked at, even
    /// when their own last change was this simulator's (see `ownWrites`).
    private var ownerDirty: [String: Set<String>] = [:]
    /// Per resource, the revision of this simulator's last write of an object when that
    /// write left it needing nothing (a pod set Running, a claim bound, a workload's status
    /// brought up to date): the change it makes is then not parsed and examined again.
    private var ownWrites: [String: [String: Int64]] = [:]
    /// Per resource, objects waiting for a time (a pod for its start delay), with the
    /// revision they were seen at: not parsed again before then unless they change.
    private var waitingUntil: [String: [String: (revision: Int64, until: Date)]] = [:]
    /// When the current pass started.
    private var passTime = Date()
    /// Per resource, the keys a pass looked at and did not settle (a pod waiting out its
    /// start delay, a workload it just wrote): the next pass looks at them again.
    private var pending: [String: Set<String>] = [:]
    /// Whether the next pass visits every object: the first one, and any after the watch
    /// history was compacted past the last pass (changes were missed).
    private var visitAll = true
    /// Workload template revisions by uid (see ``templateRevision(of:name:)``).
    private var templateRevisions: [String: (generation: Int64, revision: String)] = [:]

    init(store: ObjectStore, registry: ResourceRegistry, settings: Settings, logger: Logger) {
        self.store = store
        self.registry = registry
        self.settings = settings
        self.logger = logger
    }

    func start() {
        task = Task { [weak self] in
            while !Task.isCancelled {
                guard let self else { return }
                try? await Task.sleep(for: self.settings.tick)
                let now = Date()
                let revision = self.store.currentRevision
                guard revision != self.lastRevision || now >= self.nextDue else { continue }
                self.reconcile(now: now)
                // Writes made by this pass are seen by the next one, which then finds nothing to do.
                self.lastRevision = revision
            }
        }
    }

    func stop() { task?.cancel() }

    private func resource(_ gv: String, _ plural: String) -> ServedResource? {
        registry.lookup(groupVersion: gv, plural: plural)
    }

    /// Marks what changed since the last pass, and the owners of what changed, dirty.
    private func collectChanges() {
        guard !visitAll else {
            // Rebuilt as the pass visits every workload: entries of objects deleted since are dropped.
            templateRevisions = [:]
            ownWrites = [:]
            waitingUntil = [:]
            return
        }
        guard let changes = store.hub.changes(after: lastRevision) else {
            visitAll = true
            return
        }
        for change in changes {
            if change.type == .deleted {
                templateRevisions[change.object.uid] = nil
                ownWrites[change.resource]?[change.object.key] = nil
                waitingUntil[change.resource]?[change.object.key] = nil
            }
            dirty[change.resource, default: []].insert(change.object.key)
            for uid in Set(change.object.ownerUIDs + (change.previous?.ownerUIDs ?? [])) {
                if let owner = store.location(ofUID: uid) { ownerDirty[owner.resource, default: []].insert(owner.key) }
            }
            // A namespace whose default ServiceAccount went away gets it back.
            if change.type == .deleted, change.object.name == "default", let namespace = change.object.namespace,
                let sa = resource("v1", "serviceaccounts"), change.resource == sa.storageKey,
                let ns = resource("v1", "namespaces")
            {
                dirty[ns.storageKey, default: []].insert(ObjectKey.make(namespace: nil, name: namespace))
            }
        }
    }

    /// One pass over everything simulated that changed or waits.
    private func reconcile(now: Date) {
        nextDue = .distantFuture
        passTime = now
        collectChanges()
        defer {
            dirty = [:]
            ownerDirty = [:]
            visitAll = false
        }
        defaultServiceAccounts()
        services()
        claims()
        if let sts = resource("apps/v1", "statefulsets") { workloads(sts, now: now) }
        if let rs = resource("apps/v1", "replicasets") { workloads(rs, now: now) }
        deployments()
        jobs(now: now)
        pods(now: now)
    }

    // MARK: Helpers

    /// An object that may need work, parsed.
    private struct Candidate {
        var json: JSONValue
        var key: String
        /// The revision `json` was parsed at: a write decided from the same revision
        /// reuses it instead of parsing the object again.
        var revision: Int64
    }

    /// The objects of `r` a pass looks at: changed, or left pending by the last pass (or
    /// all of them on a pass that visits everything). Each stays pending until settled.
    private func candidates(_ r: ServedResource) -> [Candidate] {
        var out: [Candidate] = []
        var kept = Set<String>()
        if visitAll {
            for stored in store.unorderedObjects(r.storageKey) {
                if let json = try? stored.json() {
                    out.append(Candidate(json: json, key: stored.key, revision: stored.revision))
                }
            }
        } else {
            let waiting = (pending[r.storageKey] ?? []).union(ownerDirty[r.storageKey] ?? [])
            for key in waiting.union(dirty[r.storageKey] ?? []) {
                guard let stored = store.get(r.storageKey, key: key) else { continue }
                if let wait = waitingUntil[r.storageKey]?[key] {
                    if wait.revision == stored.revision && wait.until > passTime {
                        // Still waiting, unchanged: stays pending without a look.
                        nextDue = min(nextDue, wait.until)
                        kept.insert(key)
                        continue
                    }
                    waitingUntil[r.storageKey]?[key] = nil
                }
                if let own = ownWrites[r.storageKey]?[key] {
                    // Changed last by this simulator's own settling write: nothing to do.
                    if own == stored.revision && !waiting.contains(key) { continue }
                    ownWrites[r.storageKey]?[key] = nil
                }
                if let json = try? stored.json() {
                    out.append(Candidate(json: json, key: key, revision: stored.revision))
                }
            }
        }
        pending[r.storageKey] = kept.union(out.map(\.key))
        return out
    }

    /// Records that `candidate` needs nothing until it (or something it owns) changes.
    private func settle(_ r: ServedResource, _ candidate: Candidate) {
        pending[r.storageKey]?.remove(candidate.key)
    }

    /// Records that this simulator's write of `key` at `revision` left it needing nothing.
    private func settledByWrite(_ r: ServedResource, _ key: String, at revision: Int64?) {
        guard let revision else { return }
        pending[r.storageKey]?.remove(key)
        ownWrites[r.storageKey, default: [:]][key] = revision
    }

    private func create(_ r: ServedResource, _ object: JSONValue) {
        var o = object
        o["apiVersion"] = .string(r.apiVersion)
        o["kind"] = .string(r.kind)
        ObjectPreparation.prepareCreate(&o, r, now: .now())
        let key = ObjectKey.make(
            namespace: o[path: ["metadata", "namespace"]]?.stringValue,
            name: o[path: ["metadata", "name"]]?.stringValue ?? "")
        _ = try? store.create(r.storageKey, key: key, object: o)
    }

    /// Rewrites the status of an object if it differs (no write otherwise); returns the
    /// revision it wrote at.
    @discardableResult
    private func setStatus(_ r: ServedResource, _ candidate: Candidate, _ status: JSONValue) -> Int64? {
        let outcome = try? store.update(r.storageKey, key: candidate.key) { current in
            guard let current else { return .unchanged }
            var j = current.revision == candidate.revision ? candidate.json : try current.json()
            var merged = j["status"]?.objectValue ?? [:]
            for (k, v) in status.objectValue ?? [:] { merged[k] = v.isNull ? nil : v }
            if j["status"] == .object(merged) { return .unchanged }
            j["status"] = .object(merged)
            return .put(j)
        }
        guard let outcome, outcome.change != nil else { return nil }
        return outcome.object?.revision
    }

    private func ownerRef(_ r: ServedResource, _ owner: JSONValue) -> JSONValue {
        [
            "apiVersion": .string(r.apiVersion), "kind": .string(r.kind),
            "name": owner[path: ["metadata", "name"]] ?? "", "uid": owner[path: ["metadata", "uid"]] ?? "",
            "controller": true, "blockOwnerDeletion": true,
        ]
    }

    /// The objects of `r` whose owner references name `owner`, from the store's owner index.
    private func owned(of owner: JSONValue, _ r: ServedResource) -> [JSONValue] {
        guard let uid = owner[path: ["metadata", "uid"]]?.stringValue else { return [] }
        return store.dependents(ofOwner: uid).filter { $0.resource == r.storageKey }
            .compactMap { try? $0.object.json() }
    }

    private static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    // MARK: Kinds

    private func defaultServiceAccounts() {
        guard let ns = resource("v1", "namespaces"), let sa = resource("v1", "serviceaccounts") else { return }
        for candidate in candidates(ns) {
            settle(ns, candidate)
            let namespace = candidate.json
            guard namespace[path: ["metadata", "deletionTimestamp"]] == nil else { continue }
            let name = namespace[path: ["metadata", "name"]]?.stringValue ?? ""
            if store.get(sa.storageKey, key: ObjectKey.make(namespace: name, name: "default")) == nil {
                create(sa, ["metadata": ["name": "default", "namespace": .string(name)]])
            }
        }
    }

    private func services() {
        guard let svc = resource("v1", "services") else { return }
        for candidate in candidates(svc) {
            let s = candidate.json
            guard s[path: ["spec", "clusterIP"]] == nil, s[path: ["spec", "type"]]?.stringValue != "ExternalName" else {
                settle(svc, candidate)
                continue
            }
            let key = ObjectKey.make(
                namespace: s[path: ["metadata", "namespace"]]?.stringValue,
                name: s[path: ["metadata", "name"]]?.stringValue ?? "")
            // Services get their address when created (ServiceIPs); this covers ones stored without.
            let outcome = try? store.mutate(svc.storageKey, key: key) { current in
                guard var j = try current?.json(), j[path: ["spec", "clusterIP"]] == nil else { return .unchanged }
                ServiceIPs.allocate(&j)
                return .put(j)
            }
            settledByWrite(svc, candidate.key, at: outcome?.change != nil ? outcome?.object?.revision : nil)
        }
    }

    private func claims() {
        guard let pvc = resource("v1", "persistentvolumeclaims") else { return }
        for candidate in candidates(pvc) {
            let c = candidate.json
            guard c[path: ["status", "phase"]]?.stringValue != "Bound" else {
                settle(pvc, candidate)
                continue
            }
            let written = setStatus(
                pvc, candidate,
                [
                    "phase": "Bound", "accessModes": c[path: ["spec", "accessModes"]] ?? ["ReadWriteOnce"],
                    "capacity": ["storage": c[path: ["spec", "resources", "requests", "storage"]] ?? "1Gi"],
                ])
            settledByWrite(pvc, candidate.key, at: written)
        }
    }

    /// StatefulSets and ReplicaSets own pods directly.
    private func workloads(_ r: ServedResource, now: Date) {
        guard let podResource = resource("v1", "pods") else { return }
        for candidate in candidates(r) {
            let w = candidate.json
            guard w[path: ["metadata", "deletionTimestamp"]] == nil else {
                settle(r, candidate)
                continue
            }
            var changed = false
            let want = Int(w[path: ["spec", "replicas"]]?.intValue ?? 1)
            let name = w[path: ["metadata", "name"]]?.stringValue ?? ""
            let namespace = w[path: ["metadata", "namespace"]]?.stringValue ?? "default"
            var pods = owned(of: w, podResource).sorted {
                ($0[path: ["metadata", "name"]]?.stringValue ?? "")
                    < ($1[path: ["metadata", "name"]]?.stringValue ?? "")
            }
            let isStatefulSet = r.plural == "statefulsets"
            // As the StatefulSet controller's rolling update: a pod of an older template
            // revision is deleted and comes back (next pass) at the current one.
            let revision = templateRevision(of: w, name: name)
            if isStatefulSet {
                for p in pods
                where p[path: ["metadata", "labels", "controller-revision-hash"]]?.stringValue != revision {
                    let key = ObjectKey.make(
                        namespace: namespace, name: p[path: ["metadata", "name"]]?.stringValue ?? "")
                    _ = try? store.mutate(podResource.storageKey, key: key) { _ in .delete }
                    changed = true
                }
                pods.removeAll {
                    $0[path: ["metadata", "labels", "controller-revision-hash"]]?.stringValue != revision
                }
            }
            if pods.count < want {
                for i in 0..<want {
                    let podName =
                        isStatefulSet
                        ? "\(name)-\(i)"
                        : "\(name)-\(String((0..<5).map { _ in Self.alphabet.randomElement() ?? "x" }))"
                    if isStatefulSet, pods.contains(where: { $0[path: ["metadata", "name"]]?.stringValue == podName }) {
                        continue
                    }
                    if !isStatefulSet && pods.count >= want { break }
                    var labels = w[path: ["spec", "template", "metadata", "labels"]] ?? [:]
                    if isStatefulSet {
                        labels["controller-revision-hash"] = .string(revision)
                        labels["statefulset.kubernetes.io/pod-name"] = .string(podName)
                    }
                    var pod: JSONValue = [
                        "metadata": [
                            "name": .string(podName), "namespace": .string(namespace), "labels": labels,
                            "ownerReferences": [ownerRef(r, w)],
                        ],
                        "spec": w[path: ["spec", "template", "spec"]] ?? [:],
                    ]
                    if let annotations = w[path: ["spec", "template", "metadata", "annotations"]] {
                        pod[path: ["metadata", "annotations"]] = annotations
                    }
                    pod[path: ["spec", "nodeName"]] = "astrolift-dev-node"
                    create(podResource, pod)
                    pods.append(pod)
                    changed = true
                }
            } else if pods.count > want {
                let excess =
                    isStatefulSet ? Array(pods.suffix(pods.count - want)) : Array(pods.prefix(pods.count - want))
                for p in excess {
                    let key = ObjectKey.make(
                        namespace: namespace, name: p[path: ["metadata", "name"]]?.stringValue ?? "")
                    _ = try? store.mutate(podResource.storageKey, key: key) { _ in .delete }
                    changed = true
                }
            }
            let current = changed ? owned(of: w, podResource) : pods
            let ready = current.filter { Self.isReady($0) }.count
            var status: JSONValue = [
                "replicas": .int(Int64(current.count)), "readyReplicas": .int(Int64(ready)),
                "availableReplicas": .int(Int64(ready)), "currentReplicas": .int(Int64(current.count)),
                "updatedReplicas": .int(Int64(current.count)), "fullyLabeledReplicas": .int(Int64(current.count)),
                "observedGeneration": w[path: ["metadata", "generation"]] ?? 1,
            ]
            if isStatefulSet {
                status["currentRevision"] = .string(revision)
                status["updateRevision"] = .string(revision)
            }
            // A status written from pods it did not touch is final until they (or it) change;
            // after creating or deleting pods it looks again, as their changes arrive.
            let written = setStatus(r, candidate, status)
            if changed { continue }
            settle(r, candidate)
            settledByWrite(r, candidate.key, at: written)
        }
    }

    /// A workload's template revision (`name-hash`), the label its pods carry. Remembered
    /// per uid and generation: the template is in the spec, so it changes only with the
    /// generation, and serializing it on every pass of a busy workload is wasted work.
    private func templateRevision(of w: JSONValue, name: String) -> String {
        let uid = w[path: ["metadata", "uid"]]?.stringValue ?? ""
        let generation = w[path: ["metadata", "generation"]]?.intValue ?? 0
        if let known = templateRevisions[uid], known.generation == generation { return known.revision }
        let hash = UInt32(truncatingIfNeeded: (w[path: ["spec", "template"]] ?? [:]).jsonString.hashStable)
        let revision = "\(name)-" + String(hash, radix: 36)
        templateRevisions[uid] = (generation, revision)
        return revision
    }

    static func isReady(_ pod: JSONValue) -> Bool {
        (pod[path: ["status", "conditions"]]?.arrayValue ?? []).contains {
            $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "True"
        }
    }

    /// Deployments own one ReplicaSet per pod template; the newest gets the replicas.
    private func deployments() {
        guard let deploy = resource("apps/v1", "deployments"), let rsResource = resource("apps/v1", "replicasets")
        else { return }
        for candidate in candidates(deploy) {
            // Its ReplicaSets' changes, and its own writes, bring it back.
            settle(deploy, candidate)
            let d = candidate.json
            guard d[path: ["metadata", "deletionTimestamp"]] == nil else { continue }
            let template = d[path: ["spec", "template"]] ?? [:]
            let hash = String(UInt32(truncatingIfNeeded: template.jsonString.hashStable), radix: 36)
            let name = d[path: ["metadata", "name"]]?.stringValue ?? ""
            let namespace = d[path: ["metadata", "namespace"]]?.stringValue ?? "default"
            let want = d[path: ["spec", "replicas"]]?.intValue ?? 1
            let sets = owned(of: d, rsResource)
            let rsName = "\(name)-\(hash)"
            if !sets.contains(where: { $0[path: ["metadata", "name"]]?.stringValue == rsName }) {
                var labels = template[path: ["metadata", "labels"]]?.objectValue ?? [:]
                labels["pod-template-hash"] = .string(hash)
                var t = template
                t[path: ["metadata", "labels"]] = .object(labels)
                create(
                    rsResource,
                    [
                        "metadata": [
                            "name": .string(rsName), "namespace": .string(namespace), "labels": .object(labels),
                            "ownerReferences": [ownerRef(deploy, d)],
                        ],
                        "spec": [
                            "replicas": .int(want), "selector": d[path: ["spec", "selector"]] ?? [:], "template": t,
                        ],
                    ])
            }
            for rs in owned(of: d, rsResource) {
                let isCurrent = rs[path: ["metadata", "name"]]?.stringValue == rsName
                let replicas = isCurrent ? want : 0
                if rs[path: ["spec", "replicas"]]?.intValue != replicas {
                    let key = ObjectKey.make(
                        namespace: namespace, name: rs[path: ["metadata", "name"]]?.stringValue ?? "")
                    _ = try? store.mutate(rsResource.storageKey, key: key) { current in
                        guard var j = try current?.json() else { return .unchanged }
                        j[path: ["spec", "replicas"]] = .int(replicas)
                        return .put(j)
                    }
                }
            }
            let current = owned(of: d, rsResource)
            let ready = current.reduce(Int64(0)) { $0 + ($1[path: ["status", "readyReplicas"]]?.intValue ?? 0) }
            let total = current.reduce(Int64(0)) { $0 + ($1[path: ["status", "replicas"]]?.intValue ?? 0) }
            let updated =
                current.first { $0[path: ["metadata", "name"]]?.stringValue == rsName }?[path: ["status", "replicas"]]?
                .intValue ?? 0
            var conditions: [JSONValue] = []
            let stamp = JSONValue.string(Time.now().description)
            let available = ready >= want
            conditions.append([
                "type": "Available", "status": available ? "True" : "False",
                "reason": available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                "message": available
                    ? "Deployment has minimum availability." : "Deployment does not have minimum availability.",
                "lastUpdateTime": d[path: ["status", "conditions"]]?[0]?["lastUpdateTime"] ?? stamp,
                "lastTransitionTime": d[path: ["status", "conditions"]]?[0]?["lastTransitionTime"] ?? stamp,
            ])
            if d[path: ["status", "conditions"]]?[0]?["status"] != conditions[0]["status"] {
                conditions[0]["lastUpdateTime"] = stamp
                conditions[0]["lastTransitionTime"] = stamp
            }
            setStatus(
                deploy, candidate,
                [
                    "replicas": .int(total), "readyReplicas": .int(ready), "availableReplicas": .int(ready),
                    "updatedReplicas": .int(updated), "observedGeneration": d[path: ["metadata", "generation"]] ?? 1,
                    "conditions": .array(conditions),
                ])
        }
    }

    private func jobs(now: Date) {
        guard let job = resource("batch/v1", "jobs") else { return }
        for candidate in candidates(job) {
            let j = candidate.json
            guard j[path: ["status", "completionTime"]] == nil else {
                settle(job, candidate)
                continue
            }
            let created = RFC3339.parse(j[path: ["metadata", "creationTimestamp"]]?.stringValue ?? "") ?? now
            let elapsed = now.timeIntervalSince(created)
            let duration =
                Double(settings.jobDuration.components.seconds) + Double(settings.jobDuration.components.attoseconds)
                / 1e18
            if elapsed < duration {
                nextDue = min(nextDue, created.addingTimeInterval(duration))
                if j[path: ["status", "startTime"]] == nil {
                    setStatus(job, candidate, ["startTime": .string(Time(created).description), "active": 1])
                }
                continue
            }
            let stamp = JSONValue.string(Time(now).description)
            setStatus(
                job, candidate,
                [
                    "startTime": .string(Time(created).description), "completionTime": stamp, "active": nil,
                    "succeeded": .int(j[path: ["spec", "completions"]]?.intValue ?? 1),
                    "conditions": [
                        [
                            "type": "SuccessCriteriaMet", "status": "True", "lastProbeTime": stamp,
                            "lastTransitionTime": stamp,
                        ],
                        ["type": "Complete", "status": "True", "lastProbeTime": stamp, "lastTransitionTime": stamp],
                    ],
                ])
        }
    }

    /// Pods become Running and Ready once their start delay has passed.
    private func pods(now: Date) {
        guard let podResource = resource("v1", "pods") else { return }
        let delay =
            Double(settings.podStartDelay.components.seconds) + Double(settings.podStartDelay.components.attoseconds)
            / 1e18
        for candidate in candidates(podResource) {
            let p = candidate.json
            guard p[path: ["status", "phase"]]?.stringValue == "Pending" || p["status"] == nil,
                p[path: ["metadata", "deletionTimestamp"]] == nil
            else {
                settle(podResource, candidate)
                continue
            }
            let created = RFC3339.parse(p[path: ["metadata", "creationTimestamp"]]?.stringValue ?? "") ?? now
            guard now.timeIntervalSince(created) >= delay else {
                let due = created.addingTimeInterval(delay)
                nextDue = min(nextDue, due)
                waitingUntil[podResource.storageKey, default: [:]][candidate.key] = (candidate.revision, due)
                continue
            }
            let stamp = JSONValue.string(Time(now).description)
            let containers = (p[path: ["spec", "containers"]]?.arrayValue ?? []).map { c -> JSONValue in
                [
                    "name": c["name"] ?? "", "image": c["image"] ?? "", "ready": true, "started": true,
                    "restartCount": 0,
                    "state": ["running": ["startedAt": stamp]],
                ]
            }
            nextIP += 1
            let written = setStatus(
                podResource, candidate,
                [
                    "phase": "Running", "podIP": .string("10.244.\((nextIP >> 8) & 0xFF).\(nextIP & 0xFF)"),
                    "hostIP": "10.0.0.1", "startTime": stamp, "containerStatuses": .array(containers),
                    "conditions": [
                        ["type": "PodScheduled", "status": "True", "lastTransitionTime": stamp],
                        ["type": "Initialized", "status": "True", "lastTransitionTime": stamp],
                        ["type": "ContainersReady", "status": "True", "lastTransitionTime": stamp],
                        ["type": "Ready", "status": "True", "lastTransitionTime": stamp],
                    ],
                ])
            settledByWrite(podResource, candidate.key, at: written)
        }
    }
}

extension String {
    /// FNV-1a: a hash that is the same in every process (Swift's `hashValue` is seeded).
    var hashStable: UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in utf8 {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return h
    }
}
