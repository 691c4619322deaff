import CoreMetrics
import Foundation
import KubeClient
import Prometheus

typealias MetricCounter = CoreMetrics.Counter
typealias MetricTimer = CoreMetrics.Timer
typealias MetricMeter = CoreMetrics.Meter

/// The runtime's metrics, under the names and labels of controller-runtime and client-go,
/// so existing dashboards and alerts work unchanged:
///
/// | metric | labels |
/// |---|---|
/// | `controller_runtime_reconcile_total` | `controller`, `result` (`success`, `error`, `requeue_after`) |
/// | `controller_runtime_reconcile_errors_total` | `controller` |
/// | `controller_runtime_terminal_reconcile_errors_total` | `controller` |
/// | `controller_runtime_reconcile_time_seconds` (histogram) | `controller` |
/// | `controller_runtime_max_concurrent_reconciles` | `controller` |
/// | `controller_runtime_active_workers` | `controller` |
/// | `workqueue_depth`, `workqueue_adds_total`, `workqueue_retries_total` | `name`, `controller` |
/// | `workqueue_queue_duration_seconds`, `workqueue_work_duration_seconds` (histograms) | `name`, `controller` |
/// | `rest_client_requests_total` | `code`, `method`, `host` |
/// | `leader_election_master_status` | `name` |
///
/// They are recorded through swift-metrics into a Prometheus registry of their own (no
/// global bootstrap is needed, so several managers can live in one process); the manager
/// serves ``exposition()`` at `/metrics`.
public final class RuntimeMetrics: Sendable {
    /// The registry the metrics are kept in.
    public let registry: PrometheusCollectorRegistry
    /// The swift-metrics factory writing into ``registry``.
    public let factory: PrometheusMetricsFactory

    static let reconcileBuckets: [Duration] = [
        0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
    ].map { Duration.nanoseconds(Int64($0 * 1e9)) }
    /// client-go's work queue buckets: 10 ns to 1000 s, by factors of ten.
    static let queueBuckets: [Duration] = (0..<12).map { .nanoseconds(Int64(pow(10.0, Double($0 + 1)))) }

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets = [
            "controller_runtime_reconcile_time_seconds": Self.reconcileBuckets,
            "workqueue_queue_duration_seconds": Self.queueBuckets,
            "workqueue_work_duration_seconds": Self.queueBuckets,
        ]
        self.factory = factory
    }

    /// The metrics in the Prometheus text format.
    public func exposition() -> String {
        registry.emitToString()
    }

    /// An observer for `KubeClient.Configuration.requestObserver` that counts every request
    /// in `rest_client_requests_total{code,method,host}` (`code` is `<error>` when no response came).
    public var restClientObserver: @Sendable (KubeClient.RequestRecord) -> Void {
        let factory = self.factory
        return { record in
            MetricCounter(
                label: "rest_client_requests_total",
                dimensions: [
                    ("code", record.code.map(String.init) ?? "<error>"), ("method", record.method),
                    ("host", record.host),
                ], factory: factory
            ).increment()
        }
    }

    func workQueue(name: String) -> WorkQueueMetrics {
        let d = [("name", name), ("controller", name)]
        return WorkQueueMetrics(
            depth: MetricMeter(label: "workqueue_depth", dimensions: d, factory: factory),
            adds: MetricCounter(label: "workqueue_adds_total", dimensions: d, factory: factory),
            retries: MetricCounter(label: "workqueue_retries_total", dimensions: d, factory: factory),
            queueDuration: MetricTimer(label: "workqueue_queue_duration_seconds", dimensions: d, factory: factory),
            workDuration: MetricTimer(label: "workqueue_work_duration_seconds", dimensions: d, factory: factory))
    }

    func controller(name: String) -> ControllerMetrics {
        let d = [("controller", name)]
        func total(_ result: String) -> MetricCounter {
            MetricCounter(
                label: "controller_runtime_reconcile_total", dimensions: d + [("result", result)], factory: factory)
        }
        return ControllerMetrics(
            success: total("success"), error: total("error"), requeueAfter: total("requeue_after"),
            errors: MetricCounter(label: "controller_runtime_reconcile_errors_total", dimensions: d, factory: factory),
            terminalErrors: MetricCounter(
                label: "controller_runtime_terminal_reconcile_errors_total", dimensions: d, factory: factory),
            reconcileTime: MetricTimer(
                label: "controller_runtime_reconcile_time_seconds", dimensions: d, factory: factory),
            maxConcurrent: MetricMeter(
                label: "controller_runtime_max_concurrent_reconciles", dimensions: d, factory: factory),
            activeWorkers: MetricMeter(label: "controller_runtime_active_workers", dimensions: d, factory: factory))
    }

    func leaderStatus(name: String) -> MetricMeter {
        MetricMeter(label: "leader_election_master_status", dimensions: [("name", name)], factory: factory)
    }
}

/// The metrics of one work queue.
struct WorkQueueMetrics: Sendable {
    let depth: MetricMeter
    let adds: MetricCounter
    let retries: MetricCounter
    let queueDuration: MetricTimer
    let workDuration: MetricTimer
}

/// The metrics of one controller.
struct ControllerMetrics: Sendable {
    let success: MetricCounter
    let error: MetricCounter
    let requeueAfter: MetricCounter
    let errors: MetricCounter
    let terminalErrors: MetricCounter
    let reconcileTime: MetricTimer
    let maxConcurrent: MetricMeter
    let activeWorkers: MetricMeter
}

extension Duration {
    var nanosecondsClamped: Int64 {
        let c = components
        let (s, o1) = c.seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if o1 { return c.seconds < 0 ? Int64.min : Int64.max }
        let (t, o2) = s.addingReportingOverflow(c.attoseconds / 1_000_000_000)
        return o2 ? Int64.max : t
    }
}
