import TesseraModel

/// Why a load failed, said the way a user can act on it: what, where (the source file), what to do.
/// Messages never contain a secret: endpoints are printed redacted, headers never.
public struct IngestError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The source's configuration cannot work (an unknown reader option, a glob matching nothing).
        case configuration
        /// The source could not be read: unreachable, refused, not found, bad credentials.
        case extraction
        /// The data broke the source's contract: too many rejected rows, a frozen schema changed.
        case data
        /// The machine got in the way: a locked warehouse, a full disk.
        case environment
        /// The load was cancelled (Ctrl-C); nothing was committed.
        case cancelled
    }

    public var kind: Kind
    public var message: String
    public var hint: String?
    /// The source's YAML file, when the problem is about it.
    public var location: SourceLocation?

    public init(_ kind: Kind, _ message: String, hint: String? = nil, location: SourceLocation? = nil) {
        self.kind = kind
        self.message = message
        self.hint = hint
        self.location = location
    }

    public var description: String {
        var text = location.map { "\($0.file):\($0.line):\($0.column): " } ?? ""
        text += message
        if let hint { text += " (\(hint))" }
        return text
    }
}
