import Foundation
import TesseraTransform

/// What the user asked `tessera run` (or `plan`) to do.
public struct RunOptions: Sendable {
    public var selection: Selection
    public var fullRefresh: Bool
    /// `--start/--end`: the range interval-incremental models rebuild.
    public var backfill: BuildInterval?
    /// `--from-failure`: only what failed or was skipped in the last run.
    public var fromFailure: Bool
    public var threads: Int
    public var failFast: Bool
    /// The command line as typed, for the run history.
    public var arguments: [String]
    public var now: Date
    /// Sources report their progress a few times a second (for a live display; it costs CPU).
    public var liveProgress = false
    /// Whether the run records the mesh's metadata in the catalog. Not when part of the project
    /// was left out (a domain with errors): the catalog keeps what it knew of that domain.
    public var recordsMetadata = true

    public init(
        selection: Selection = Selection(), fullRefresh: Bool = false, backfill: BuildInterval? = nil,
        fromFailure: Bool = false, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
        failFast: Bool = false, arguments: [String] = [], now: Date = Date()
    ) {
        self.selection = selection
        self.fullRefresh = fullRefresh
        self.backfill = backfill
        self.fromFailure = fromFailure
        self.threads = max(1, threads)
        self.failFast = failFast
        self.arguments = arguments
        self.now = now
    }

    var selectorText: String? {
        let include = selection.include.map(\.text), exclude = selection.exclude.map(\.text)
        guard !include.isEmpty || !exclude.isEmpty else { return nil }
        return (include + (exclude.isEmpty ? [] : ["--exclude"] + exclude)).joined(separator: " ")
    }
}
