import DuckDB
import TesseraCharts
import TesseraModel

/// A query's typed text rows as a chart's values: numbers parsed, dates and time stamps as
/// seconds since 1970 (UTC), the rest text.
enum ChartRows {
    static func table(_ typed: Queries.TypedTable) -> ChartTable {
        let columns = typed.columns.map { ChartColumn(name: $0.name, kind: ChartColumn.Kind($0.type)) }
        let rows = typed.rows.map { row in
            zip(row, columns).map { text, column in value(text, column.kind) }
        }
        return ChartTable(columns: columns, rows: rows, truncated: typed.truncated)
    }

    static func value(_ text: String?, _ kind: ChartColumn.Kind) -> ChartValue {
        guard let text else { return .null }
        switch kind {
        case .number: return Double(text).map { .number($0) } ?? .text(text)
        case .date: return seconds(text).map { .date($0) } ?? .text(text)
        case .text: return .text(text)
        }
    }

    /// `YYYY-MM-DD` with an optional ` HH:MM:SS…` (DuckDB's text of dates and time stamps).
    static func seconds(_ text: String) -> Double? {
        guard let day = DateRangeText.Day(iso: text.prefix(10)) else { return nil }
        var seconds = Double(day.daysSinceEpoch) * 86_400
        let time = text.dropFirst(11).prefix(8).split(separator: ":").compactMap { Int($0) }
        if time.count == 3 { seconds += Double(time[0] * 3600 + time[1] * 60 + time[2]) }
        return seconds
    }
}
