import Yams

extension MappingReader {
    /// A SQL type under `key`, mending the one YAML pitfall types have: in a flow mapping
    /// (`{name: amount, type: DECIMAL(12,2)}`, the natural way to write a contract column) the
    /// comma ends the plain scalar, leaving `DECIMAL(12` and a null-valued key `2)`. While the
    /// parentheses are unbalanced, the following null-valued keys are joined back with commas.
    ///
    /// Returns the type and the keys it consumed, which are then not unknown keys.
    func sqlType(_ key: String, hint: String) -> (type: String?, consumedKeys: [String]) {
        guard let node = required(key, hint: hint), let text = reader.literal(node, path: qualified(key)) else {
            return (nil, [])
        }
        guard case .mapping = self.node, let start = entries.firstIndex(where: { $0.key == key }) else {
            return (text, [])
        }
        var type = text
        var consumed: [String] = []
        var index = start + 1
        while balance(type) > 0, index < entries.count, entries[index].value.isNull {
            type += "," + entries[index].key
            consumed.append(entries[index].key)
            index += 1
        }
        let (result, used) = balance(type) == 0 ? (type, consumed) : (text, [])
        // A type is spliced into SQL (`CAST(x AS <type>)`): one that would close what it is
        // spliced into, or end the statement, is no type.
        guard !result.contains(";"), isBalanced(result) else {
            reader.error(
                "'\(result)' in '\(qualified(key))' is not a SQL type: it holds ';' or an unbalanced ')'",
                at: node, hint: hint)
            return (nil, used)
        }
        return (result, used)
    }

    private func isBalanced(_ text: String) -> Bool {
        var depth = 0
        for character in text {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if depth < 0 { return false }
        }
        return depth == 0
    }

    private func balance(_ text: String) -> Int {
        text.reduce(0) { $0 + ($1 == "(" ? 1 : $1 == ")" ? -1 : 0) }
    }
}
