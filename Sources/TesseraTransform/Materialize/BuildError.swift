import DuckDB
import TesseraModel

/// Why a model could not be built, said so the user can act on it: which model, what went wrong
/// (with DuckDB's own words when DuckDB refused), what to do. The warehouse is as it was before
/// the build: every build is one transaction, rolled back on any error.
public struct BuildError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// DuckDB refused the model's SQL (a wrong name, a type error, a failing cast…).
        case sql
        /// The SQL uses an unknown macro, or `@this` where there is nothing to refer to.
        case macro
        /// The result's columns no longer match the existing table.
        case columnsChanged
        /// Key mode or snapshot: the result has the same key more than once, or a NULL key.
        case duplicateKeys
        case nullKeys
        /// The model's configuration does not fit its result (a missing key or time column…).
        case configuration
        /// Another transaction changed the same rows or catalog entries at the same time.
        case conflict
    }

    public var kind: Kind
    /// `<domain>.<model>`.
    public var model: String
    public var message: String
    public var hint: String?
    /// The model's .sql file.
    public var location: SourceLocation?
    /// DuckDB's message, unchanged, when DuckDB raised the error.
    public var duckDBMessage: String?

    public init(
        _ kind: Kind, model: String, _ message: String, hint: String? = nil,
        location: SourceLocation? = nil, duckDBMessage: String? = nil
    ) {
        self.kind = kind
        self.model = model
        self.message = message
        self.hint = hint
        self.location = location
        self.duckDBMessage = duckDBMessage
    }

    public var description: String {
        var text = location.map { "\($0.file): " } ?? ""
        text += "model '\(model)': \(message)"
        if let hint { text += " (\(hint))" }
        return text
    }
}

extension BuildError {
    /// Turns anything a build threw into a `BuildError` for `model`.
    init(wrapping error: any Error, model: Model) {
        let name = "\(model.domain).\(model.name)"
        let location = SourceLocation(file: model.sqlFile, line: 1, column: 1)
        if var error = error as? BuildError {
            error.location = error.location ?? location
            self = error
            return
        }
        guard let error = error as? DuckDBError else {
            self.init(.sql, model: name, String(describing: error), location: location)
            return
        }
        let summary = BuildError.summary(of: error.message)
        if BuildError.isConflict(error) {
            self.init(
                .conflict, model: name, "another build changed the warehouse at the same time: \(summary)",
                hint: "nothing was written; run the build again (builds of the same model must not overlap)",
                location: location, duckDBMessage: error.message)
            return
        }
        let hint: String? =
            switch error.kind {
            case .catalog:
                "check the table names in \(model.sqlFile): sources are src.<source>, models of the domain are <model>, products of other domains are <domain>.<product>"
            case .binder: "check the column names in \(model.sqlFile)"
            case .parser, .syntax:
                "\(model.sqlFile) must hold one DuckDB SELECT; run it in DuckDB to see where it fails"
            case .interrupt: "the build was cancelled; nothing was written"
            default: nil
            }
        self.init(
            .sql, model: name, "DuckDB could not build it: \(summary)", hint: hint,
            location: location, duckDBMessage: error.message)
    }

    /// DuckDB's message without the parts that point into SQL the user never wrote (the
    /// statement around the model's query) and without the stack trace internal errors carry.
    static func summary(of message: String) -> String {
        var kept: [Substring] = []
        for line in message.split(separator: "\n", omittingEmptySubsequences: true) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("LINE ") || trimmed.hasPrefix("Stack Trace") || trimmed.hasPrefix("This error signals")
            {
                break
            }
            kept.append(line)
        }
        return kept.isEmpty ? message : kept.joined(separator: " ")
    }

    /// DuckDB says `main.<table>` is not what the build took it for: of the other type, or absent.
    static func isCatalogMismatch(_ error: DuckDBError, table: String) -> Bool {
        guard error.kind == .catalog else { return false }
        let text = error.message.lowercased()
        let name = table.lowercased()
        return text.contains("existing object \"\(name)\" is of type")
            || text.contains("with name \(name) does not exist")
            || text.contains("with name \"\(name)\" already exists")
            || text.contains("with name \(name) already exists")
    }

    /// DuckDB's optimistic concurrency control reports these when two transactions touch the
    /// same rows or catalog entries.
    static func isConflict(_ error: DuckDBError) -> Bool {
        let text = error.message
        return error.kind == .transaction && text.localizedCaseInsensitiveContains("conflict")
            || text.contains("write-write conflict") || text.contains("Conflict on tuple")
            || text.contains("Conflict on update")
    }
}
