import Foundation
import Synchronization

/// What the server itself counts for `/metrics`: request latency per route as a Prometheus
/// histogram, requests per status, and failed sign-ins per reason. Runs, nodes and freshness are
/// read from the core when `/metrics` is asked for.
final class APIMetrics: Sendable {
    /// Upper bounds of the latency buckets, in seconds.
    static let buckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    struct Histogram {
        var counts = [Int](repeating: 0, count: APIMetrics.buckets.count)
        var total = 0
        var sum = 0.0
    }

    struct State {
        /// By route pattern (`/api/v1/products/{domain}/{product}`), never by the path asked for,
        /// so that the number of series stays bounded.
        var latency: [String: Histogram] = [:]
        var responses: [Int: Int] = [:]
        var signInFailures: [String: Int] = [:]
    }

    private let state = Mutex(State())

    func observe(route: String, status: Int, seconds: Double) {
        state.withLock { state in
            var histogram = state.latency[route] ?? Histogram()
            for (index, bound) in Self.buckets.enumerated() where seconds <= bound { histogram.counts[index] += 1 }
            histogram.total += 1
            histogram.sum += seconds
            state.latency[route] = histogram
            state.responses[status, default: 0] += 1
        }
    }

    func signInFailed(_ code: String) {
        state.withLock { $0.signInFailures[code, default: 0] += 1 }
    }

    /// The server's own series in Prometheus' text format.
    func render(into text: inout PrometheusText) {
        let state = self.state.withLock { $0 }
        text.family(
            "tessera_http_request_duration_seconds", type: "histogram", help: "Time to answer a request, by route.")
        for (route, histogram) in state.latency.sorted(by: { $0.key < $1.key }) {
            for (index, bound) in Self.buckets.enumerated() {
                text.sample(
                    "tessera_http_request_duration_seconds_bucket", ["route": route, "le": "\(bound)"],
                    Double(histogram.counts[index]))
            }
            text.sample(
                "tessera_http_request_duration_seconds_bucket", ["route": route, "le": "+Inf"], Double(histogram.total))
            text.sample("tessera_http_request_duration_seconds_sum", ["route": route], histogram.sum)
            text.sample("tessera_http_request_duration_seconds_count", ["route": route], Double(histogram.total))
        }
        text.family("tessera_http_responses_total", type: "counter", help: "Responses sent, by status code.")
        for (status, count) in state.responses.sorted(by: { $0.key < $1.key }) {
            text.sample("tessera_http_responses_total", ["status": "\(status)"], Double(count))
        }
        text.family("tessera_sign_in_failures_total", type: "counter", help: "Refused sign-ins, by reason.")
        for (code, count) in state.signInFailures.sorted(by: { $0.key < $1.key }) {
            text.sample("tessera_sign_in_failures_total", ["reason": code], Double(count))
        }
    }
}

/// Prometheus' text exposition format, written a family at a time.
struct PrometheusText {
    private(set) var text = ""

    mutating func family(_ name: String, type: String, help: String) {
        text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
    }

    mutating func sample(_ name: String, _ labels: [String: String] = [:], _ value: Double) {
        let rendered = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\(Self.escape($0.value))\"" }
        let number = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
        text += labels.isEmpty ? "\(name) \(number)\n" : "\(name){\(rendered.joined(separator: ","))} \(number)\n"
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
