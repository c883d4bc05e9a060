import DuckDB
import Foundation
import TesseraModel

extension CheckPlan {
    /// Turns a unit's values from the scan into its status, counts and message.
    func evaluate(_ unit: CheckUnit, values: [DuckDBValue], into result: inout CheckResult) {
        let first = values.first ?? .null
        let scope = unit.check.where.map { " among rows where \($0)" } ?? ""
        func counted(_ expected: String, _ found: (Int64) -> String) {
            let failing = first.int64Value ?? 0
            result.failingRows = failing
            result.status = failing == 0 ? .passed : .failed
            result.message = "expected \(expected)\(scope); found \(found(failing))"
        }
        switch (unit.form, unit.check.kind) {
        case let (.unique(columns, _), _):
            let key = columns.count == 1 ? columns[0] : "(\(columns.joined(separator: ", ")))"
            counted("\(key) to be unique") { $0 == 0 ? "no duplicates" : "\(rows($0)) repeating an earlier key" }
        case let (.rowPredicate, .notNull(columns)):
            let column = columns.count == 1 ? columns[0] : String(unit.name.dropFirst("not_null(".count).dropLast())
            counted("no NULL in \(column)") { $0 == 0 ? "none" : "\(rows($0)) with NULL" }
        case let (.rowPredicate, .acceptedValues(column, values)):
            counted("\(column) to be one of \(values.joined(separator: ", "))") {
                $0 == 0 ? "no other value" : "\(rows($0)) with other values"
            }
        case let (.rowPredicate, .range(column, min, max)):
            let bounds =
                switch (min, max) {
                case let (min?, max?): "between \(CheckUnit.number(min)) and \(CheckUnit.number(max))"
                case let (min?, nil): "at least \(CheckUnit.number(min))"
                case let (nil, max?): "at most \(CheckUnit.number(max))"
                case (nil, nil): "within no bounds"
                }
            counted("\(column) \(bounds)") { $0 == 0 ? "none outside" : "\(rows($0)) outside" }
        case let (.rowPredicate, .regex(column, pattern)):
            counted("\(column) to match '\(pattern)'") { $0 == 0 ? "no mismatch" : "\(rows($0)) that do not" }
        case let (.rowPredicate, .relationship(column, reference)):
            counted("every \(column) to exist in \(reference)") {
                $0 == 0 ? "no orphan" : "\(rows($0)) without a match"
            }
        case (.rowPredicate, _):
            counted("no failing rows") { rows($0) }
        case let (.rowCount(min, max), _):
            evaluateRowCount(first.int64Value ?? 0, min: min, max: max, scope: scope, into: &result)
        case let (.freshness(column, maxAge, _), _):
            evaluateFreshness(
                column: column, maxAge: maxAge, newest: first.stringValue,
                epoch: values.count > 1 ? values[1].doubleValue : nil, scope: scope, into: &result)
        case let (.rowCountChange(maxPercent), _):
            evaluateRowCountChange(first.int64Value ?? 0, maxPercent: maxPercent, scope: scope, into: &result)
        case (.sql, _), (.invalid, _):
            result.status = .error
            result.message = "the check was not part of the scan"
        }
    }

    private func rows(_ count: Int64) -> String { count == 1 ? "1 row" : "\(count) rows" }

    private func evaluateRowCount(_ count: Int64, min: Int?, max: Int?, scope: String, into result: inout CheckResult) {
        result.observed = String(count)
        let tooFew = min.map { count < Int64($0) } ?? false
        let tooMany = max.map { count > Int64($0) } ?? false
        result.status = tooFew || tooMany ? .failed : .passed
        let expected =
            switch (min, max) {
            case let (min?, max?): "between \(min) and \(max) rows"
            case let (min?, nil): "at least \(min) rows"
            case let (nil, max?): "at most \(max) rows"
            case (nil, nil): "any number of rows"
            }
        result.message = "expected \(expected)\(scope); found \(count)"
    }

    private func evaluateFreshness(
        column: String, maxAge: TimeSpan, newest: String?, epoch: Double?, scope: String,
        into result: inout CheckResult
    ) {
        result.observed = newest
        let expected = "the newest \(column) at most \(maxAge) old\(scope)"
        guard let newest, let epoch else {
            result.status = .failed
            result.message = "expected \(expected); found no value"
            return
        }
        let age = context.now.timeIntervalSince1970 - epoch
        result.status = age > maxAge.timeInterval ? .failed : .passed
        let ageText = age < 0 ? "in the future" : "\(TimeSpan(seconds: Int(age.rounded(.down)))) old"
        result.message = "expected \(expected); found \(newest), \(ageText)"
    }

    private func evaluateRowCountChange(
        _ count: Int64, maxPercent: Double, scope: String, into result: inout CheckResult
    ) {
        let expected = "the row count\(scope) to change by at most \(CheckUnit.number(maxPercent))%"
        guard let previous = context.previousRowCount else {
            result.status = .passed
            result.message = "expected \(expected); no previous snapshot to compare with (now \(count) rows)"
            return
        }
        let change: Double =
            previous == 0
            ? (count == 0 ? 0 : .infinity)
            : (Double(count) - Double(previous)) / Double(previous) * 100
        let text = change.isInfinite ? "+∞%" : (change >= 0 ? "+" : "") + String(format: "%.2f", change) + "%"
        result.observed = text
        result.status = abs(change) > maxPercent ? .failed : .passed
        result.message = "expected \(expected); it changed by \(text) (\(previous) → \(count) rows)"
    }
}
