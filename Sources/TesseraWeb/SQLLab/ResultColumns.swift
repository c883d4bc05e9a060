import TesseraCore

/// What each column of a SQL lab result holds, judged from the values of the page shown: the
/// core hands every value over as text (a page, not the whole result), so a column is a number
/// when every value on the page reads as one, a time when every value reads as a date or a
/// timestamp, and text otherwise.
struct ResultColumns {
    enum Kind: String { case number, time, text }

    let names: [String]
    let kinds: [Kind]
    let rows: [[String?]]

    init(_ table: Queries.Table) {
        names = table.columns
        rows = table.rows
        kinds = table.columns.indices.map { index in
            Self.kind(of: table.rows.lazy.compactMap { $0.indices.contains(index) ? $0[index] : nil })
        }
    }

    func index(of name: String) -> Int? { names.firstIndex(of: name) }

    func kind(_ name: String) -> Kind? { index(of: name).map { kinds[$0] } }

    /// The column's values on the page, in row order (nil where NULL or missing).
    func values(_ name: String) -> [String?] {
        guard let index = index(of: name) else { return [] }
        return rows.map { $0.indices.contains(index) ? $0[index] : nil }
    }

    /// A value on a continuous axis: a number as it is, a time in seconds since 1970 (UTC).
    func position(_ text: String?, as kind: Kind) -> Double? {
        guard let text else { return nil }
        switch kind {
        case .number: return Self.number(text)
        case .time: return ResultTime.seconds(text)
        case .text: return nil
        }
    }

    /// Text when a column has no values at all: nothing on the page says otherwise.
    static func kind<Values: Sequence>(of values: Values) -> Kind where Values.Element == String {
        var number = true, time = true, any = false
        for value in values {
            any = true
            if number, Self.number(value) == nil { number = false }
            if time, ResultTime.seconds(value) == nil { time = false }
            if !number, !time { return .text }
        }
        guard any else { return .text }
        return number ? .number : .time
    }

    static func number(_ text: String) -> Double? {
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }
}
