/// A problem found in the project files, with where it is and, when it helps, how to fix it.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable {
        case error
        case warning
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    public var hint: String?

    public init(severity: Severity, location: SourceLocation, message: String, hint: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
    }

    public static func error(_ message: String, at location: SourceLocation, hint: String? = nil) -> Diagnostic {
        Diagnostic(severity: .error, location: location, message: message, hint: hint)
    }

    public static func warning(_ message: String, at location: SourceLocation, hint: String? = nil) -> Diagnostic {
        Diagnostic(severity: .warning, location: location, message: message, hint: hint)
    }

    /// `file:line:col: error: message`, and `  hint: …` on a second line when there is a hint.
    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}

extension Array where Element == Diagnostic {
    /// Ordered by file, line and column; diagnostics at the same place keep the order they were found in.
    public func sortedByLocation() -> [Diagnostic] {
        enumerated()
            .sorted { lhs, rhs in
                if lhs.element.location != rhs.element.location { return lhs.element.location < rhs.element.location }
                return lhs.offset < rhs.offset
            }
            .map(\.element)
    }

    public var hasErrors: Bool { contains { $0.severity == .error } }
}
