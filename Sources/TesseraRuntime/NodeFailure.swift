import TesseraIngest
import TesseraModel
import TesseraTransform

/// Why a node failed, as data: what kind of failure, where (the file the user fixes), what went
/// wrong and what to do. Front ends render it; the run log and the catalog keep its text.
public struct NodeFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// A source could not be loaded.
        case load
        /// DuckDB refused the model's SQL, or its result did not fit its materialization.
        case build
        /// Built, but an `error` check failed (the data stays built; nothing downstream runs).
        case checks
        /// The product's candidate snapshot broke its contract or a check: quarantined.
        case quarantined
        /// The warehouse, the catalog or the state could not be used.
        case environment
    }

    public var kind: Kind
    public var message: String
    public var location: SourceLocation?
    public var hint: String?

    public init(_ kind: Kind, _ message: String, location: SourceLocation? = nil, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
        self.hint = hint
    }

    /// `file:line:col: message`, then the hint on its own line.
    public var description: String {
        let place = location.map { "\($0.file):\($0.line):\($0.column): " } ?? ""
        return place + message + (hint.map { "\n  hint: \($0)" } ?? "")
    }
}

extension NodeFailure {
    /// A build that failed: DuckDB's or the builder's reason, at the model's file.
    init(build error: any Error, model: Model) {
        if let error = error as? BuildError {
            self.init(
                .build, "model '\(error.model)': \(error.message)",
                location: error.location ?? SourceLocation(file: model.sqlFile), hint: error.hint)
        } else if let error = error as? RunError {
            self.init(.environment, error.message, location: SourceLocation(file: model.sqlFile), hint: error.hint)
        } else {
            self.init(.build, "\(error)", location: SourceLocation(file: model.sqlFile))
        }
    }

    /// A load that failed, with the connector's place when it has one.
    init(load error: IngestError?, report: LoadReport) {
        self.init(
            error?.kind == .environment ? .environment : .load, error?.message ?? report.error ?? "the load failed",
            location: error?.location, hint: error?.hint)
    }
}
