import Foundation
import TesseraModel

extension Dashboards {
    /// The parameters' values: given ones checked, defaults for the rest; and how the header
    /// writes each (`period = 2026-01-01..2026-03-31`).
    struct ParameterValues {
        var values: [String: DashboardSQL.Value] = [:]
        var lines: [String] = []
    }

    func resolve(_ given: [String: String], of dashboard: Dashboard, as principal: Principal, now: Date)
        async throws(CoreError) -> ParameterValues
    {
        for name in given.keys.sorted() where dashboard.parameter(named: name) == nil {
            let known = dashboard.parameters.map(\.name)
            throw CoreError(
                .usage, "--param \(name): dashboard \(dashboard.qualifiedName) has no such parameter.",
                hint: known.isEmpty ? "it takes no parameters" : "its parameters: \(known.joined(separator: ", "))")
        }
        let days = Int((now.timeIntervalSince1970 / 86_400).rounded(.down))
        let today = DateRangeText.Day(daysSinceEpoch: days)
        var result = ParameterValues()
        for parameter in dashboard.parameters {
            switch parameter.kind {
            case .dateRange(let fallback):
                let text = given[parameter.name] ?? fallback
                guard let range = DateRangeText.parse(text, today: today) else {
                    throw CoreError(
                        .usage, "--param \(parameter.name)=\(text): not a date range.", hint: DateRangeText.hint)
                }
                result.values[parameter.name] = .dates(range)
                result.lines.append("\(parameter.name) = \(range.lowerBound)..\(range.upperBound)")
            case .category(let query, _, let fallback):
                let value = try await category(
                    parameter, query: query, chosen: given[parameter.name] ?? fallback, as: principal,
                    values: result.values)
                result.values[parameter.name] = .text(value)
                result.lines.append("\(parameter.name) = \(value)")
            }
        }
        return result
    }

    /// A category's value: the chosen one if the query lists it, else the query's first value.
    private func category(
        _ parameter: DashboardParameter, query: String, chosen: String?, as principal: Principal,
        values: [String: DashboardSQL.Value]
    ) async throws(CoreError) -> String {
        guard case .success(let sql) = DashboardSQL.substitute(query, values: values) else {
            throw CoreError(.usage, "parameter \(parameter.name): its query names a parameter it cannot use.")
        }
        let table = try await workspace.queries.typedTable(sql, as: principal, limit: Self.rowLimit)
        let options = table.rows.compactMap { $0.first ?? nil }
        guard let chosen else {
            guard let first = options.first else {
                throw CoreError(.usage, "parameter \(parameter.name): its query returned no values.")
            }
            return first
        }
        guard options.contains(chosen) else {
            throw CoreError(
                .usage, "--param \(parameter.name)=\(chosen): not one of its values.",
                hint: "its values: \(options.prefix(20).joined(separator: ", "))\(options.count > 20 ? ", …" : "")")
        }
        return chosen
    }
}
