/// The fields of an ErrorResponse or NoticeResponse that a person needs to understand it.
public struct PostgresServerError: Sendable, Equatable, CustomStringConvertible {
    /// `ERROR`, `FATAL`, `PANIC`, or for notices `WARNING`, `NOTICE`, `DEBUG`, `INFO`, `LOG` (never localized).
    public var severity: String
    /// The SQLSTATE code, e.g. `22012` for a division by zero.
    public var sqlState: String
    public var message: String
    public var detail: String?
    public var hint: String?
    /// 1-based character position in the statement, when the error points at one.
    public var position: Int?

    public init(
        severity: String, sqlState: String, message: String,
        detail: String? = nil, hint: String? = nil, position: Int? = nil
    ) {
        self.severity = severity
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.position = position
    }

    /// One line: `ERROR 22012: division by zero (detail …; hint …)`.
    public var summary: String {
        var text = "\(severity) \(sqlState): \(message)"
        let extra = [detail.map { "detail: \($0)" }, hint.map { "hint: \($0)" }].compactMap { $0 }
        if !extra.isEmpty { text += " (" + extra.joined(separator: "; ") + ")" }
        return text
    }

    public var description: String { summary }
}
