/// The outcome of verifying a snapshot (or an input) against its contract.
public struct ContractReport: Codable, Sendable, Hashable {
    public var violations: [ContractViolation]
    /// Facts that do not fail the contract, e.g. input columns left out of the product.
    public var notes: [String]

    public init(violations: [ContractViolation] = [], notes: [String] = []) {
        self.violations = violations
        self.notes = notes
    }

    public var passed: Bool { violations.isEmpty }

    enum CodingKeys: String, CodingKey { case violations, notes, passed }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        violations = try container.decode([ContractViolation].self, forKey: .violations)
        notes = try container.decode([String].self, forKey: .notes)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(violations, forKey: .violations)
        try container.encode(notes, forKey: .notes)
        try container.encode(passed, forKey: .passed)
    }
}
