import AstroliftAPI
import AstroliftKMS
import Foundation
import KubeClient
import KubeCore
import KubeModels
import KubeRuntime

/// Opens a KMSSecret's values through its key provider and maintains the Secret it
/// describes (`spec.target`), writing it only when its content changes and recording the
/// content hash that rolls the workbenches mounting it.
///
/// Any failure — the KMS unreachable, a value tampered with, sealed for another object or
/// with another key — is a condition and a Warning Event naming the field; the Secret
/// already there is left exactly as it is. Plaintext is held only while a reconcile runs:
/// the current Secret is read with a GET, never cached.
public struct KMSSecretReconciler: Reconciler {
    let client: KubeClient
    let caches: ControllerCaches
    let access: KeyProviderAccess
    let applier: ApplyDesired
    let events: EventRecorder
    let clock: any RuntimeClock
    let configuration: ControllerConfiguration

    /// On KMSSecrets with `creationPolicy: Merge`: our keys are removed from the Secret before it goes.
    public static let finalizer = "astrolift.dev/kmssecret-merge-cleanup"
    /// `spec.refreshInterval` when absent (the schema's default).
    static var defaultRefresh: Duration { .seconds(3600) }

    public init(
        client: KubeClient, caches: ControllerCaches, configuration: ControllerConfiguration, events: EventRecorder,
        clock: any RuntimeClock
    ) {
        self.client = client
        self.caches = caches
        self.access = KeyProviderAccess(client: client, configuration: configuration)
        self.applier = ApplyDesired(client: client, fieldManager: astroliftFieldManager)
        self.events = events
        self.clock = clock
        self.configuration = configuration
    }

    public func reconcile(_ key: ObjectKey, context: ReconcileContext) async throws -> ReconcileResult {
        guard let kmsSecret = caches.kmsSecrets.get(key) else { return .done }
        let namespace = key.namespace ?? ""
        if !configuration.watchNamespaces.isEmpty, !configuration.watchNamespaces.contains(namespace) { return .done }
        return try await reconcileUnlessGone(KMSSecret.self, key, client: client) {
            let merge = KMSSecretDesired.creationPolicy(of: kmsSecret) == .merge
            let hasFinalizer = Finalizers.contains(Self.finalizer, in: kmsSecret)
            if kmsSecret.metadata.deletionTimestamp != nil {
                // Owner: the garbage collector deletes the Secret; Orphan: it stays; Merge: our keys go.
                if hasFinalizer {
                    try await removeMergedKeys(of: kmsSecret)
                    _ = try await Finalizers.remove(Self.finalizer, from: kmsSecret, client: client)
                }
                return .done
            }
            // The finalizer exists only to undo a merge: it is there exactly when merging.
            if merge, !hasFinalizer {
                _ = try await Finalizers.add(Self.finalizer, to: kmsSecret, client: client)
                return .done
            }
            if !merge, hasFinalizer {
                _ = try await Finalizers.remove(Self.finalizer, from: kmsSecret, client: client)
                return .done
            }
            return try await converge(kmsSecret, context: context)
        }
    }

    /// A failure to report: the condition it sets False, its reason and message.
    struct Failure: Error {
        var condition: String
        var reason: String
        var message: String
        var retryable: Bool
        var providerReachable: Bool?
    }

    func converge(_ kmsSecret: KMSSecret, context: ReconcileContext) async throws -> ReconcileResult {
        let now = clock.wallNow
        let refresh = kmsSecret.spec.refreshInterval?.duration ?? Self.defaultRefresh
        var status = kmsSecret.status ?? KMSSecretStatus()
        status.secretName = KMSSecretDesired.secretName(of: kmsSecret)
        let outcome: Result<Synced, Failure>
        do {
            outcome = .success(try await sync(kmsSecret, context: context))
        } catch let failure as Failure {
            outcome = .failure(failure)
        }

        var conditions = status.conditions ?? []
        let generation = kmsSecret.metadata.generation
        func set(_ type: String, _ value: Bool, _ reason: String, _ message: String) {
            _ = conditions.set(
                type: type, status: value ? .true : .false, reason: reason, message: message,
                observedGeneration: generation, now: now)
        }
        let requeue: Duration?
        switch outcome {
        case .success(let synced):
            set("ProviderReachable", true, "KeyDescribed", "\(synced.provider) answered")
            set("Decrypted", true, "Opened", "every value opened (\(synced.keys.count) keys)")
            if synced.resealKeys.isEmpty {
                set("ResealRecommended", false, "CurrentKey", "every value is sealed under the current key version")
            } else {
                let message =
                    "spec.encryptedData \(synced.resealKeys.joined(separator: ", ")): sealed under key version \(synced.sealedVersions.joined(separator: ", ")), the key is now at \(synced.currentVersion); they still open. Re-seal: astrolift seal -n \(kmsSecret.metadata.namespace ?? "") --name \(kmsSecret.metadata.name ?? "") …"
                if conditions[type: "ResealRecommended"]?.status != .true {
                    events.record(
                        .normal, reason: "ResealRecommended", action: "Open", note: message, regarding: kmsSecret)
                }
                set("ResealRecommended", true, "OlderKeyVersion", message)
            }
            set("Ready", true, "Synced", "Secret \(synced.secretName) holds the opened values (\(synced.hash))")
            status.keyID = synced.keyIDs.joined(separator: ", ")
            status.keyVersion = synced.sealedVersions.joined(separator: ", ")
            status.contentHash = synced.hash
            if synced.wrote || status.lastSyncTime == nil
                || now.timeIntervalSince(status.lastSyncTime?.date ?? now) >= Double(refresh.components.seconds)
            {
                status.lastSyncTime = Time(now)
            }
            requeue = refresh > .zero ? refresh : nil
        case .failure(let failure):
            let kept =
                status.contentHash == nil
                ? "no Secret is written until every value opens"
                : "the existing Secret \(status.secretName ?? "") is kept as it is"
            let changedReady =
                conditions[type: "Ready"]?.reason != failure.reason || conditions[type: "Ready"]?.status != .false
                || conditions[type: "Ready"]?.message != "\(failure.message); \(kept)"
            if let reachable = failure.providerReachable {
                set(
                    "ProviderReachable", reachable, reachable ? "KeyDescribed" : failure.reason,
                    reachable ? "the provider answered" : failure.message)
            }
            if failure.condition == "Decrypted" { set("Decrypted", false, failure.reason, failure.message) }
            set("Ready", false, failure.reason, "\(failure.message); \(kept)")
            if changedReady || status.observedGeneration != generation {
                events.record(
                    .warning, reason: failure.reason, action: "Open", note: "\(failure.message); \(kept)",
                    regarding: kmsSecret)
            }
            requeue =
                failure.retryable
                ? RetryDelay.since(
                    conditions[type: "Ready"]?.lastTransitionTime.date, now: now,
                    limit: refresh > .zero ? min(refresh, .seconds(300)) : .seconds(300))
                : (refresh > .zero ? refresh : nil)
        }
        status.conditions = conditions
        status.observedGeneration = generation
        var updated = kmsSecret
        updated.status = status
        _ = try await applier.patchStatus(updated, current: kmsSecret)
        guard let requeue else { return .done }
        return .requeueAfter(requeue)
    }

    /// The opened values (plaintext: never logged) and what they were sealed under.
    struct Opened: Sendable {
        var values: [String: [UInt8]]
        var key: KeyDescription
        var keyIDs: [String]
        var versions: [String]
        var reseal: [String]
    }

    /// What a successful sync found and did.
    struct Synced {
        var provider: String
        var secretName: String
        var keys: [String]
        var keyIDs: [String]
        var sealedVersions: [String]
        var currentVersion: String
        var resealKeys: [String]
        var hash: String
        var wrote: Bool
    }

    /// Opens the values and brings the Secret up to date; throws ``Failure`` for anything to report.
    func sync(_ kmsSecret: KMSSecret, context: ReconcileContext) async throws -> Synced {
        let namespace = kmsSecret.metadata.namespace ?? ""
        let name = kmsSecret.metadata.name ?? ""
        let ref = kmsSecret.spec.providerRef
        let kind = ref.kind ?? .clusterKeyProvider
        let display = KeyProviderAccess.display(kind: kind, namespace: namespace, name: ref.name)
        let spec: KeyProviderSpec?
        switch kind {
        case .clusterKeyProvider: spec = caches.clusterKeyProviders.get(name: ref.name)?.spec
        case .keyProvider: spec = caches.keyProviders.get(name: ref.name, namespace: namespace)?.spec
        }
        guard let spec else {
            let list = kind == .clusterKeyProvider ? "clusterkeyproviders" : "keyproviders -n \(namespace)"
            throw Failure(
                condition: "Ready", reason: "ProviderNotFound",
                message:
                    "spec.providerRef: \(display) does not exist: create it, or name an existing one (kubectl get \(list))",
                retryable: false)
        }

        // Open every value; plaintext lives only in this scope.
        let opened: Opened
        do {
            opened = try await access.with(
                kind: kind, namespace: namespace, name: ref.name, spec: spec, logger: context.logger
            ) { kms in
                let current: KeyDescription
                do {
                    current = try await kms.describeKey()
                } catch {
                    let error = asKMSError(error)
                    throw Failure(
                        condition: "ProviderReachable", reason: error.kind.reason,
                        message: "\(display): \(error.message)", retryable: error.isRetryable,
                        providerReachable: false)
                }
                let cipher = EnvelopeCipher(kms: kms)
                var values: [String: [UInt8]] = [:]
                var keyIDs: [String] = []
                var versions: [String] = []
                var reseal: [String] = []
                var problems: [(field: String, error: KMSError)] = []
                for key in kmsSecret.spec.encryptedData.keys.sorted() {
                    do {
                        let value = try await cipher.open(
                            kmsSecret.spec.encryptedData[key] ?? "",
                            for: EnvelopeBinding(namespace: namespace, name: name, dataKey: key), current: current)
                        values[key] = value.plaintext
                        if !keyIDs.contains(value.keyID) { keyIDs.append(value.keyID) }
                        if !versions.contains(value.sealedKeyVersion) { versions.append(value.sealedKeyVersion) }
                        if value.resealRecommended { reseal.append(key) }
                    } catch {
                        let error = asKMSError(error)
                        problems.append((field: "spec.encryptedData.\(key)", error: error))
                        if error.isRetryable { break }
                    }
                }
                if let first = problems.first {
                    let fields = problems.map { $0.field }.joined(separator: ", ")
                    let reasons = Set(problems.map { $0.error.kind })
                    throw Failure(
                        condition: first.error.isRetryable ? "ProviderReachable" : "Decrypted",
                        reason: reasons.count == 1 ? first.error.kind.reason : "NotDecrypted",
                        message: problems.count == 1
                            ? "\(first.field): \(first.error.message)\(Self.fix(first.error.kind, kmsSecret, display))"
                            : "\(fields) do not open; \(first.field): \(first.error.message)\(Self.fix(first.error.kind, kmsSecret, display))",
                        retryable: first.error.isRetryable, providerReachable: !first.error.isRetryable)
                }
                return Opened(
                    values: values, key: current, keyIDs: keyIDs, versions: versions.sorted(), reseal: reseal)
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            let error = asKMSError(error)
            throw Failure(
                condition: "ProviderReachable", reason: error.kind.reason, message: "\(display): \(error.message)",
                retryable: error.isRetryable, providerReachable: false)
        }

        let data: [String: [UInt8]]
        do {
            data = try KMSSecretDesired.data(for: kmsSecret, values: opened.values)
        } catch {
            throw Failure(
                condition: "Ready", reason: "InvalidTemplate", message: error.description, retryable: false,
                providerReachable: true)
        }
        var desired = KMSSecretDesired.secret(for: kmsSecret, data: data)
        let policy = KMSSecretDesired.creationPolicy(of: kmsSecret)
        if policy == .owner { try OwnerReferences.setController(kmsSecret, on: &desired) }
        let secretName = desired.metadata.name ?? ""
        let hash = KMSSecretDesired.contentHash(data)
        let current = try await client.api(Secret.self, namespace: namespace).getIfExists(secretName)
        if let current, policy != .merge, !KMSSecretDesired.isMaintained(current, by: kmsSecret) {
            throw Failure(
                condition: "Ready", reason: "SecretConflict",
                message:
                    "spec.target.name: Secret \(namespace)/\(secretName) exists and is not maintained by this KMSSecret: choose another spec.target.name, delete that Secret, or set spec.target.creationPolicy: Merge to add these keys to it",
                retryable: false, providerReachable: true)
        }
        if current == nil, policy == .merge {
            throw Failure(
                condition: "Ready", reason: "SecretNotFound",
                message:
                    "spec.target.creationPolicy is Merge but Secret \(namespace)/\(secretName) does not exist: create it, or use creationPolicy Owner",
                retryable: false, providerReachable: true)
        }
        var wrote = false
        if current.map({ !KMSSecretDesired.matches($0, desired: desired) }) ?? true {
            _ = try await applier.apply(desired, current: nil)
            wrote = true
            let was = current?.metadata.annotations?[KMSSecretDesired.contentHashAnnotation]
            events.record(
                .normal, reason: current == nil ? "SecretCreated" : "SecretUpdated", action: "Sync",
                note: current == nil
                    ? "Created Secret \(secretName) with keys \(data.keys.sorted().joined(separator: ", ")) (\(hash))"
                    : "Updated Secret \(secretName) to \(hash) (was \(was ?? "not maintained")); workbenches mounting it roll",
                regarding: kmsSecret)
        }
        return Synced(
            provider: display, secretName: secretName, keys: data.keys.sorted(), keyIDs: opened.keyIDs,
            sealedVersions: opened.versions, currentVersion: opened.key.currentVersion, resealKeys: opened.reseal,
            hash: hash, wrote: wrote)
    }

    /// What to do about a value that does not open.
    static func fix(_ kind: KMSError.Kind, _ kmsSecret: KMSSecret, _ provider: String) -> String {
        let seal =
            "astrolift seal -n \(kmsSecret.metadata.namespace ?? "") --name \(kmsSecret.metadata.name ?? "") --provider \(kmsSecret.spec.providerRef.name)"
        switch kind {
        case .tampered: return "; the ciphertext was changed after sealing: seal the value again (\(seal))"
        case .boundElsewhere:
            return "; ciphertext cannot be copied between objects: seal the value for this one (\(seal))"
        case .wrongKey:
            return
                "; point spec.providerRef at the provider that sealed it, or seal the value again with \(provider) (\(seal))"
        case .malformedEnvelope: return ", for example: \(seal) --from-literal KEY=VALUE"
        case .unreachable: return "; retrying"
        case .unauthorized, .keyNotFound, .invalidConfiguration, .service:
            return
                "; check \(provider) (kubectl describe \(kmsSecret.spec.providerRef.kind?.rawValue.lowercased() ?? "clusterkeyprovider") \(kmsSecret.spec.providerRef.name))"
        }
    }

    /// Merge: removes the keys and annotations we set from the Secret, leaving the rest.
    func removeMergedKeys(of kmsSecret: KMSSecret) async throws {
        let namespace = kmsSecret.metadata.namespace ?? ""
        let name = KMSSecretDesired.secretName(of: kmsSecret)
        let api = client.api(Secret.self, namespace: namespace)
        guard let current = try await api.getIfExists(name),
            current.metadata.annotations?[KMSSecretDesired.ownerAnnotation] == kmsSecret.metadata.name
        else { return }
        var data: [String: JSONValue] = [:]
        for key in KMSSecretDesired.managedKeys(of: kmsSecret) where current.data?[key] != nil { data[key] = .null }
        let patch: JSONValue = [
            "data": .object(data),
            "metadata": [
                "annotations": [KMSSecretDesired.contentHashAnnotation: nil, KMSSecretDesired.ownerAnnotation: nil]
            ],
        ]
        _ = try await api.patch(name, .merge(patch))
        events.record(
            .normal, reason: "KeysRemoved", action: "Delete",
            note:
                "Removed keys \(data.keys.sorted().joined(separator: ", ")) from Secret \(name) (creationPolicy Merge)",
            regarding: kmsSecret)
    }
}
