import Yams

/// Reads typed values out of one file's YAML nodes and reports every problem to the sink.
///
/// Readers never stop at the first problem: a bad value is reported and read as absent, so the
/// caller applies its default and keeps going.
struct YAMLReader {
    let file: String
    let sink: DiagnosticSink
    let environment: [String: String]

    func location(_ node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return .start(of: file) }
        return SourceLocation(file: file, line: max(mark.line, 1), column: max(mark.column, 1))
    }

    /// Where the text of scalar `node` starts. A block's lines are taken to be indented two
    /// columns more than `key` (the usual layout; YAML lets the first line decide).
    func textLocation(_ node: Node, key: Node?) -> TextLocation {
        let at = location(node)
        guard case let .scalar(scalar) = node else { return TextLocation(start: at, isBlock: false) }
        switch scalar.style {
        case .literal, .folded:
            let column = (key.map { location($0).column } ?? 1) + 2
            return TextLocation(start: SourceLocation(file: file, line: at.line + 1, column: column), isBlock: true)
        case .singleQuoted, .doubleQuoted:
            return TextLocation(start: SourceLocation(file: file, line: at.line, column: at.column + 1), isBlock: false)
        case .plain, .any:
            return TextLocation(start: at, isBlock: false)
        }
    }

    func error(_ message: String, at node: Node?, hint: String? = nil) {
        sink.error(message, at: location(node), hint: hint)
    }

    func warning(_ message: String, at node: Node?, hint: String? = nil) {
        sink.warning(message, at: location(node), hint: hint)
    }

    /// `node` as a mapping; reports a type error (naming `path`) when it is something else.
    func mapping(_ node: Node?, path: String) -> MappingReader? {
        guard let node else { return MappingReader(reader: self, node: nil, path: path, entries: []) }
        guard case let .mapping(mapping) = node else {
            let subject = path.isEmpty ? "the file" : quoted(path)
            error("\(subject) must be a mapping of keys, found \(node.kindDescription)", at: node)
            return nil
        }
        var entries: [MappingReader.Entry] = []
        for (key, value) in mapping {
            guard case let .scalar(scalar) = key else {
                error("keys must be plain words, found \(key.kindDescription)", at: key)
                continue
            }
            entries.append(.init(key: scalar.string, keyNode: key, value: value))
        }
        return MappingReader(reader: self, node: node, path: path, entries: entries)
    }

    /// A credential (a connector's url, headers or params; OpenLineage's url and api_key), with
    /// `${NAME}` references resolved; nil (after reporting) otherwise. Only these fields may read
    /// the environment: each place that receives their value redacts it (``SecretRedactor``).
    func secret(_ node: Node, path: String) -> ConfigString? {
        guard case let .scalar(scalar) = node else {
            error("\(quoted(path)) must be a string, found \(node.kindDescription)", at: node)
            return nil
        }
        let (resolved, problems) = ConfigString.resolve(scalar.string, environment: environment)
        for problem in problems {
            switch problem {
            case let .unset(name):
                error(
                    "environment variable '\(name)' is not set (used by \(quoted(path)))", at: node,
                    hint: "set \(name) in the environment that runs tessera")
            case let .invalidReference(name):
                error(
                    "'${\(name)}' in \(quoted(path)) is not a valid environment variable reference", at: node,
                    hint: "names are letters, digits and '_', not starting with a digit; write $$ for a literal $")
            case .unterminated:
                error(
                    "'${' without a closing '}' in \(quoted(path))", at: node,
                    hint: "write ${NAME}, or $$ for a literal $")
            }
        }
        return resolved
    }

    /// Where `${NAME}` may be used, for the hints of the fields where it may not.
    static let secretFieldsHint =
        "${NAME} may be used only in credentials: a postgres or http connector's url, an http connector's headers and params, openlineage's url and api_key, an alert's webhook; write $${ for a literal ${"

    /// Free text (descriptions, owners, paths, a check's `where:`, SQL): `$$` is a literal `$`,
    /// and `${NAME}` is refused (reported, and the text returned as written). Such text is shown
    /// by `catalog`, printed in run output and stored in the catalog, so a value from the
    /// environment would leak through it.
    func text(_ node: Node, path: String) -> String? {
        guard case let .scalar(scalar) = node else {
            error("\(quoted(path)) must be a string, found \(node.kindDescription)", at: node)
            return nil
        }
        // Resolved against no environment: every reference, set or not, shows up as a problem.
        let (resolved, problems) = ConfigString.resolve(scalar.string, environment: [:])
        guard problems.isEmpty else {
            refuseReferences(in: scalar.string, at: node, path: path)
            // The text as written, never a value: the project has an error and is not used, but the
            // field is there, so no rule reports it missing.
            return scalar.string
        }
        return resolved.value
    }

    /// Reports the `${…}` in `text`, a field that is no credential, naming each variable.
    private func refuseReferences(in text: String, at node: Node, path: String) {
        let (_, problems) = ConfigString.resolve(text, environment: [:])
        let references = problems.compactMap { problem -> String? in
            switch problem {
            case let .unset(name), let .invalidReference(name): return "${\(name)}"
            case .unterminated: return nil
            }
        }
        let subject =
            references.isEmpty
            ? "'${'"
            : "environment variable\(references.count == 1 ? "" : "s") \(references.joined(separator: ", "))"
        error("\(quoted(path)) cannot use \(subject): it is not a credential", at: node, hint: Self.secretFieldsHint)
    }

    /// A non-null scalar taken as written. Identifiers and structured values (names, columns,
    /// enumerated values, types, versions, schedules, durations) are literal: what the mesh is
    /// must not change with the environment, and a diagnostic can then print the text safely.
    func literal(_ node: Node, path: String) -> String? {
        guard case let .scalar(scalar) = node else {
            error("\(quoted(path)) must be a string, found \(node.kindDescription)", at: node)
            return nil
        }
        guard !scalar.string.contains("${") else {
            refuseReferences(in: scalar.string, at: node, path: path)
            return nil
        }
        return scalar.string
    }

    /// A name under the naming rule of the mesh; reports and returns nil when it breaks it.
    func name(_ node: Node, path: String, kind: String) -> String? {
        guard let text = literal(node, path: path) else { return nil }
        return checkedName(text, at: node, kind: kind)
    }

    func checkedName(_ text: String, at node: Node?, kind: String) -> String? {
        guard Name.isValid(text) else {
            error(
                invalidNameMessage(text, kind: kind), at: node, hint: Name.suggestion(for: text).map { "try '\($0)'" })
            return nil
        }
        return text
    }

    func bool(_ node: Node, path: String) -> Bool? {
        if case .scalar = node, node.tagName == .bool, let value = node.bool { return value }
        error("\(quoted(path)) must be true or false, found \(node.valueDescription)", at: node)
        return nil
    }

    func number(_ node: Node, path: String) -> Double? {
        if case .scalar = node, node.tagName == .int || node.tagName == .float, let value = node.float { return value }
        error("\(quoted(path)) must be a number, found \(node.valueDescription)", at: node)
        return nil
    }

    func integer(_ node: Node, path: String) -> Int? {
        if case .scalar = node, node.tagName == .int, let value = node.int { return value }
        error("\(quoted(path)) must be a whole number, found \(node.valueDescription)", at: node)
        return nil
    }

    func list(_ node: Node, path: String) -> [Node]? {
        guard case let .sequence(sequence) = node else {
            error("\(quoted(path)) must be a list, found \(node.kindDescription)", at: node)
            return nil
        }
        return Array(sequence)
    }

    /// A list of strings; a single string is read as a list of one.
    func strings(_ node: Node, path: String) -> [(value: String, node: Node)]? {
        if case .scalar = node {
            return literal(node, path: path).map { [($0, node)] }
        }
        guard case let .sequence(sequence) = node else {
            error("\(quoted(path)) must be a list of strings, found \(node.kindDescription)", at: node)
            return nil
        }
        var result: [(String, Node)] = []
        for (index, item) in sequence.enumerated() {
            if case .scalar = item, item.tagName != .null {
                if let text = literal(item, path: "\(path)[\(index + 1)]") { result.append((text, item)) }
            } else {
                error(
                    "\(quoted(path)) must be a list of strings, found \(item.kindDescription) at item \(index + 1)",
                    at: item)
            }
        }
        return result
    }

    /// A list of names, each under the naming rule; duplicates are reported.
    func names(_ node: Node, path: String, kind: String) -> [(value: String, node: Node)]? {
        guard let items = strings(node, path: path) else { return nil }
        var seen = Set<String>()
        var result: [(String, Node)] = []
        for item in items {
            guard let name = checkedName(item.value, at: item.node, kind: kind) else { continue }
            guard seen.insert(name).inserted else {
                error("\(kind) '\(name)' is listed twice in \(quoted(path))", at: item.node)
                continue
            }
            result.append((name, item.node))
        }
        return result
    }

    /// One of the raw values of `E`, with the allowed values and a suggestion when it is not.
    func enumeration<E: RawRepresentable & CaseIterable>(_ node: Node, path: String, as type: E.Type) -> E?
    where E.RawValue == String {
        guard let text = literal(node, path: path) else { return nil }
        if let value = E(rawValue: text) { return value }
        let allowed = E.allCases.map(\.rawValue)
        error(
            "invalid value '\(text)' for \(quoted(path)): expected one of \(allowed.joined(separator: ", "))", at: node,
            hint: didYouMean(text, among: allowed))
        return nil
    }

    func quoted(_ path: String) -> String { "'\(path)'" }
}

func invalidNameMessage(_ name: String, kind: String) -> String {
    "invalid \(kind) name '\(name)': names are lower snake_case (\(Name.rule))"
}
