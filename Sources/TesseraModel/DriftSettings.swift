/// The `drift:` block of a product: how much a new snapshot's profile may differ from the
/// previous one's before it is reported. Every threshold has a default, so drift is always
/// watched; `severity: error` makes drift block publishing like an error check.
public struct DriftSettings: Sendable, Hashable {
    public var severity: Check.Severity
    /// Largest accepted change of the row count, in percent of the previous count.
    public var rowCountPercent: Double
    /// Largest accepted change of a column's share of nulls, in percentage points (0–100).
    public var nullRatePoints: Double
    /// Largest accepted population stability index of a column's distribution. 0.1 is the
    /// usual "watch", 0.25 the usual "significant shift".
    public var psi: Double
    /// Columns never compared (e.g. ids and timestamps that move by design).
    public var ignore: [String]

    public init(
        severity: Check.Severity = .warn, rowCountPercent: Double = 50, nullRatePoints: Double = 10,
        psi: Double = 0.25, ignore: [String] = []
    ) {
        self.severity = severity
        self.rowCountPercent = rowCountPercent
        self.nullRatePoints = nullRatePoints
        self.psi = psi
        self.ignore = ignore
    }
}
