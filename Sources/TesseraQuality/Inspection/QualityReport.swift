import Foundation

/// What the contract, the checks and drift said about one snapshot of a product: shown per
/// product by `tessera run` and `tessera check`, both as text and as JSON.
public struct QualityReport: Sendable, Encodable {
    /// `domain.product`.
    public var product: String
    public var snapshot: String
    public var rows: Int64
    /// The contract held; nil where it was not verified.
    public var contract: ContractReport?
    public var checks: [CheckResult]
    public var drift: DriftReport?
    /// Publishing only: whether the snapshot became current. nil for `tessera check`.
    public var published: Bool?
    /// Why it was not published (or, for `check`, why it fails).
    public var blockedBy: [String]

    /// No error-severity check failed, the contract held, and drift did not exceed an `error` threshold.
    public var passed: Bool { blockedBy.isEmpty }

    public init(
        product: String, snapshot: String, rows: Int64, contract: ContractReport?, checks: [CheckResult],
        drift: DriftReport?, published: Bool? = nil
    ) {
        self.product = product
        self.snapshot = snapshot
        self.rows = rows
        self.contract = contract
        self.checks = checks
        self.drift = drift
        self.published = published
        var blocked: [String] = []
        if let contract, !contract.passed { blocked.append("the contract does not hold") }
        for check in checks where check.isBlocking { blocked.append("check \(check.name) \(check.status.rawValue)") }
        if let drift, drift.exceeded, drift.severity == .error { blocked.append("drift exceeds its error thresholds") }
        self.blockedBy = blocked
    }

    enum CodingKeys: String, CodingKey {
        case product, snapshot, rows, passed, published, blockedBy, contract, checks, drift
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(product, forKey: .product)
        try container.encode(snapshot, forKey: .snapshot)
        try container.encode(rows, forKey: .rows)
        try container.encode(passed, forKey: .passed)
        try container.encodeIfPresent(published, forKey: .published)
        try container.encode(blockedBy, forKey: .blockedBy)
        try container.encode(contract, forKey: .contract)
        try container.encode(checks, forKey: .checks)
        try container.encode(drift, forKey: .drift)
    }
}
