import Foundation
import Hummingbird
import TesseraCore

extension APIServer {
    /// How many of the latest runs `/metrics` counts by status.
    static let runsCounted = 1000

    /// `/metrics` in Prometheus' text format, as the caller may see it: runs by status (the latest
    /// 1,000), the node durations of the latest run, the queue's depth, backfill chunks by state,
    /// each readable product's freshness lag, and the server's own request latency.
    func metricsText(as principal: Principal) async throws -> Response {
        let view = workspace.catalogView(as: principal)
        var text = PrometheusText()
        let runs = try await view.runs(limit: Self.runsCounted)
        text.family("tessera_runs", type: "gauge", help: "The latest runs, by status.")
        for (status, count) in Dictionary(grouping: runs, by: \.run.status.rawValue).mapValues(\.count).sorted(by: {
            $0.key < $1.key
        }) {
            text.sample("tessera_runs", ["status": status], Double(count))
        }
        if let latest = runs.first {
            let detail = try await view.run(latest.run.id)
            text.family(
                "tessera_node_duration_seconds", type: "gauge", help: "How long each node of the latest run took.")
            for node in detail.nodes {
                guard let seconds = node.durationSeconds else { continue }
                text.sample(
                    "tessera_node_duration_seconds", ["node": node.node, "status": node.status.rawValue], seconds)
            }
        }
        let open = try await workspace.queue.list(limit: 10_000, openOnly: true)
        text.family("tessera_queue_depth", type: "gauge", help: "Runs in the service's queue, by state.")
        for state in ["queued", "running"] {
            text.sample(
                "tessera_queue_depth", ["state": state], Double(open.filter { $0.state.rawValue == state }.count))
        }
        try await backfillChunks(as: principal, into: &text)
        try await freshness(view, into: &text)
        metrics.render(into: &text)
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text.text)))
    }

    /// The chunks of the latest 1,000 backfills the caller may see, by state.
    func backfillChunks(as principal: Principal, into text: inout PrometheusText) async throws {
        let backfills = try await workspace.backfills.list(limit: Self.runsCounted, as: principal)
        text.family("tessera_backfill_chunks", type: "gauge", help: "Chunks of the latest backfills, by state.")
        var counts: [BackfillRecord.Chunk.State: Int] = [:]
        for backfill in backfills {
            for (state, count) in backfill.chunkCounts { counts[state, default: 0] += count }
        }
        for state in BackfillRecord.Chunk.State.allCases {
            text.sample("tessera_backfill_chunks", ["state": state.rawValue], Double(counts[state] ?? 0))
        }
    }

    /// Seconds since each product's current snapshot was published; none for a product never published.
    func freshness(_ view: CatalogView, into text: inout PrometheusText) async throws {
        text.family(
            "tessera_product_freshness_lag_seconds", type: "gauge",
            help: "Seconds since the product's current snapshot was published.")
        for asset in try await view.assets() where asset.id.kind == .product {
            let report = try await view.show(asset.id.displayName)
            guard let age = report.freshness?.ageSeconds else { continue }
            text.sample("tessera_product_freshness_lag_seconds", ["product": asset.id.displayName], age)
        }
    }
}
