import Foundation
import TesseraModel

/// What the warehouse remembers about a model's last successful build, one row per model in
/// `_tessera.model_state`, committed in the same transaction as the build itself: the state
/// can never describe a table that is not there.
public struct ModelState: Sendable, Hashable {
    public var fingerprint: String
    public var kind: Materialization.Kind
    public var builtAt: Date
    public var upstreamVersion: Int64
    /// Incremental models: the earliest `@start` the table covers.
    public var builtFrom: Date?
    /// Incremental models: the latest `@end` the table covers; the next build starts from it.
    public var builtUntil: Date?
    /// Rows in the table after the build; `nil` for views.
    public var rows: Int64?
    public var runID: String

    public init(
        fingerprint: String, kind: Materialization.Kind, builtAt: Date, upstreamVersion: Int64,
        builtFrom: Date? = nil, builtUntil: Date? = nil, rows: Int64? = nil, runID: String
    ) {
        self.fingerprint = fingerprint
        self.kind = kind
        self.builtAt = builtAt
        self.upstreamVersion = upstreamVersion
        self.builtFrom = builtFrom
        self.builtUntil = builtUntil
        self.rows = rows
        self.runID = runID
    }
}
