import Foundation
import KubeCore

/// `Job`: Pods that run to completion, retried on failure.
public struct Job: KubernetesObject, Hashable, HasStatus {
    /// The schema version, `batch/v1`.
    public var apiVersion: String?
    /// The kind, `Job`.
    public var kind: String?
    /// Name, namespace, labels, annotations and the other metadata every object carries.
    public var metadata: ObjectMeta
    /// The Pods to run and when the Job is done.
    public var spec: JobSpec?
    /// Progress and conditions, written by the controller.
    public var status: JobStatus?

    /// Served at `batch/v1`, resource `jobs`, namespaced.
    public static let resource = ResourceDescriptor(
        group: "batch", version: "v1", kind: "Job", plural: "jobs", namespaced: true)

    /// An object with `apiVersion` and `kind` already set.
    public init(metadata: ObjectMeta = ObjectMeta(), spec: JobSpec? = nil, status: JobStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// Whether the Job has the `Complete` condition.
    public var isComplete: Bool { status?.conditions?.isTrue("Complete") ?? false }

    /// Whether the Job has the `Failed` condition.
    public var isFailed: Bool { status?.conditions?.isTrue("Failed") ?? false }
}

/// A list of ``Job`` objects, as returned by a list request.
public typealias JobList = ObjectList<Job>

/// The desired state of a Job.
public struct JobSpec: Codable, Sendable, Hashable {
    /// The Pod to run; its `restartPolicy` must be `Never` or `OnFailure`.
    public var template: PodTemplateSpec
    /// The most Pods running at once (default 1).
    public var parallelism: Int32?
    /// The number of successful Pods needed; absent means any one success.
    public var completions: Int32?
    /// `NonIndexed` (default) or `Indexed`.
    public var completionMode: String?
    /// Retries before the Job fails (default 6).
    public var backoffLimit: Int32?
    /// Retries per index, for `Indexed` Jobs.
    public var backoffLimitPerIndex: Int32?
    /// Failed indexes tolerated before the Job fails.
    public var maxFailedIndexes: Int32?
    /// Seconds the Job may run before it is failed.
    public var activeDeadlineSeconds: Int64?
    /// Seconds after finishing before the Job is deleted.
    public var ttlSecondsAfterFinished: Int32?
    /// Whether the Job is suspended (no Pods created).
    public var suspend: Bool?
    /// Selects the Pods; generated unless `manualSelector` is true.
    public var selector: LabelSelector?
    /// Whether `selector` is set by hand.
    public var manualSelector: Bool?
    /// Rules that fail the Job or ignore failures by exit code or condition, kept as raw JSON.
    public var podFailurePolicy: JSONValue?
    /// Rules that declare an `Indexed` Job succeeded early, kept as raw JSON.
    public var successPolicy: JSONValue?
    /// `TerminatingOrFailed` or `Failed`: when a replacement Pod is created.
    public var podReplacementPolicy: String?
    /// The controller that manages the Job, when not the built-in one.
    public var managedBy: String?

    public init(
        template: PodTemplateSpec, parallelism: Int32? = nil, completions: Int32? = nil,
        completionMode: String? = nil, backoffLimit: Int32? = nil, backoffLimitPerIndex: Int32? = nil,
        maxFailedIndexes: Int32? = nil, activeDeadlineSeconds: Int64? = nil, ttlSecondsAfterFinished: Int32? = nil,
        suspend: Bool? = nil, selector: LabelSelector? = nil, manualSelector: Bool? = nil,
        podFailurePolicy: JSONValue? = nil, successPolicy: JSONValue? = nil, podReplacementPolicy: String? = nil,
        managedBy: String? = nil
    ) {
        self.template = template
        self.parallelism = parallelism
        self.completions = completions
        self.completionMode = completionMode
        self.backoffLimit = backoffLimit
        self.backoffLimitPerIndex = backoffLimitPerIndex
        self.maxFailedIndexes = maxFailedIndexes
        self.activeDeadlineSeconds = activeDeadlineSeconds
        self.ttlSecondsAfterFinished = ttlSecondsAfterFinished
        self.suspend = suspend
        self.selector = selector
        self.manualSelector = manualSelector
        self.podFailurePolicy = podFailurePolicy
        self.successPolicy = successPolicy
        self.podReplacementPolicy = podReplacementPolicy
        self.managedBy = managedBy
    }
}

/// The observed state of a Job.
public struct JobStatus: Codable, Sendable, Hashable {
    /// `Complete`, `Failed`, `Suspended`, `FailureTarget` and `SuccessCriteriaMet`.
    public var conditions: [ObjectCondition]?
    /// When the Job started.
    public var startTime: Time?
    /// When the Job completed.
    public var completionTime: Time?
    /// The number of running Pods.
    public var active: Int32?
    /// The number of ready Pods.
    public var ready: Int32?
    /// The number of succeeded Pods.
    public var succeeded: Int32?
    /// The number of failed Pods.
    public var failed: Int32?
    /// The number of Pods being terminated.
    public var terminating: Int32?
    /// The completed indexes of an `Indexed` Job, e.g. `1,3-5`.
    public var completedIndexes: String?
    /// The failed indexes of an `Indexed` Job.
    public var failedIndexes: String?
    /// Pods finished but not yet counted, kept as raw JSON.
    public var uncountedTerminatedPods: JSONValue?

    public init(
        conditions: [ObjectCondition]? = nil, startTime: Time? = nil, completionTime: Time? = nil,
        active: Int32? = nil, ready: Int32? = nil, succeeded: Int32? = nil, failed: Int32? = nil,
        terminating: Int32? = nil, completedIndexes: String? = nil, failedIndexes: String? = nil,
        uncountedTerminatedPods: JSONValue? = nil
    ) {
        self.conditions = conditions
        self.startTime = startTime
        self.completionTime = completionTime
        self.active = active
        self.ready = ready
        self.succeeded = succeeded
        self.failed = failed
        self.terminating = terminating
        self.completedIndexes = completedIndexes
        self.failedIndexes = failedIndexes
        self.uncountedTerminatedPods = uncountedTerminatedPods
    }
}
