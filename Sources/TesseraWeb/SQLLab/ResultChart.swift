/// How the SQL lab charts a result: a chart type, the x column and up to three y columns. Chosen
/// in a form that posts the query again (so it works without a script); left unchosen, guessed
/// from the columns' kinds on the page.
struct ResultChart: Equatable {
    enum Kind: String, CaseIterable {
        case bar, line, scatter, table

        var words: String {
            switch self {
            case .bar: "Bar chart"
            case .line: "Line chart"
            case .scatter: "Scatter plot"
            case .table: "Table only"
            }
        }
    }

    /// The y selects: the first is the measure, the others add series to a line or a scatter.
    static let ySlots = ["y1", "y2", "y3"]

    var kind: Kind
    var x: String
    var y: [String]

    /// The choice posted with the form (`chart`, `x`, `y1`…`y3`), or the guess when there is none.
    init(_ form: [String: String], _ columns: ResultColumns) {
        guard let chosen = form["chart"].flatMap(Kind.init(rawValue:)) else {
            self = Self.guess(columns)
            return
        }
        let guess = Self.guess(columns)
        kind = chosen
        x = form["x"].flatMap { $0.isEmpty ? nil : $0 } ?? guess.x
        y = Self.ySlots.compactMap { form[$0].flatMap { $0.isEmpty ? nil : $0 } }
        if y.isEmpty, form["y1"] == nil { y = guess.y }
    }

    init(kind: Kind, x: String, y: [String]) {
        self.kind = kind
        self.x = x
        self.y = y
    }

    /// A label and a number: bars. A time (or a number) then numbers: a line of each, up to
    /// three. Two numbers: a scatter plot. Anything else: the table alone.
    static func guess(_ columns: ResultColumns) -> ResultChart {
        let kinds = columns.kinds, names = columns.names
        guard kinds.count >= 2 else { return ResultChart(kind: .table, x: names.first ?? "", y: []) }
        let numbers = Array(names.indices.dropFirst().filter { kinds[$0] == .number }.prefix(ySlots.count))
        let measures = numbers.map { names[$0] }
        switch (kinds[0], kinds[1]) {
        case (.text, .number): return ResultChart(kind: .bar, x: names[0], y: [names[1]])
        case (.time, .number): return ResultChart(kind: .line, x: names[0], y: measures)
        case (.number, .number) where kinds.count == 2: return ResultChart(kind: .scatter, x: names[0], y: [names[1]])
        case (.number, .number): return ResultChart(kind: .line, x: names[0], y: measures)
        default: return ResultChart(kind: .table, x: names[0], y: measures.isEmpty ? [names[1]] : [measures[0]])
        }
    }

    /// The form fields that carry this choice to another page of the same result.
    var fields: [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = [(name: "chart", value: kind.rawValue), (name: "x", value: x)]
        for (slot, name) in zip(Self.ySlots, y) { fields.append((name: slot, value: name)) }
        return fields
    }

    /// What to draw, or why it cannot be drawn, in words.
    func plan(_ columns: ResultColumns) -> Result<ChartPlan, ChartProblem> {
        guard kind != .table else { return .failure(ChartProblem("No chart: the rows are shown as a table only.")) }
        guard let xKind = columns.kind(x) else {
            return .failure(ChartProblem("The result has no column \(x) to put on the x axis: choose another."))
        }
        guard !y.isEmpty else { return .failure(ChartProblem("Choose a y column of numbers to chart.")) }
        for name in y {
            guard let held = columns.kind(name) else {
                return .failure(ChartProblem("The result has no column \(name) to put on the y axis: choose another."))
            }
            if held != .number {
                let sample = columns.values(name).compactMap { $0 }.first { ResultColumns.number($0) == nil }
                return .failure(
                    ChartProblem(
                        "\(name) cannot be a y axis: it holds \(held == .time ? "times" : "text"), not numbers"
                            + (sample.map { " (\"\($0.prefix(40))\" on this page)" } ?? "") + "."))
            }
        }
        if kind != .bar, xKind == .text {
            return .failure(
                ChartProblem(
                    "A \(kind == .line ? "line chart" : "scatter plot") needs an x column of numbers, dates or times; "
                        + "\(x) holds text. Choose a bar chart, or another x column."))
        }
        return .success(ChartPlan(kind: kind, x: x, xKind: xKind, y: kind == .bar ? [y[0]] : y))
    }
}

/// A chart that can be drawn: its columns checked against the page's values.
struct ChartPlan: Equatable {
    var kind: ResultChart.Kind
    var x: String
    var xKind: ResultColumns.Kind
    var y: [String]
}

/// Why a chart cannot be drawn, as a sentence for the page.
struct ChartProblem: Error, Equatable {
    let sentence: String
    init(_ sentence: String) { self.sentence = sentence }
}
