import Foundation
import TesseraModel

/// Compares a snapshot's profile with the previous one's. A pure function of the two profiles
/// and the product's drift settings, so it is tested without any data.
public struct DriftDetector: Sendable {
    public var settings: DriftSettings
    /// Smallest share a PSI bin counts with: an empty bin would make the index infinite.
    public static let epsilon = 1e-4
    /// Fewer non-null values than this on either side and a distribution says nothing: PSI and
    /// new or vanished categories are not computed (a handful of rows always "drifts").
    public static let minimumValues: Int64 = 100

    public init(settings: DriftSettings = DriftSettings()) { self.settings = settings }

    public func compare(previous: Profile, current: Profile) -> DriftReport {
        var findings = [rowCountFinding(previous.rowCount, current.rowCount)]
        let ignored = Set(settings.ignore)
        for column in current.columns where !ignored.contains(column.name) {
            guard let before = previous[column: column.name] else {
                findings.append(
                    DriftFinding(
                        column: column.name, metric: .columnAdded, value: 1, threshold: nil,
                        exceeded: false, message: "\(column.name): new column (\(column.type))"))
                continue
            }
            findings += compare(before, column)
        }
        for column in previous.columns where !ignored.contains(column.name) && current[column: column.name] == nil {
            findings.append(
                DriftFinding(
                    column: column.name, metric: .columnRemoved, value: 1, threshold: nil,
                    exceeded: false, message: "\(column.name): column no longer present"))
        }
        return DriftReport(severity: settings.severity, findings: findings)
    }

    private func rowCountFinding(_ before: Int64, _ after: Int64) -> DriftFinding {
        let limit = settings.rowCountPercent
        // From an empty snapshot any rows are a change without a percentage; call it 100%.
        let percent = before == 0 ? (after == 0 ? 0 : 100) : Double(after - before) / Double(before) * 100
        let exceeded = before == 0 ? after > 0 : abs(percent) > limit
        return DriftFinding(
            column: nil, metric: .rowCountChange, value: percent, threshold: limit, exceeded: exceeded,
            message: "row count \(before) → \(after) (\(Self.signed(percent))%, limit ±\(Self.format(limit))%)")
    }

    private func compare(_ before: ColumnProfile, _ after: ColumnProfile) -> [DriftFinding] {
        let name = after.name
        var findings: [DriftFinding] = []
        if before.type.uppercased() != after.type.uppercased() {
            findings.append(
                DriftFinding(
                    column: name, metric: .typeChanged, value: 1, threshold: nil, exceeded: false,
                    message: "\(name): type \(before.type) → \(after.type)"))
        }
        let points = (after.nullRate - before.nullRate) * 100
        findings.append(
            DriftFinding(
                column: name, metric: .nullRateChange, value: points, threshold: settings.nullRatePoints,
                exceeded: abs(points) > settings.nullRatePoints,
                message:
                    "\(name): nulls \(Self.format(before.nullRate * 100))% → \(Self.format(after.nullRate * 100))% "
                    + "(\(Self.signed(points)) points, limit ±\(Self.format(settings.nullRatePoints)))"))
        // Distributions of different kinds (a number become text) are not comparable.
        guard before.kind == after.kind, before.count >= Self.minimumValues, after.count >= Self.minimumValues else {
            return findings
        }

        let categorical = before.topValuesCoverAll && after.topValuesCoverAll
        if categorical {
            let old = Set(before.topValues?.map(\.value) ?? []), new = Set(after.topValues?.map(\.value) ?? [])
            let added = (after.topValues ?? []).map(\.value).filter { !old.contains($0) }
            let gone = (before.topValues ?? []).map(\.value).filter { !new.contains($0) }
            if !added.isEmpty {
                findings.append(
                    DriftFinding(
                        column: name, metric: .newCategories, value: Double(added.count), threshold: nil,
                        exceeded: true, message: "\(name): new values \(Self.list(added))", values: added))
            }
            if !gone.isEmpty {
                findings.append(
                    DriftFinding(
                        column: name, metric: .vanishedCategories, value: Double(gone.count), threshold: nil,
                        exceeded: true, message: "\(name): values no longer present \(Self.list(gone))", values: gone))
            }
        }
        let psi: Double?
        if categorical || (before.kind != .number && before.kind != .time) {
            psi = Self.categoryPSI(before, after)
        } else {
            psi = Self.quantilePSI(before, after)
        }
        if let psi {
            findings.append(
                DriftFinding(
                    column: name, metric: .psi, value: psi, threshold: settings.psi, exceeded: psi > settings.psi,
                    message:
                        "\(name): distribution shift PSI \(Self.format(psi, digits: 3)) (limit \(Self.format(settings.psi, digits: 3)))"
                ))
        }
        return findings
    }

    /// PSI over the previous profile's quantile bins. Both CDFs are read off the profiles'
    /// quantiles by linear interpolation, the same way, so two samples of one distribution
    /// give (nearly) the same shares.
    static func quantilePSI(_ before: ColumnProfile, _ after: ColumnProfile) -> Double? {
        guard let old = before.quantiles, let new = after.quantiles, old.count >= 2, new.count >= 2 else { return nil }
        // Interior quantiles of the previous snapshot are the edges; equal edges merge bins.
        var edges: [Double] = []
        for q in old.dropFirst().dropLast() where edges.last.map({ q.value > $0 }) ?? true { edges.append(q.value) }
        guard !edges.isEmpty else { return nil }
        func shares(_ points: [ColumnProfile.Quantile]) -> [Double] {
            var cdf = edges.map { cumulative(points, at: $0) }
            cdf.append(1)
            var previous = 0.0
            return cdf.map { value in
                defer { previous = value }
                return value - previous
            }
        }
        return psi(expected: shares(old), actual: shares(new))
    }

    /// The share of values ≤ x, interpolated between quantiles; a value equal to several
    /// quantiles (many ties) gets the highest of their shares.
    static func cumulative(_ points: [ColumnProfile.Quantile], at x: Double) -> Double {
        guard let last = points.lastIndex(where: { $0.value <= x }) else { return 0 }
        guard last + 1 < points.count else { return 1 }
        let low = points[last], high = points[last + 1]
        return low.p + (high.p - low.p) * (x - low.value) / (high.value - low.value)
    }

    /// PSI over the previous profile's top values plus "everything else" (non-null values only).
    static func categoryPSI(_ before: ColumnProfile, _ after: ColumnProfile) -> Double? {
        guard let old = before.topValues, !old.isEmpty, let new = after.topValues else { return nil }
        let newCounts = Dictionary(new.map { ($0.value, $0.count) }, uniquingKeysWith: +)
        var expected = old.map { Double($0.count) / Double(before.count) }
        // A value outside the current top values is counted with "everything else".
        var actual = old.map { Double(newCounts[$0.value] ?? 0) / Double(after.count) }
        expected.append(Swift.max(0, 1 - expected.reduce(0, +)))
        actual.append(Swift.max(0, 1 - actual.reduce(0, +)))
        return psi(expected: expected, actual: actual)
    }

    static func psi(expected: [Double], actual: [Double]) -> Double {
        zip(expected, actual).reduce(0) { sum, pair in
            let e = Swift.max(pair.0, epsilon), a = Swift.max(pair.1, epsilon)
            return sum + (a - e) * Foundation.log(a / e)
        }
    }

    private static func format(_ value: Double, digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }
    private static func signed(_ value: Double) -> String { (value >= 0 ? "+" : "") + format(value) }
    private static func list(_ values: [ProfileValue]) -> String {
        let shown = values.prefix(5).map { "'\($0)'" }.joined(separator: ", ")
        return values.count > 5 ? shown + " and \(values.count - 5) more" : shown
    }
}
