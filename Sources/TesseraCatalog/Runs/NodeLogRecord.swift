import Foundation

/// How much a node's log line matters: `info` for what happened, `warning` for what went on
/// despite a problem (rejected rows, a failing warn check), `error` for what failed.
public enum NodeLogLevel: String, Sendable, Codable, CaseIterable {
    case info, warning, error
}

/// One line of a node's log in a run: the same redacted text the run's log file gets. Sample
/// rows a line quotes (a failing check's offending rows) are data, so they are kept apart from
/// the text: who may see them is decided when the log is read, not when it is written.
public struct NodeLogRecord: Sendable, Hashable {
    public var runID: String
    /// The line's place in its run's log, from 0: the order lines were logged in.
    public var sequence: Int
    /// The node's id (`product.sales.orders`, `source.sales.orders`).
    public var node: String
    public var loggedAt: Date
    public var level: NodeLogLevel
    /// What happened, possibly over several lines (an error's whole text).
    public var text: String
    /// The lines quoting sample rows (a header of column names, then rows), empty when none.
    public var samples: [String]
    /// How many sample rows the check found (`samples` may show fewer of them).
    public var sampleRows: Int

    public init(
        runID: String, sequence: Int, node: String, loggedAt: Date, level: NodeLogLevel, text: String,
        samples: [String] = [], sampleRows: Int = 0
    ) {
        self.runID = runID
        self.sequence = sequence
        self.node = node
        self.loggedAt = loggedAt
        self.level = level
        self.text = text
        self.samples = samples
        self.sampleRows = sampleRows
    }
}
