import TesseraModel

/// Everything the drift detector found between two profiles.
public struct DriftReport: Codable, Sendable, Hashable {
    /// From the product's drift settings: `error` makes an exceeded report block publishing.
    public var severity: Check.Severity
    public var findings: [DriftFinding]

    public init(severity: Check.Severity, findings: [DriftFinding]) {
        self.severity = severity
        self.findings = findings
    }

    /// Whether any finding passed its limit.
    public var exceeded: Bool { findings.contains { $0.exceeded } }

    public var exceededFindings: [DriftFinding] { findings.filter(\.exceeded) }

    private enum CodingKeys: String, CodingKey { case severity, findings, exceeded }

    // Check.Severity is not Codable (the model has no JSON), so it is stored by its raw value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let raw = try container.decode(String.self, forKey: .severity)
        guard let severity = Check.Severity(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(
                forKey: .severity, in: container,
                debugDescription: "unknown drift severity '\(raw)'")
        }
        self.severity = severity
        findings = try container.decode([DriftFinding].self, forKey: .findings)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(severity.rawValue, forKey: .severity)
        try container.encode(findings, forKey: .findings)
        try container.encode(exceeded, forKey: .exceeded)
    }
}
