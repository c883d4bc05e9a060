import DuckDB
import Foundation

/// How a snapshot's Parquet files hold a contract type, so that every value a model produces is
/// published exactly and read back as the contract's type.
///
/// Parquet has no form of its own for some of DuckDB's types, and DuckDB's writer then picks one
/// that loses values or changes the type (measured on DuckDB 2.0): `HUGEINT` and `UHUGEINT`
/// become `DOUBLE` (digits lost), `TIME WITH TIME ZONE` is moved to UTC (the offset lost),
/// `INTERVAL` keeps milliseconds and refuses negative parts, `TIMESTAMP_S`/`_MS` come back as
/// `TIMESTAMP`, `ENUM`, `BIT` and `BIGNUM` as `VARCHAR`, arrays as lists, a `UNION` as a
/// `STRUCT` of its tag and members. A snapshot therefore stores:
///
/// | contract type | stored as | why exact |
/// |---|---|---|
/// | `HUGEINT`, `UHUGEINT` | `DECIMAL(38,0)` | every value of up to 38 digits; a longer one is refused when written |
/// | `TIME WITH TIME ZONE`, `INTERVAL` | `VARCHAR` | DuckDB's text form casts back to the same value |
/// | `TIMESTAMP_S`, `TIMESTAMP_MS` | `TIMESTAMP` | microseconds hold every second and millisecond |
/// | `ENUM(…)`, `BIT`, `BIGNUM` | `VARCHAR` | the label, the bits, the digits |
/// | `GEOMETRY` | `BLOB` | its WKB bytes (Parquet's geometry type appears only when a value does) |
/// | `T[n]` | `T[]` | the values; the length comes back with the cast |
///
/// — inside lists, structs, maps and unions too — and every reader (the views of a product,
/// `tessera check`) casts such a column back to the contract's type. `VARIANT` has no exact
/// form: Parquet's variant changes the types of the values inside it (`UTINYINT` becomes a
/// 16-bit integer, `HUGEINT` a 64-bit one) and refuses others (`INTERVAL`, `TIME WITH TIME ZONE`).
///
/// Columns of the types Parquet holds as they are are neither cast when written nor when read.
public struct SnapshotStorage: Sendable, Hashable {
    /// The contract's type, as given.
    public let type: String
    /// The type written to the Parquet files; `type` itself when Parquet holds it as it is.
    public let stored: String
    /// Readers cast the column back to `type`: what Parquet gives back is not `type`.
    public let castsBack: Bool
    /// The type (or a type inside it) is stored as `DECIMAL(38,0)`, which holds values of up to
    /// 38 digits: a longer value is refused when the snapshot is written.
    public let hasDigitLimit: Bool
    /// Why no snapshot holds the type exactly, and what to declare instead; nil when one does.
    public let unsupported: Unsupported?

    public struct Unsupported: Sendable, Hashable {
        public var reason: String
        public var instead: String
    }

    /// The most digits a `HUGEINT` or `UHUGEINT` value may have in a snapshot.
    public static let digitLimit = 38

    public init(type: String) {
        self.type = type
        // A type that does not parse is no DuckDB type (`validate` says so) or the spaceless
        // spelling of an older published contract: either way, read as it is.
        guard let parsed = TypeExpression(parsing: type) else {
            (stored, castsBack, hasDigitLimit, unsupported) = (type, false, false, nil)
            return
        }
        let names = parsed.allTypes.compactMap(\.baseName)
        let storedForm = parsed.rewritten(Self.storedForm)
        stored = storedForm == parsed ? type : storedForm.sql
        castsBack = !parsed.allTypes.allSatisfy(Self.readsBackAsItself)
        hasDigitLimit = names.contains { Self.hugeIntegers.contains($0) }
        unsupported =
            names.contains("VARIANT")
            ? Unsupported(
                reason:
                    "Parquet's VARIANT changes the types of the values inside it (a UTINYINT comes back as a 16-bit integer, "
                    + "a HUGEINT as a 64-bit one) and refuses some (INTERVAL, TIME WITH TIME ZONE, BIT)",
                instead: "declare JSON and write the column as JSON in the model (CAST(v AS JSON))")
            : nil
    }

    /// Whether writing needs a cast to `stored`.
    public var castsOnWrite: Bool { stored != type }

    /// How a reader reads the column `quoted` of a snapshot's files as `type`. Through the stored
    /// type first: a `UNION` comes back as a `STRUCT` that casts only to the union it was
    /// written as, whose members then cast to the contract's (a no-op for every other type).
    public func read(_ quoted: String) -> String {
        guard castsBack else { return quoted }
        return "CAST(\(castsOnWrite ? "CAST(\(quoted) AS \(stored))" : quoted) AS \(type))"
    }

    /// The 128-bit integer types, stored as `DECIMAL(38,0)`.
    public static let hugeIntegers: Set<String> = ["HUGEINT", "UHUGEINT", "INT128", "UINT128"]

    /// One type's stored form, its members' already rewritten.
    static func storedForm(_ type: TypeExpression) -> TypeExpression {
        switch type {
        case let .array(element, _):
            return .list(element)
        case .named:
            switch type.baseName ?? "" {
            case "HUGEINT", "UHUGEINT", "INT128", "UINT128": return .named("DECIMAL(38,0)")
            case "TIME WITH TIME ZONE", "TIMETZ", "INTERVAL", "BIT", "BITSTRING", "BIGNUM", "VARINT", "ENUM":
                return .named("VARCHAR")
            case "TIMESTAMP_S", "TIMESTAMP_MS": return .named("TIMESTAMP")
            // Parquet's geometry type is written only when some value is not NULL (else BLOB):
            // the files' schema would depend on the data. Its WKB bytes do not.
            case "GEOMETRY": return .named("BLOB")
            default: return type
            }
        default:
            return type
        }
    }

    /// Names Parquet gives back as themselves, with every value.
    static let exactNames: Set<String> = [
        "BOOLEAN", "BOOL", "LOGICAL", "BLOB", "BYTEA", "BINARY", "VARBINARY", "TIME", "TIME_NS", "TIMESTAMP_NS",
        "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ", "TIMESTAMPTZ_NS", "UUID", "JSON",
    ]

    /// A part of a type that Parquet reads back as itself: containers (lists, structs, maps —
    /// their members are looked at on their own) and the scalar types it holds exactly.
    static func readsBackAsItself(_ type: TypeExpression) -> Bool {
        switch type {
        case .list, .structure, .map: return true
        case .array, .union: return false
        case .named:
            let name = type.baseName ?? ""
            if exactNames.contains(name) { return true }
            switch TypeWidening.canonical(name) {
            case .integer(let integer): return integer.bits < 128
            case .other: return false
            case .decimal, .float, .double, .date, .timestamp, .varchar: return true
            }
        }
    }
}

extension SnapshotStorage {
    /// The select list a reader uses on a snapshot's files: `*` when every column reads back as
    /// its contract type, else `* REPLACE (CAST(c AS <type>) AS c, …)` for just the columns that
    /// do not.
    public static func readList(columns: [(name: String, type: String)]) -> String {
        let casts = columns.map { (name: SQL.qualified([$0.name]), storage: SnapshotStorage(type: $0.type)) }
            .filter(\.storage.castsBack).map { "\($0.storage.read($0.name)) AS \($0.name)" }
        return casts.isEmpty ? "*" : "* REPLACE (\(casts.joined(separator: ", ")))"
    }

    /// The relation of a snapshot's files (`read_parquet(…)`), as its contract's types.
    public static func relation(files: String, columns: [(name: String, type: String)]) -> String {
        let list = readList(columns: columns)
        return list == "*" ? files : "(SELECT \(list) FROM \(files))"
    }

    /// What DuckDB reads back from Parquet written with each of `storedTypes`. The types Parquet
    /// holds as themselves are answered without a query; for the others (a `UNION` comes back as a
    /// `STRUCT`, say) a file with no rows is written to a temporary folder and described.
    public static func readBackTypes(of storedTypes: [String], connection: Connection) throws -> [String] {
        let probed = storedTypes.indices.filter { SnapshotStorage(type: storedTypes[$0]).castsBack }
        guard !probed.isEmpty else { return storedTypes }
        // In the scratch folder every sandboxed database may write (Sandbox.scratchDirectory).
        let file = try Sandbox.privateScratchDirectory().appendingPathComponent(
            "tessera-types-\(UUID().uuidString).parquet")
        defer { try? FileManager.default.removeItem(at: file) }
        let columns = probed.map { "CAST(NULL AS \(storedTypes[$0])) AS c\($0)" }.joined(separator: ", ")
        let path = SQL.literal(file.path)
        try connection.execute("COPY (SELECT \(columns) LIMIT 0) TO \(path) (FORMAT parquet)")
        let described = try ContractProjection.describe("read_parquet(\(path))", connection: connection)
        var types = storedTypes
        for (index, column) in zip(probed, described) { types[index] = column.type }
        return types
    }
}
