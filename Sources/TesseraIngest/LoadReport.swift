import Foundation

/// What one load of one source did. Printed by `tessera ingest` and recorded in the warehouse's
/// `_tessera.loads`.
public struct LoadReport: Sendable, Encodable {
    public enum Status: String, Sendable, Encodable {
        /// New data was committed.
        case committed
        /// Nothing new to load (same files, no rows past the cursor).
        case upToDate = "up_to_date"
        /// Nothing was committed; `error` says why. Rejected rows are still kept.
        case failed
    }

    /// `domain.source`.
    public var source: String
    public var loadID: LoadID
    public var status: Status
    public var startedAt: Date
    public var finishedAt: Date
    /// Rows read from the source (landed, plus rows the reader rejected).
    public var extractedRows: Int = 0
    /// Rows written to `src.<source>` (inserted or replacing an older version of their key).
    public var loadedRows: Int = 0
    /// Rows kept in `src.<source>__rejected` instead.
    public var rejectedRows: Int = 0
    /// Rows dropped because a later row had the same primary key.
    public var deduplicatedRows: Int = 0
    /// Rows already loaded before: below the cursor's high-water mark, or at it and identical to
    /// a row the table holds at the mark.
    public var staleRows: Int = 0
    /// Files read (file connectors), pages (HTTP).
    public var inputs: Int = 0
    public var landedFile: String?
    public var landedBytes: Int?
    public var error: String?

    public var seconds: Double { finishedAt.timeIntervalSince(startedAt) }

    enum CodingKeys: String, CodingKey {
        case id, name, status, extractedRows, loadedRows, rejectedRows, deduplicatedRows, staleRows, inputs
        case landedFile, landedBytes, error, seconds
        case loadID = "loadId"
    }

    /// The source as every `--format json` document names a node: its id
    /// (`source.sales.orders`) and its name as people write it (`sales.src.orders`).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let parts = source.split(separator: ".", maxSplits: 1).map(String.init)
        let (domain, name) = parts.count == 2 ? (parts[0], parts[1]) : ("", source)
        try c.encode("source.\(domain).\(name)", forKey: .id)
        try c.encode("\(domain).src.\(name)", forKey: .name)
        try c.encode(loadID.rawValue, forKey: .loadID)
        try c.encode(status, forKey: .status)
        try c.encode(extractedRows, forKey: .extractedRows)
        try c.encode(loadedRows, forKey: .loadedRows)
        try c.encode(rejectedRows, forKey: .rejectedRows)
        try c.encode(deduplicatedRows, forKey: .deduplicatedRows)
        try c.encode(staleRows, forKey: .staleRows)
        try c.encode(inputs, forKey: .inputs)
        try c.encodeIfPresent(landedFile, forKey: .landedFile)
        try c.encodeIfPresent(landedBytes, forKey: .landedBytes)
        try c.encodeIfPresent(error, forKey: .error)
        try c.encode((seconds * 1000).rounded() / 1000, forKey: .seconds)
    }
}
