import Foundation
import TesseraTransform

/// How one node of a run ended.
public enum NodeOutcome: Sendable, Hashable {
    /// Built, loaded or published. `rows`: rows written (nil where it means nothing, e.g. a view).
    case succeeded(rows: Int64?, detail: String)
    /// Planned as up to date: nothing done.
    case unchanged(reason: String)
    case failed(NodeFailure)
    /// Not attempted: an upstream node failed, or `--fail-fast` stopped the run.
    case skipped(reason: String)

    public var isFailure: Bool { if case .failed = self { true } else { false } }

    public var status: String {
        switch self {
        case .succeeded: "succeeded"
        case .unchanged: "unchanged"
        case .failed: "failed"
        case .skipped: "skipped"
        }
    }
}
