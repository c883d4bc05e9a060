import TesseraModel

/// Why the core could not do what a front end asked, in words the user can act on. Every front
/// end turns it into its own form — the CLI into an exit status, the HTTP API into a status code —
/// from `kind` alone, so the same failure means the same thing everywhere.
///
/// Failed data (a check, a contract, a load) is not an error: it is an outcome in a report.
public struct CoreError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// The project, the command or the request is wrong; the message says what to change.
        case usage
        /// The caller may not do this (the policy refused it).
        case forbidden
        /// What was asked for does not exist — or exists where the caller may not see it: a
        /// product the caller may not read is not found, never forbidden, so it leaves no trace.
        case notFound
        /// A bug, or the state folder, the catalog or a warehouse failing.
        case internalError
    }

    public var kind: Kind
    public var message: String
    public var hint: String?
    /// The problems found in the project, each with its place, when that is why nothing was done.
    public var diagnostics: [Diagnostic]

    public init(_ kind: Kind, _ message: String, hint: String? = nil, diagnostics: [Diagnostic] = []) {
        self.kind = kind
        self.message = message
        self.hint = hint
        self.diagnostics = diagnostics
    }

    public var description: String { message }
}
