import Foundation
import TesseraModel

/// One node of a plan: what `run` would do with it, and why.
public struct PlanStep: Sendable, Hashable {
    public enum Action: String, Sendable, Hashable, Codable {
        /// Load the source (a load finds out itself whether anything is new).
        case ingest
        case build
        case publish
        /// Nothing to do: it is up to date.
        case skip
    }

    public var node: NodeID
    public var action: Action
    public var reasons: [PlanReason]
    /// The nodes this step reads and waits for, among the planned ones: if one fails, this is skipped.
    public var upstream: [NodeID]
    /// The products its relationship checks read, among the planned ones: it waits for them, so
    /// that it is verified against what they publish; if one fails, it is verified against the
    /// snapshot that stays current.
    public var checked: [NodeID]

    public init(node: NodeID, action: Action, reasons: [PlanReason], upstream: [NodeID], checked: [NodeID] = []) {
        self.node = node
        self.action = action
        self.reasons = reasons
        self.upstream = upstream
        self.checked = checked
    }
}

/// Why a step does what it does.
public enum PlanReason: Sendable, Hashable, CustomStringConvertible {
    case neverBuilt
    case neverPublished
    case sqlChanged
    /// A product's version, contract or masks changed since its current snapshot.
    case contractChanged
    /// A product's checks changed since its current snapshot was verified.
    case checksChanged
    case materializationChanged(from: String, to: String)
    case upstreamChanged([NodeID])
    /// `plan` only: a source upstream will be loaded and cannot tell beforehand whether it brings rows.
    case upstreamMayChange([NodeID])
    /// Interval mode: the intervals from `from` to `to` are missing.
    case intervalsMissing(from: Date, to: Date)
    case backfill(start: Date, end: Date)
    case fullRefresh
    case sourceLoad
    /// `plan` only: a file source whose files changed since its last load (what changed).
    case newData(String)
    /// `plan` only: a file source whose files are exactly those of its last load.
    case noNewData
    case upToDate
    case view
    /// `--from-failure`: it failed or was skipped in that run.
    case resumed(runID: String)

    public var code: String {
        switch self {
        case .neverBuilt: "never_built"
        case .neverPublished: "never_published"
        case .sqlChanged: "sql_changed"
        case .contractChanged: "contract_changed"
        case .checksChanged: "checks_changed"
        case .materializationChanged: "materialization_changed"
        case .upstreamChanged: "upstream_changed"
        case .upstreamMayChange: "upstream_may_change"
        case .intervalsMissing: "intervals_missing"
        case .backfill: "backfill"
        case .fullRefresh: "full_refresh"
        case .sourceLoad: "load"
        case .newData: "new_data"
        case .noNewData: "no_new_data"
        case .upToDate: "up_to_date"
        case .view: "view"
        case .resumed: "resumed"
        }
    }

    public var description: String {
        switch self {
        case .neverBuilt: "new: never built"
        case .neverPublished: "never published"
        case .sqlChanged: "SQL changed"
        case .contractChanged: "contract changed"
        case .checksChanged: "checks changed"
        case .materializationChanged(let from, let to): "materialization changed (\(from) → \(to))"
        case .upstreamChanged(let nodes): "upstream changed: " + PlanReason.list(nodes)
        case .upstreamMayChange(let nodes):
            "upstream may change: " + PlanReason.list(nodes) + " (if its load brings new rows)"
        case .intervalsMissing(let from, let to):
            "intervals missing: \(PlanReason.format(from)) → \(PlanReason.format(to))"
        case .backfill(let start, let end): "backfill \(PlanReason.format(start)) → \(PlanReason.format(end))"
        case .fullRefresh: "--full-refresh"
        case .sourceLoad: "load new data, if any"
        case .newData(let what): "new data: \(what)"
        case .noNewData: "no new data: files unchanged since the last load"
        case .upToDate: "up to date"
        case .view: "a view: always current"
        case .resumed(let runID): "failed or skipped in run \(runID)"
        }
    }

    static func list(_ nodes: [NodeID]) -> String {
        nodes.prefix(3).map(\.displayName).joined(separator: ", ")
            + (nodes.count > 3 ? " and \(nodes.count - 3) more" : "")
    }

    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
