/// A warehouse that cannot be opened: busy (another command holds it), its folder not writable,
/// DuckDB refusing the file. Always the machine's state, never the project's; the message names
/// the domain and the hint, when there is one, what to do.
public struct WarehouseError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String { hint.map { "\(message) (\($0))" } ?? message }
}
