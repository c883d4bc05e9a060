import Foundation

/// A JSON document as DuckDB's `json_serialize_sql` writes it.
///
/// Integers are kept exact (`query_location` is an unsigned 64-bit "no position" sentinel), and
/// objects are dictionaries: DuckDB names every field, so field order carries no meaning.
enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Parses a whole document; nil when it is not valid JSON. A hand-written parser: Foundation's
    /// `JSONDecoder` spent half of `validate`'s time building coding paths for DuckDB's deep trees.
    static func parse(_ text: String) -> JSONValue? {
        var text = text
        return text.withUTF8 { bytes in
            var parser = JSONParser(bytes: bytes)
            guard let value = parser.value() else { return nil }
            parser.skipWhitespace()
            return parser.position == bytes.count ? value : nil
        }
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The string, or nil when it is missing or empty (DuckDB writes `""` for "not given").
    var nonEmptyString: String? {
        guard let value = string, !value.isEmpty else { return nil }
        return value
    }

    var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    var integer: Int? {
        switch self {
        case .int(let value): return Int(exactly: value)
        case .uint(let value): return Int(exactly: value)
        case .string(let value): return Int(value)
        default: return nil
        }
    }

    var array: [JSONValue] {
        if case .array(let values) = self { return values }
        return []
    }

    var isObject: Bool {
        if case .object = self { return true }
        return false
    }

    /// The `type` field of a node: `SELECT_NODE`, `BASE_TABLE`, `COLUMN_REF`, …
    var nodeType: String? { self["type"]?.string }

    /// The `class` field of an expression: `COLUMN_REF`, `FUNCTION`, `WINDOW`, …
    var expressionClass: String? { self["class"]?.string }

    /// The byte offset DuckDB recorded for a node, if it recorded one.
    var queryLocation: Int? {
        guard let location = self["query_location"], case .uint(let value) = location.normalizedUnsigned,
            value != UInt64.max, let offset = Int(exactly: value)
        else { return nil }
        return offset
    }

    private var normalizedUnsigned: JSONValue {
        if case .int(let value) = self, value >= 0 { return .uint(UInt64(value)) }
        return self
    }

    /// JSON text with sorted keys, so that equal trees always give equal text.
    func canonicalText() -> String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .uint(let value): out += String(value)
        case .double(let value): out += value.isFinite ? "\(value)" : "null"
        case .string(let value): JSONValue.writeString(value, to: &out)
        case .array(let values):
            out += "["
            for (index, value) in values.enumerated() {
                if index > 0 { out += "," }
                value.write(to: &out)
            }
            out += "]"
        case .object(let fields):
            out += "{"
            var first = true
            for key in fields.keys.sorted() {
                guard let value = fields[key] else { continue }
                if !first { out += "," }
                first = false
                JSONValue.writeString(key, to: &out)
                out += ":"
                value.write(to: &out)
            }
            out += "}"
        }
    }

    private static func writeString(_ value: String, to out: inout String) {
        out += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
