import Foundation
import TesseraCatalog
import TesseraModel

/// A backfill and its chunks as the API and `tessera backfill --format json` show it: times in
/// ISO 8601 UTC, a chunk's runs as `queuedRunId` and `runId`, chunk counts per state as `counts`.
public struct BackfillDocument: Encodable, Sendable {
    public struct Chunk: Encodable, Sendable {
        var index: Int
        var start: String
        var end: String
        var state: String
        var attempts: Int
        var queuedRunId: String?
        var runId: String?
        var error: String?
        var startedAt: String?
        var finishedAt: String?

        init(_ chunk: BackfillRecord.Chunk) {
            index = chunk.index
            start = Timestamps.iso(chunk.start)
            end = Timestamps.iso(chunk.end)
            state = chunk.state.rawValue
            attempts = chunk.attempts
            queuedRunId = chunk.queuedRunID
            runId = chunk.runID
            error = chunk.error
            startedAt = chunk.startedAt.map(Timestamps.iso)
            finishedAt = chunk.finishedAt.map(Timestamps.iso)
        }
    }
    var id: String
    var state: String
    var selection: String
    var start: String
    var end: String
    var chunk: String
    var chunkSeconds: Int
    var driver: String
    var requestedBy: String
    var reason: String
    var idempotencyKey: String?
    var createdAt: String
    var updatedAt: String
    var finishedAt: String?
    var error: String?
    var domains: [String]
    var nodes: [String]
    /// How many chunks are in each state (every state, zero included).
    var counts: [String: Int]
    /// Nil in lists.
    var chunks: [Chunk]?

    /// Its nodes as `visibility` sees them (all when nil); its chunks unless `withChunks` is false.
    public init(_ backfill: BackfillRecord, visibility: Visibility? = nil, withChunks: Bool = true) {
        id = backfill.id
        state = backfill.state.rawValue
        selection = backfill.selection.text
        start = Timestamps.iso(backfill.start)
        end = Timestamps.iso(backfill.end)
        chunk = TimeSpan(seconds: backfill.chunkSeconds).description
        chunkSeconds = backfill.chunkSeconds
        driver = backfill.driver.rawValue
        requestedBy = backfill.requestedBy
        reason = backfill.reason
        idempotencyKey = backfill.idempotencyKey
        createdAt = Timestamps.iso(backfill.createdAt)
        updatedAt = Timestamps.iso(backfill.updatedAt)
        finishedAt = backfill.finishedAt.map(Timestamps.iso)
        error = backfill.error
        domains = backfill.domains
        nodes = backfill.nodes.filter { visibility?.sees($0) ?? true }.map(\.id)
        let counted = backfill.chunkCounts
        counts = Dictionary(
            uniqueKeysWithValues: BackfillRecord.Chunk.State.allCases.map { ($0.rawValue, counted[$0] ?? 0) })
        chunks = withChunks ? backfill.chunks.map(Chunk.init) : nil
    }
}
