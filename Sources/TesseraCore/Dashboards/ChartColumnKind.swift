import DuckDB
import TesseraCharts

extension ChartColumn.Kind {
    /// What a result column holds for a chart: a number, a date (or time stamp), or text
    /// (everything else, a masked column included).
    init(_ type: DuckDBType) {
        switch type {
        case .tinyint, .smallint, .integer, .bigint, .hugeint, .utinyint, .usmallint, .uinteger, .ubigint, .uhugeint,
            .float, .double, .decimal:
            self = .number
        case .date, .timestamp, .timestampS, .timestampMS, .timestampNS, .timestampTZ:
            self = .date
        default:
            self = .text
        }
    }
}
