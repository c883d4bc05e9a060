/// The names lineage gives a dashboard's parts, typed after `tessera lineage sales.revenue/`: a
/// chart by its title made into a word (`Revenue by country` → `revenue_by_country`), and a
/// category parameter as `@name`. A chart field is `<chart key>.<result column>`.
extension Dashboard {
    /// One key per chart, in order, unique within the dashboard: an untitled chart is
    /// `chart_<N>`, a title met before gets `_<N>` (its position) appended.
    public var chartKeys: [String] {
        var seen: Set<String> = []
        return charts.enumerated().map { offset, chart in
            var key = Self.word(chart.title)
            if key.isEmpty { key = "chart_\(offset + 1)" }
            if seen.contains(key) { key += "_\(offset + 1)" }
            seen.insert(key)
            return key
        }
    }

    /// `@country`: the vertex of a category parameter, fed by what its query reads.
    public static func parameterKey(_ name: String) -> String { "@\(name)" }

    /// Lowercased letters and digits, every other run of characters one `_`.
    static func word(_ title: String) -> String {
        var out = ""
        var pendingGap = false
        for character in title.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingGap, !out.isEmpty { out.append("_") }
                out.append(character)
                pendingGap = false
            } else {
                pendingGap = true
            }
        }
        return out
    }
}
