import Yams

/// A check as read, with the nodes its column names came from, so that the product loader can
/// point at a column the contract lacks.
struct ParsedCheck {
    var check: Check
    var columnNodes: [(name: String, node: Node)]
    /// The `to:` value of a relationship check.
    var relationshipNode: Node?
}

extension YAMLReader {
    /// A `checks:` list. `column` is set for the checks of one model column, which may then leave
    /// the column out (`checks: [not_null, unique]`).
    func checks(_ node: Node, path: String, column: String?) -> [ParsedCheck] {
        guard let items = list(node, path: path) else { return [] }
        var result: [ParsedCheck] = []
        var sqlNames: [String: Node] = [:]
        for (index, item) in items.enumerated() {
            guard let parsed = check(item, path: "\(path)[\(index + 1)]", column: column) else { continue }
            if case let .sql(name, _) = parsed.check.kind {
                if let first = sqlNames[name] {
                    error(
                        "two sql checks are named '\(name)' in '\(path)'", at: item,
                        hint: "the first is at line \(location(first).line); check names must be unique")
                    continue
                }
                sqlNames[name] = item
            }
            result.append(parsed)
        }
        return result
    }

    private static let modifiers = ["severity", "where"]

    func check(_ item: Node, path: String, column: String?) -> ParsedCheck? {
        let allNames = CheckKind.Name.allCases.map(\.rawValue)
        switch item {
        case let .scalar(scalar):
            guard let name = checkName(scalar.string, at: item) else { return nil }
            return arguments(
                of: name, value: nil, keyNode: item, itemPath: path, column: column, item: item, modifiers: [:])
        case .mapping:
            guard let mapping = mapping(item, path: path) else { return nil }
            var kinds: [MappingReader.Entry] = []
            for entry in mapping.entries {
                if allNames.contains(entry.key) {
                    kinds.append(entry)
                } else if !YAMLReader.modifiers.contains(entry.key) {
                    error(
                        "unknown check '\(entry.key)'", at: entry.keyNode,
                        hint: didYouMean(entry.key, among: allNames + YAMLReader.modifiers)
                            ?? "expected one of \(allNames.joined(separator: ", "))")
                }
            }
            guard let kindEntry = kinds.first, let name = CheckKind.Name(rawValue: kindEntry.key) else {
                if mapping.entries.allSatisfy({ YAMLReader.modifiers.contains($0.key) }) {
                    error(
                        "'\(path)' names no check", at: item,
                        hint: "expected one of \(allNames.joined(separator: ", "))")
                }
                return nil
            }
            if kinds.count > 1 {
                error(
                    "'\(path)' holds more than one check ('\(kindEntry.key)' and '\(kinds[1].key)')",
                    at: kinds[1].keyNode,
                    hint: "write each check as its own list item")
            }
            var modifiers: [String: Node] = [:]
            for key in YAMLReader.modifiers { if let value = mapping.value(key) { modifiers[key] = value } }
            return arguments(
                of: name, value: kindEntry.value.isNull ? nil : kindEntry.value, keyNode: kindEntry.keyNode,
                itemPath: path, column: column, item: item, modifiers: modifiers)
        default:
            error("'\(path)' must be a check name or a mapping, found \(item.kindDescription)", at: item)
            return nil
        }
    }

    private func checkName(_ text: String, at node: Node) -> CheckKind.Name? {
        if let name = CheckKind.Name(rawValue: text) { return name }
        let allNames = CheckKind.Name.allCases.map(\.rawValue)
        error(
            "unknown check '\(text)'", at: node,
            hint: didYouMean(text, among: allNames) ?? "expected one of \(allNames.joined(separator: ", "))")
        return nil
    }

    /// Reads the arguments of one check from `value` (nil, a scalar, a list or a mapping).
    private func arguments(
        of name: CheckKind.Name, value: Node?, keyNode: Node, itemPath: String, column: String?, item: Node,
        modifiers itemModifiers: [String: Node]
    ) -> ParsedCheck? {
        let path = "\(itemPath).\(name.rawValue)"
        var modifiers = itemModifiers
        var modifierKeys = Self.keyNodes(of: item, YAMLReader.modifiers)
        var args: MappingReader?
        if let value, case .mapping = value {
            guard let mapping = mapping(value, path: path) else { return nil }
            mapping.allowKeys(YAMLReader.argumentKeys(name) + YAMLReader.modifiers)
            for key in YAMLReader.modifiers {
                if let found = mapping.entry(key) { modifiers[key] = found.value; modifierKeys[key] = found.keyNode }
            }
            args = mapping
        }
        var queryLocation: TextLocation?
        var columnNodes: [(name: String, node: Node)] = []
        var relationshipNode: Node?
        let example = "e.g. `\(YAMLReader.example(name))`"

        /// The mapping form is required; reports (pointing at the value) and returns nil otherwise.
        func requireArguments() -> MappingReader? {
            if let args { return args }
            if let value {
                error("'\(path)' must be a mapping, found \(value.kindDescription)", at: value, hint: example)
            } else {
                error("check '\(name.rawValue)' needs arguments", at: keyNode, hint: example)
            }
            return nil
        }
        /// `column:` of the arguments, else the column the check is attached to.
        func singleColumn(_ args: MappingReader) -> String? {
            if let node = args.value("column") {
                guard let text = literal(node, path: "\(path).column") else { return nil }
                columnNodes.append((text, node))
                return text
            }
            if let column { return column }
            _ = args.required("column")
            return nil
        }

        let kind: CheckKind
        switch name {
        case .unique, .notNull:
            var columns: [String] = []
            if let args {
                if args.has("column"), args.has("columns") {
                    error(
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
                guard let items = strings(value, path: path) else { return nil }
                columnNodes += items.map { (name: $0.value, node: $0.node) }
                columns = items.map(\.value)
            } else if let column {
                columns = [column]
            } else {
                error(
                    "check '\(name.rawValue)' needs its columns here", at: keyNode,
                    hint: "write `\(name.rawValue): <column>` or `\(name.rawValue): [<column>, …]`")
                return nil
            }
            guard !columns.isEmpty else {
                error("check '\(name.rawValue)' names no column", at: value ?? keyNode, hint: example)
                return nil
            }
            kind = name == .unique ? .unique(columns: columns) : .notNull(columns: columns)
        case .acceptedValues:
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
            guard let target, let valuesNode, let values = strings(valuesNode, path: "\(path).values") else {
                return nil
            }
            guard !values.isEmpty else {
                error("'\(path).values' is empty", at: valuesNode, hint: example)
                return nil
            }
            kind = .acceptedValues(column: target, values: values.map(\.value))
        case .range:
            guard let args = requireArguments() else { return nil }
            let target = singleColumn(args)
            let min = args.number("min"), max = args.number("max")
            guard let target else { return nil }
            if !args.has("min"), !args.has("max") {
                error("check 'range' needs 'min' or 'max'", at: args.node, hint: example)
                return nil
            }
            if let min, let max, min > max {
                error("'\(path).min' (\(format(min))) is greater than 'max' (\(format(max)))", at: args.value("min"))
                return nil
            }
            kind = .range(column: target, min: min, max: max)
        case .regex:
            guard let args = requireArguments() else { return nil }
            let target = singleColumn(args)
            guard let pattern = args.required("pattern").flatMap({ string($0, path: "\(path).pattern")?.value }),
                let target
            else { return nil }
            kind = .regex(column: target, pattern: pattern)
        case .rowCount:
            guard let args = requireArguments() else { return nil }
            let min = args.integer("min"), max = args.integer("max")
            if !args.has("min"), !args.has("max") {
                error("check 'row_count' needs 'min' or 'max'", at: args.node, hint: example)
                return nil
            }
            if let min, let max, min > max {
                error("'\(path).min' (\(min)) is greater than 'max' (\(max))", at: args.value("min"))
                return nil
            }
            kind = .rowCount(min: min, max: max)
        case .freshness:
            guard let args = requireArguments() else { return nil }
            let target = singleColumn(args)
            guard let ageNode = args.required("max_age"), let maxAge = timeSpan(ageNode, path: "\(path).max_age"),
                let target
            else { return nil }
            kind = .freshness(column: target, maxAge: maxAge)
        case .relationship:
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
            guard let toNode, let text = literal(toNode, path: "\(path).to") else { return nil }
            guard let reference = ColumnReference(parsing: text) else {
                error(
                    "'\(path).to' must be domain.product.column, found '\(text)'", at: toNode,
                    hint: "e.g. sales.customers.customer_id")
                return nil
            }
            guard let target else { return nil }
            relationshipNode = toNode
            kind = .relationship(column: target, to: reference)
        case .rowCountChange:
            guard let args = requireArguments() else { return nil }
            guard let percentNode = args.required("max_pct"), let percent = number(percentNode, path: "\(path).max_pct")
            else { return nil }
            guard percent >= 0 else {
                error("'\(path).max_pct' must be 0 or more, found \(format(percent))", at: percentNode)
                return nil
            }
            kind = .rowCountChange(maxPercent: percent)
        case .sql:
            guard let args = requireArguments() else { return nil }
            let checkName = args.required("name").flatMap { self.name($0, path: "\(path).name", kind: "check") }
            let query = args.required("query").flatMap { string($0, path: "\(path).query")?.value }
            guard let checkName, let query else { return nil }
            kind = .sql(name: checkName, query: query)
            queryLocation = args.value("query").map { textLocation($0, key: args.entry("query")?.keyNode) }
        }

        var severity = Check.Severity.error
        if let node = modifiers["severity"],
            let parsed = enumeration(node, path: "\(itemPath).severity", as: Check.Severity.self)
        {
            severity = parsed
        }
        let condition = modifiers["where"].flatMap { string($0, path: "\(itemPath).where")?.value }
        var check = Check(kind: kind, severity: severity, where: condition, location: location(item))
        check.queryLocation = queryLocation
        check.whereLocation = modifiers["where"].map { textLocation($0, key: modifierKeys["where"]) }
        return ParsedCheck(check: check, columnNodes: columnNodes, relationshipNode: relationshipNode)
    }

    /// The key nodes of `keys` in `node`, when it is a mapping.
    static func keyNodes(of node: Node, _ keys: [String]) -> [String: Node] {
        guard case let .mapping(mapping) = node else { return [:] }
        var found: [String: Node] = [:]
        for (key, _) in mapping { if let name = key.string, keys.contains(name) { found[name] = key } }
        return found
    }

    func timeSpan(_ node: Node, path: String) -> TimeSpan? {
        guard let text = literal(node, path: path) else { return nil }
        do {
            return try TimeSpan(parsing: text)
        } catch {
            self.error(
                "invalid duration '\(text)' for '\(path)': \(error.reason)", at: node,
                hint: "write a number and a unit (w, d, h, m, s), e.g. 24h, 2d, 30m or 1h30m")
            return nil
        }
    }

    private func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }

    static func argumentKeys(_ name: CheckKind.Name) -> [String] {
        switch name {
        case .unique, .notNull: ["column", "columns"]
        case .acceptedValues: ["column", "values"]
        case .range: ["column", "min", "max"]
        case .regex: ["column", "pattern"]
        case .rowCount: ["min", "max"]
        case .freshness: ["column", "max_age"]
        case .relationship: ["column", "to"]
        case .rowCountChange: ["max_pct"]
        case .sql: ["name", "query"]
        }
    }

    static func example(_ name: CheckKind.Name) -> String {
        switch name {
        case .unique: "unique: order_id"
        case .notNull: "not_null: [order_id, customer_id]"
        case .acceptedValues: "accepted_values: {column: status, values: [placed, shipped]}"
        case .range: "range: {column: amount, min: 0, max: 100000}"
        case .regex: "regex: {column: email, pattern: '^[^@]+@[^@]+$'}"
        case .rowCount: "row_count: {min: 1}"
        case .freshness: "freshness: {column: ordered_at, max_age: 2d}"
        case .relationship: "relationship: {column: customer_id, to: sales.customers.customer_id}"
        case .rowCountChange: "row_count_change: {max_pct: 50}"
        case .sql: "sql: {name: no_free_orders, query: \"select * from @product where amount = 0\"}"
        }
    }
}
