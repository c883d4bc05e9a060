import Yams

/// The arguments of one check being read: what the check is called, where it sits, the column it
/// is attached to, and its mapping of arguments when it has one. One method per kind of check
/// reads that kind's arguments; the column names and the relationship target met on the way are
/// kept, so the product loader can point at a column the contract lacks.
struct CheckArguments {
    let reader: YAMLReader
    let name: CheckKind.Name
    /// The value under the check's key: nil, a scalar, a list or a mapping.
    let value: Node?
    let keyNode: Node
    let path: String
    /// The column the check is attached to (a column's own `checks:`), if any.
    let column: String?
    let args: MappingReader?
    private(set) var columnNodes: [(name: String, node: Node)] = []
    private(set) var relationshipNode: Node?
    /// Where the text of a `sql` check's `query:` starts, to locate its diagnostics.
    private(set) var queryLocation: TextLocation?

    init(
        reader: YAMLReader, name: CheckKind.Name, value: Node?, keyNode: Node, path: String, column: String?,
        args: MappingReader?
    ) {
        self.reader = reader
        self.name = name
        self.value = value
        self.keyNode = keyNode
        self.path = path
        self.column = column
        self.args = args
    }

    private var example: String { "e.g. `\(YAMLReader.example(name))`" }

    mutating func kind() -> CheckKind? {
        switch name {
        case .unique, .notNull: columnsCheck()
        case .acceptedValues: acceptedValuesCheck()
        case .range: rangeCheck()
        case .regex: regexCheck()
        case .rowCount: rowCountCheck()
        case .freshness: freshnessCheck()
        case .relationship: relationshipCheck()
        case .rowCountChange: rowCountChangeCheck()
        case .sql: sqlCheck()
        }
    }

    /// The mapping form is required; reports (pointing at the value) and returns nil otherwise.
    private func requireArguments() -> MappingReader? {
        if let args { return args }
        if let value {
            reader.error("'\(path)' must be a mapping, found \(value.kindDescription)", at: value, hint: example)
        } else {
            reader.error("check '\(name.rawValue)' needs arguments", at: keyNode, hint: example)
        }
        return nil
    }

    /// `column:` of the arguments, else the column the check is attached to.
    private mutating func singleColumn(_ args: MappingReader) -> String? {
        if let node = args.value("column") {
            guard let text = reader.literal(node, path: "\(path).column") else { return nil }
            columnNodes.append((text, node))
            return text
        }
        if let column { return column }
        _ = args.required("column")
        return nil
    }

    /// `unique` and `not_null`: one column, a list, or `{column}`/`{columns}`.
    private mutating func columnsCheck() -> CheckKind? {
        var columns: [String] = []
        if let args {
            if args.has("column"), args.has("columns") {
                reader.error(
                    "give either 'column' or 'columns' in '\(path)', not both", at: args.entry("columns")?.keyNode)
            }
            if let items = args.strings("columns") {
                columnNodes += items.map { (name: $0.value, node: $0.node) }
                columns = items.map(\.value)
            } else if let single = singleColumn(args) {
                columns = [single]
            } else {
                return nil
            }
        } else if let value {
            guard let items = reader.strings(value, path: path) else { return nil }
            columnNodes += items.map { (name: $0.value, node: $0.node) }
            columns = items.map(\.value)
        } else if let column {
            columns = [column]
        } else {
            reader.error(
                "check '\(name.rawValue)' needs its columns here", at: keyNode,
                hint: "write `\(name.rawValue): <column>` or `\(name.rawValue): [<column>, …]`")
            return nil
        }
        guard !columns.isEmpty else {
            reader.error("check '\(name.rawValue)' names no column", at: value ?? keyNode, hint: example)
            return nil
        }
        return name == .unique ? .unique(columns: columns) : .notNull(columns: columns)
    }

    /// `accepted_values`: `{column, values}`, or the values alone under a column.
    private mutating func acceptedValuesCheck() -> CheckKind? {
        var valuesNode: Node?
        var target: String?
        if let value, case .sequence = value, let column {
            valuesNode = value
            target = column
        } else {
            guard let args = requireArguments() else { return nil }
            target = singleColumn(args)
            valuesNode = args.required("values")
        }
        guard let target, let valuesNode, let values = reader.strings(valuesNode, path: "\(path).values") else {
            return nil
        }
        guard !values.isEmpty else {
            reader.error("'\(path).values' is empty", at: valuesNode, hint: example)
            return nil
        }
        return .acceptedValues(column: target, values: values.map(\.value))
    }

    private mutating func rangeCheck() -> CheckKind? {
        guard let args = requireArguments() else { return nil }
        let target = singleColumn(args)
        let min = args.number("min"), max = args.number("max")
        guard let target else { return nil }
        if !args.has("min"), !args.has("max") {
            reader.error("check 'range' needs 'min' or 'max'", at: args.node, hint: example)
            return nil
        }
        if let min, let max, min > max {
            reader.error(
                "'\(path).min' (\(reader.format(min))) is greater than 'max' (\(reader.format(max)))",
                at: args.value("min"))
            return nil
        }
        return .range(column: target, min: min, max: max)
    }

    private mutating func regexCheck() -> CheckKind? {
        guard let args = requireArguments() else { return nil }
        let target = singleColumn(args)
        guard let pattern = args.required("pattern").flatMap({ reader.text($0, path: "\(path).pattern") }),
            let target
        else { return nil }
        return .regex(column: target, pattern: pattern)
    }

    private mutating func rowCountCheck() -> CheckKind? {
        guard let args = requireArguments() else { return nil }
        let min = args.integer("min"), max = args.integer("max")
        if !args.has("min"), !args.has("max") {
            reader.error("check 'row_count' needs 'min' or 'max'", at: args.node, hint: example)
            return nil
        }
        if let min, let max, min > max {
            reader.error("'\(path).min' (\(min)) is greater than 'max' (\(max))", at: args.value("min"))
            return nil
        }
        return .rowCount(min: min, max: max)
    }

    private mutating func freshnessCheck() -> CheckKind? {
        guard let args = requireArguments() else { return nil }
        let target = singleColumn(args)
        guard let ageNode = args.required("max_age"), let maxAge = reader.timeSpan(ageNode, path: "\(path).max_age"),
            let target
        else { return nil }
        return .freshness(column: target, maxAge: maxAge)
    }

    /// `relationship`: `{column, to}`, or the target alone under a column.
    private mutating func relationshipCheck() -> CheckKind? {
        var target: String?
        var toNode: Node?
        if let value, case .scalar = value, let column {
            target = column
            toNode = value
        } else {
            guard let args = requireArguments() else { return nil }
            target = singleColumn(args)
            toNode = args.required("to")
        }
        guard let toNode, let text = reader.literal(toNode, path: "\(path).to") else { return nil }
        guard let reference = ColumnReference(parsing: text) else {
            reader.error(
                "'\(path).to' must be domain.product.column, found '\(text)'", at: toNode,
                hint: "e.g. sales.customers.customer_id")
            return nil
        }
        guard let target else { return nil }
        relationshipNode = toNode
        return .relationship(column: target, to: reference)
    }

    private mutating func rowCountChangeCheck() -> CheckKind? {
        guard let args = requireArguments() else { return nil }
        guard let percentNode = args.required("max_pct"),
            let percent = reader.number(percentNode, path: "\(path).max_pct")
        else { return nil }
        guard percent >= 0 else {
            reader.error("'\(path).max_pct' must be 0 or more, found \(reader.format(percent))", at: percentNode)
            return nil
        }
        return .rowCountChange(maxPercent: percent)
    }

    private mutating func sqlCheck() -> CheckKind? {
        guard let args = requireArguments() else { return nil }
        let checkName = args.required("name").flatMap { reader.name($0, path: "\(path).name", kind: "check") }
        let query = args.required("query").flatMap { reader.text($0, path: "\(path).query") }
        guard let checkName, let query else { return nil }
        queryLocation = args.value("query").map { reader.textLocation($0, key: args.entry("query")?.keyNode) }
        return .sql(name: checkName, query: query)
    }
}
