import Foundation
import TesseraModel

/// The published form of a product's contract: what consumers were promised by one snapshot.
///
/// The catalog stores it as JSON per published snapshot, so the next `validate` can tell what a
/// contract change does to consumers without the old YAML. Keys are sorted and types normalized
/// so that the same contract always gives the same text (comparable, hashable, diffable).
public struct ContractDocument: Sendable, Hashable, Codable {
    /// One published column.
    public struct Column: Sendable, Hashable, Codable {
        public var name: String
        /// The type as written, uppercased and without whitespace: `DECIMAL(12,2)`.
        public var type: String
        public var nullable: Bool
        /// The classification as written; nil when the contract gives none (it then counts as `internal`).
        public var classification: String?
        public var description: String?
        /// The type exactly as the contract wrote it, for SQL: `type` is for comparing, and without
        /// its spaces `TIME WITH TIME ZONE` or `STRUCT(a INTEGER)` is no type DuckDB reads. nil in
        /// documents published before it was kept.
        public var sqlType: String?

        /// The type to write in SQL (a cast back from a snapshot's stored form, say). An older
        /// document has only `type`: its two multi-word names get their spaces back; a nested type
        /// without them does not parse, and is then read without a cast, as it was published.
        public var typeForSQL: String {
            if let sqlType { return sqlType }
            switch type {
            case "TIMEWITHTIMEZONE": return "TIME WITH TIME ZONE"
            case "TIMESTAMPWITHTIMEZONE": return "TIMESTAMP WITH TIME ZONE"
            default: return type
            }
        }

        public init(
            name: String, type: String, nullable: Bool = true, classification: String? = nil, description: String? = nil
        ) {
            self.name = name
            // Kept only where the normalized text loses something (so the same contract still
            // gives the same document): a space between two words, a quoted name or label.
            self.sqlType = ContractDocument.losesSpelling(type) ? type : nil
            self.type = ContractDocument.normalizedType(type)
            self.nullable = nullable
            self.classification = classification
            self.description = description
        }

        /// The classification that applies, as ``ContractColumn/effectiveClassification`` reads it.
        public var effectiveClassification: Classification {
            classification.flatMap(Classification.init(rawValue:)) ?? .internal
        }
    }

    /// The semantic version, as text (`1.4.0`).
    public var version: String
    public var primaryKey: [String]
    public var columns: [Column]
    /// Column name → mask kind (`hash`, `redact`, `null`, `partial`) for readers outside the domain.
    public var masks: [String: String]

    public init(version: String, primaryKey: [String] = [], columns: [Column], masks: [String: String] = [:]) {
        self.version = version
        self.primaryKey = primaryKey
        self.columns = columns
        self.masks = masks
    }

    private enum CodingKeys: String, CodingKey { case version, primaryKey, columns, masks }

    /// A document without `primaryKey` or `masks` has none: older documents stay readable.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(String.self, forKey: .version)
        primaryKey = try container.decodeIfPresent([String].self, forKey: .primaryKey) ?? []
        columns = try container.decode([Column].self, forKey: .columns)
        masks = try container.decodeIfPresent([String: String].self, forKey: .masks) ?? [:]
    }

    public init(product: Product) {
        self.init(
            version: product.version.description,
            primaryKey: product.contract.primaryKey,
            columns: product.contract.columns.map { column in
                Column(
                    name: column.name, type: column.type, nullable: column.nullable,
                    classification: column.classification?.rawValue, description: column.description)
            },
            masks: Dictionary(
                product.access.masks.map { ($0.column, $0.kind.rawValue) }, uniquingKeysWith: { first, _ in first })
        )
    }

    /// The version parsed; nil when the stored text is not a semantic version.
    public var semVer: SemVer? { try? SemVer(parsing: version) }

    public func column(named name: String) -> Column? {
        columns.first { $0.name.lowercased() == name.lowercased() }
    }

    /// Stable JSON: sorted keys, no escaped slashes, so equal documents are equal text.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, booleans, arrays and dictionaries cannot fail.
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    public init(json: String) throws(ContractDocumentError) {
        do {
            self = try JSONDecoder().decode(ContractDocument.self, from: Data(json.utf8))
        } catch let error as DecodingError {
            throw ContractDocumentError(reason: Self.describe(error))
        } catch {
            throw ContractDocumentError(reason: "\(error)")
        }
        for index in columns.indices { columns[index].type = Self.normalizedType(columns[index].type) }
    }

    /// Whether ``normalizedType(_:)`` loses part of `type`: a space between two words
    /// (`TIME WITH TIME ZONE`, `STRUCT(a INTEGER)`), or quotes (`ENUM('a')`, whose labels it would
    /// also upper-case).
    static func losesSpelling(_ type: String) -> Bool {
        let characters = Array(type)
        if characters.contains(where: { $0 == "'" || $0 == "\"" }) { return true }
        return characters.indices.dropFirst().dropLast().contains { index in
            characters[index].isWhitespace && (characters[index - 1].isLetter || characters[index - 1].isNumber)
                && (characters[index + 1].isLetter || characters[index + 1].isNumber || characters[index + 1] == "_")
        }
    }

    /// Uppercased, whitespace removed: `decimal(12, 2)` and `DECIMAL(12,2)` are one type.
    public static func normalizedType(_ type: String) -> String {
        String(type.uppercased().filter { !$0.isWhitespace })
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "the document" : String(keys.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context):
            let at = path(context)
            return "'\(key.stringValue)' is missing" + (context.codingPath.isEmpty ? "" : " in \(at)")
        case .typeMismatch(let type, let context):
            return "\(path(context)) is not \(Self.typeName(type))"
        case .valueNotFound(let type, let context):
            return "\(path(context)) is null, expected \(Self.typeName(type))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "not valid JSON" : "\(path(context)) is invalid: \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is [Column].Type, is [String].Type: "an array"
        case is [String: String].Type: "an object"
        default: "\(type)"
        }
    }
}

/// A stored contract document that cannot be read.
public struct ContractDocumentError: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String

    public init(reason: String) { self.reason = reason }

    public var description: String { "the published contract cannot be read: \(reason)" }
}
