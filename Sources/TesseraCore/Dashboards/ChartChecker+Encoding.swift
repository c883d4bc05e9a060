import DuckDB
import TesseraCharts
import TesseraModel

extension ChartChecker {
    /// Every column the encoding names is in the result, with a type the chart can draw; the
    /// number and date formats are ones the renderer reads.
    func encodingProblems(_ chart: Chart, subject: String, columns: [ResultColumn]) -> [Diagnostic] {
        let kinds = Dictionary(
            columns.map { ($0.name, ChartColumn.Kind($0.type)) }, uniquingKeysWith: { first, _ in first })
        let names = columns.map(\.name)
        var problems: [Diagnostic] = []
        for field in chart.encoding.fields where kinds[field.column] == nil {
            let close = names.filter { distance(field.column, $0) <= max(2, field.column.count / 3) }
                .min { distance(field.column, $0) < distance(field.column, $1) }
            let hint =
                "its columns are \(names.joined(separator: ", "))" + (close.map { "; did you mean '\($0)'?" } ?? "")
            problems.append(
                .error("\(subject): the result has no column '\(field.column)'", at: field.location, hint: hint))
        }
        var numeric = chart.type.needsNumericY ? chart.encoding.y : []
        if chart.type == .histogram, let x = chart.encoding.x { numeric.append(x) }
        if let compare = chart.encoding.compare { numeric.append(compare) }
        for field in numeric {
            guard let kind = kinds[field.column], kind != .number else { continue }
            problems.append(
                .error(
                    "\(subject): '\(field.column)' is \(kind.rawValue), but a \(chart.type.rawValue) chart measures numbers",
                    at: field.location,
                    hint: "cast it in the SQL (e.g. CAST(\(field.column) AS DOUBLE)) or measure another column"))
        }
        if let pattern = chart.encoding.numberFormat, !NumberFormat.isValid(pattern) {
            problems.append(
                .error(
                    "\(subject): invalid number_format '\(pattern)'", at: chart.location,
                    hint: "e.g. 0,0 · 0.00 · 0.0% · $0,0.00 · 0.0a"))
        }
        if let pattern = chart.encoding.dateFormat, !DateFormat.isValid(pattern) {
            problems.append(
                .error(
                    "\(subject): invalid date_format '\(pattern)'", at: chart.location,
                    hint: "directives: %Y %m %d %e %b %B %a %H %M %S, e.g. %d %b %Y"))
        }
        return problems
    }

    /// Edit distance, for the nearest column name in a hint.
    private func distance(_ a: String, _ b: String) -> Int {
        let (a, b) = (Array(a), Array(b))
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var diagonal = row[0]
            row[0] = i
            for j in 1...b.count {
                let above = row[j]
                row[j] = min(above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1))
                diagonal = above
            }
        }
        return row[b.count]
    }
}
