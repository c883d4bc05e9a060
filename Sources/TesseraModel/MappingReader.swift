import Yams

/// A mapping being read: lookups by key, and the checks that every mapping needs.
struct MappingReader {
    struct Entry {
        let key: String
        let keyNode: Node
        let value: Node
    }

    let reader: YAMLReader
    /// nil when the mapping is absent altogether (an empty file); lookups then find nothing.
    let node: Node?
    /// Dotted key path used in messages, e.g. `connector` or `contract.columns[2]`; empty at the root.
    let path: String
    let entries: [Entry]

    func qualified(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    var keys: [String] { entries.map(\.key) }

    /// Reports each key not in `allowed`, suggesting the closest allowed one.
    func allowKeys(_ allowed: [String], besides extra: [String] = []) {
        for entry in entries where !allowed.contains(entry.key) && !extra.contains(entry.key) {
            let hint = didYouMean(entry.key, among: allowed) ?? "expected one of \(allowed.joined(separator: ", "))"
            reader.error("unknown key '\(qualified(entry.key))'", at: entry.keyNode, hint: hint)
        }
    }

    func entry(_ key: String) -> Entry? { entries.first { $0.key == key } }

    /// The value of `key`, or nil when it is absent or null.
    func value(_ key: String) -> Node? {
        guard let value = entry(key)?.value, !value.isNull else { return nil }
        return value
    }

    func has(_ key: String) -> Bool { value(key) != nil }

    /// The value of a required key; reports it missing, pointing at this mapping.
    func required(_ key: String, hint: String? = nil) -> Node? {
        if let value = value(key) { return value }
        let message = path.isEmpty ? "missing required key '\(key)'" : "missing required key '\(key)' in '\(path)'"
        reader.error(message, at: entry(key)?.keyNode ?? node, hint: hint)
        return nil
    }

    /// A credential: `${NAME}` resolved from the environment.
    func secret(_ key: String) -> ConfigString? { value(key).flatMap { reader.secret($0, path: qualified(key)) } }
    /// Free text (descriptions, owners, paths): `${NAME}` is refused.
    func text(_ key: String) -> String? { value(key).flatMap { reader.text($0, path: qualified(key)) } }
    /// A literal identifier, e.g. a column name.
    func identifier(_ key: String) -> String? { value(key).flatMap { reader.literal($0, path: qualified(key)) } }
    func bool(_ key: String) -> Bool? { value(key).flatMap { reader.bool($0, path: qualified(key)) } }
    func number(_ key: String) -> Double? { value(key).flatMap { reader.number($0, path: qualified(key)) } }
    func integer(_ key: String) -> Int? { value(key).flatMap { reader.integer($0, path: qualified(key)) } }
    func list(_ key: String) -> [Node]? { value(key).flatMap { reader.list($0, path: qualified(key)) } }
    func strings(_ key: String) -> [(value: String, node: Node)]? {
        value(key).flatMap { reader.strings($0, path: qualified(key)) }
    }
    func names(_ key: String, kind: String) -> [(value: String, node: Node)]? {
        value(key).flatMap { reader.names($0, path: qualified(key), kind: kind) }
    }
    func mapping(_ key: String) -> MappingReader? { value(key).flatMap { reader.mapping($0, path: qualified(key)) } }
    func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, as type: E.Type) -> E?
    where E.RawValue == String {
        value(key).flatMap { reader.enumeration($0, path: qualified(key), as: type) }
    }
    func name(_ key: String, kind: String) -> String? {
        value(key).flatMap { reader.name($0, path: qualified(key), kind: kind) }
    }

    /// A string list of tags (any text, no naming rule).
    func tags(_ key: String = "tags") -> [String] { strings(key)?.map(\.value) ?? [] }

    var location: SourceLocation { reader.location(node) }
}
