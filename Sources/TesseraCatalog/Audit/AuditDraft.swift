import Foundation

/// An audit entry before the catalog numbers, dates, attributes and chains it.
public struct AuditDraft: Sendable, Hashable {
    public var action: String
    public var target: String
    public var outcome: String
    /// A JSON object, already canonical (sorted keys) so that it hashes the same on every reading.
    public var detail: String

    public init(action: AuditAction, target: String, outcome: String, detailJSON: String = "{}") {
        self.action = action.rawValue
        self.target = target
        self.outcome = outcome
        self.detail = detailJSON
    }

    /// `detail` encoded as JSON with sorted keys; an unencodable value (never the case for the
    /// plain structs callers pass) leaves `{}` rather than failing what the entry records.
    public init(action: AuditAction, target: String, outcome: String, detail: some Encodable) {
        self.init(action: action, target: target, outcome: outcome, detailJSON: Self.json(detail))
    }

    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
