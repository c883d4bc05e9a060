/// A run that cannot start, with what to do about it. Node failures are not errors: they are
/// outcomes in the ``RunReport``.
public struct RunError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// The command or the selection is wrong (exit 2).
        case usage
        /// The state, the catalog or a warehouse cannot be used (exit 3 unless said otherwise).
        case environment
    }

    public var kind: Kind
    public var message: String
    public var hint: String?

    public init(_ kind: Kind, _ message: String, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.hint = hint
    }

    public var description: String { message + (hint.map { "\n  hint: \($0)" } ?? "") }
}
