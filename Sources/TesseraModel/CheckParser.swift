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
        var reading = CheckArguments(
            reader: self, name: name, value: value, keyNode: keyNode, path: path, column: column, args: args)
        guard let kind = reading.kind() else { return nil }
        var severity = Check.Severity.error
        if let node = modifiers["severity"],
            let parsed = enumeration(node, path: "\(itemPath).severity", as: Check.Severity.self)
        {
            severity = parsed
        }
        let condition = modifiers["where"].flatMap { text($0, path: "\(itemPath).where") }
        var check = Check(kind: kind, severity: severity, where: condition, location: location(item))
        check.queryLocation = reading.queryLocation
        check.whereLocation = modifiers["where"].map { textLocation($0, key: modifierKeys["where"]) }
        return ParsedCheck(check: check, columnNodes: reading.columnNodes, relationshipNode: reading.relationshipNode)
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

    func format(_ number: Double) -> String {
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
