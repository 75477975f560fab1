import CoreMetrics
import Foundation
import OutcryStore
import Prometheus
import Synchronization

/// What one instance counts, for Prometheus to read at `/metrics`: requests by route and status with
/// their latency, reports stored and the size of the commits that stored them, the page cache's hits
/// and misses, and the outbox's depth. Recorded through swift-metrics with this instance's own factory,
/// so that several applications in one process (the tests) never count into each other.
public final class OutcryMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    private let requestMetrics = Mutex<[RequestKey: (count: CoreMetrics.Counter, latency: CoreMetrics.Timer)]>([:])
    /// The cache lanes' answers, made once: those requests are the most frequent and must not wait on the table's lock.
    private let cachedPages: [Int: (count: CoreMetrics.Counter, latency: CoreMetrics.Timer)]
    private let cacheHits: CoreMetrics.Counter
    private let cacheMisses: CoreMetrics.Counter
    private let reportsStored: CoreMetrics.Counter
    private let batchSizes: CoreMetrics.Recorder
    private let outbox: [(status: String, gauge: CoreMetrics.Gauge)]

    /// The route a request took (its pattern, never its values), its method and its status.
    struct RequestKey: Hashable {
        let route: String
        let method: String
        let status: Int
    }

    /// The route label of pages answered from the page cache before the router.
    static let cachedPageRoute = "(page cache)"

    public init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2.5), .milliseconds(5),
            .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
            .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
        ]
        factory.valueHistogramBuckets["outcry_report_batch_size"] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1_000]
        self.factory = factory
        cacheHits = CoreMetrics.Counter(label: "outcry_page_cache_hits_total", factory: factory)
        cacheMisses = CoreMetrics.Counter(label: "outcry_page_cache_misses_total", factory: factory)
        reportsStored = CoreMetrics.Counter(label: "outcry_reports_stored_total", factory: factory)
        batchSizes = CoreMetrics.Recorder(label: "outcry_report_batch_size", factory: factory)
        cachedPages = Dictionary(
            uniqueKeysWithValues: [200, 304].map { status in
                let dimensions = [("route", Self.cachedPageRoute), ("method", "GET"), ("status", String(status))]
                return (
                    status,
                    (
                        CoreMetrics.Counter(label: "outcry_http_requests_total", dimensions: dimensions, factory: factory),
                        CoreMetrics.Timer(
                            label: "outcry_http_request_duration_seconds", dimensions: [("route", Self.cachedPageRoute)], factory: factory)
                    )
                )
            })
        outbox = ["queued", "sending", "sent", "failed"].map {
            ($0, CoreMetrics.Gauge(label: "outcry_outbox_messages", dimensions: [("status", $0)], factory: factory))
        }
    }

    /// A page the cache answered before the router.
    func cachedPage(status: Int, duration: Duration) {
        guard let metrics = cachedPages[status] else {
            return request(route: Self.cachedPageRoute, method: "GET", status: status, duration: duration)
        }
        metrics.count.increment()
        metrics.latency.recordNanoseconds(duration.nanoseconds)
    }

    /// One answered request and how long it took from its head read to its answer.
    func request(route: String, method: String, status: Int, duration: Duration) {
        let key = RequestKey(route: route, method: method, status: status)
        let metrics = requestMetrics.withLock { known in
            if let metrics = known[key] { return metrics }
            let dimensions = [("route", route), ("method", method), ("status", String(status))]
            let metrics = (
                CoreMetrics.Counter(label: "outcry_http_requests_total", dimensions: dimensions, factory: factory),
                CoreMetrics.Timer(label: "outcry_http_request_duration_seconds", dimensions: [("route", route)], factory: factory)
            )
            known[key] = metrics
            return metrics
        }
        metrics.count.increment()
        metrics.latency.recordNanoseconds(duration.nanoseconds)
    }

    func pageCache(hit: Bool) {
        (hit ? cacheHits : cacheMisses).increment()
    }

    /// A group commit stored `stored` reports of the `size` it held (the rest were refused or repeats).
    @Sendable func reportBatch(size: Int, stored: Int) {
        batchSizes.record(size)
        reportsStored.increment(by: stored)
    }

    /// The text Prometheus reads, with the outbox counted as it stands now.
    func exposition(outbox status: OutboxStatus?) -> [UInt8] {
        if let status {
            let counts = ["queued": status.queued, "sending": status.sending, "sent": status.sent, "failed": status.failed]
            for (name, gauge) in outbox { gauge.record(counts[name] ?? 0) }
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(16_384)
        registry.emit(into: &buffer)
        return buffer
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
