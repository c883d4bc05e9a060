import Foundation
import TesseraModel

/// What is known about a node from earlier runs: the planner's whole view of the state.
///
/// Versions are microseconds since 1970 of the moment a node's data last changed. A table's data
/// changes when it is built; a source's when a load commits rows; a product's when a snapshot is
/// published. A model records the highest version of its inputs it was built from, so "the
/// upstream changed" is one comparison.
public struct NodeState: Sendable, Hashable {
    /// When the data last changed; nil: never built, loaded or published.
    public var version: Int64?
    /// Models: the fingerprint of the SQL and settings of the last build.
    public var fingerprint: String?
    /// Models and products: the highest input version the last build or publish read.
    public var upstreamVersion: Int64?
    /// Interval-incremental models: the end of the last interval built.
    public var builtUntil: Date?
    /// Models: how it was last built (a change of materialization is a change of settings).
    public var kind: Materialization.Kind?
    /// Models: the whole state row of the last build, handed to the build so it need not read it.
    public var model: ModelState?

    public init(
        version: Int64? = nil, fingerprint: String? = nil, upstreamVersion: Int64? = nil,
        builtUntil: Date? = nil, kind: Materialization.Kind? = nil
    ) {
        self.version = version
        self.fingerprint = fingerprint
        self.upstreamVersion = upstreamVersion
        self.builtUntil = builtUntil
        self.kind = kind
    }

    public static func microseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1_000_000).rounded()) }
}
