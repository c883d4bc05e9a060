import TesseraModel
import TesseraSQL

/// What decides that a product must be verified and published again although its data did not
/// change: its contract (version, input, columns, primary key, masks) and its checks. Recorded
/// with each snapshot as `<contract> <checks>`, so the planner can say which of the two changed.
public struct ProductFingerprint: Sendable, Hashable {
    public var contract: String
    /// nil for a snapshot recorded before checks were part of the fingerprint.
    public var checks: String?

    public init(_ product: Product) {
        var text = "\(product.version)|\(product.input)|pk:\(product.contract.primaryKey.joined(separator: ","))"
        for column in product.contract.columns {
            text += "|\(column.name) \(column.type) \(column.nullable)"
        }
        for mask in product.access.masks { text += "|mask \(mask.column) \(mask.kind.rawValue)" }
        contract = Fingerprint.of(text)
        checks = Self.checks(product.checks)
    }

    public init(recorded: String) {
        let parts = recorded.split(separator: " ", maxSplits: 1).map(String.init)
        contract = parts.first ?? ""
        checks = parts.count > 1 ? parts[1] : nil
    }

    public var recorded: String { contract + (checks.map { " " + $0 } ?? "") }

    /// What each check tests, its severity and its rows; not where it is written, so moving a
    /// check in the file verifies nothing again.
    static func checks(_ checks: [Check]) -> String {
        let text = checks.map { "\($0.kind)|\($0.severity.rawValue)|\($0.where ?? "")" }.sorted().joined(
            separator: "\n")
        return Fingerprint.of(text)
    }
}
