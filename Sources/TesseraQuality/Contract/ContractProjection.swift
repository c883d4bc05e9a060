import DuckDB
import TesseraModel

/// The SELECT list that writes exactly a contract's columns, in order, from an input relation:
/// identical types as they are, allowed widenings (``TypeWidening``) as `CAST(x AS <type>)`. Or,
/// when the input cannot satisfy the contract, every reason why.
///
/// The contract is exhaustive: input columns it does not name are not published; they are
/// reported as notes, except ingestion metadata (`_tessera_…`).
public struct ContractProjection: Sendable {
    /// A column as DuckDB describes it (`DESCRIBE SELECT * FROM <input>`).
    public struct Column: Sendable, Hashable {
        public var name: String
        public var type: String
        public init(name: String, type: String) {
            self.name = name
            self.type = type
        }
    }

    /// One expression per contract column, of the contract's type: what checks and profiles
    /// read. Empty when there are violations.
    public var selectList: [String]
    /// The same columns as a snapshot stores them (``SnapshotStorage``): where Parquet has no
    /// exact form of a type, cast to one it has. What the snapshot writer writes.
    public var storedList: [String]
    /// The contract columns whose stored form holds at most 38 digits (`HUGEINT` as
    /// `DECIMAL(38,0)`), with their types.
    public var digitLimited: [(name: String, type: String)]
    public var violations: [ContractViolation]
    public var notes: [String]

    public var sql: String { selectList.joined(separator: ", ") }

    /// Compares `input` with `contract`; `connection` normalizes the contract's type names.
    public init(input: [Column], contract: Contract, connection: Connection) throws {
        let types = try Self.normalize(contract.columns.map(\.type), connection: connection)
        var list: [String] = [], stored: [String] = [], limited: [(name: String, type: String)] = []
        var violations: [ContractViolation] = []
        for (column, normalized) in zip(contract.columns, types) {
            let quoted = SQL.qualified([column.name])
            guard let type = normalized else {
                violations.append(
                    ContractViolation(
                        column: column.name, kind: .unknownType,
                        message: "\(column.name): DuckDB does not know the type \(column.type)"))
                continue
            }
            let storage = SnapshotStorage(type: type)
            if let unsupported = storage.unsupported {
                violations.append(
                    ContractViolation(
                        column: column.name, kind: .incompatibleType,
                        message:
                            "\(column.name): a snapshot cannot hold \(type) exactly: \(unsupported.reason); \(unsupported.instead)"
                    ))
                continue
            }
            guard let source = input.first(where: { $0.name == column.name }) else {
                let hint =
                    Self.closest(to: column.name, among: input.map(\.name)).map { " (did you mean \($0)?)" } ?? ""
                violations.append(
                    ContractViolation(
                        column: column.name, kind: .missingColumn,
                        message: "the input has no column \(column.name)\(hint)"))
                continue
            }
            if source.type == type || TypeWidening.allows(from: source.type, to: type) {
                let value = source.type == type ? quoted : "CAST(\(quoted) AS \(type))"
                list.append(source.type == type ? quoted : "\(value) AS \(quoted)")
                // Cast once, straight to the stored type: a widening to a type stored otherwise
                // (INTEGER to HUGEINT) lands on the same values.
                stored.append(
                    storage.castsOnWrite ? "CAST(\(quoted) AS \(storage.stored)) AS \(quoted)" : list[list.count - 1])
                if storage.hasDigitLimit { limited.append((column.name, type)) }
            } else {
                violations.append(
                    ContractViolation(
                        column: column.name, kind: .incompatibleType,
                        message:
                            "\(column.name) is \(source.type) in the input; the contract says \(type), which is not a widening of it"
                    ))
            }
        }
        let named = Set(contract.columnNames)
        notes = input.filter { !named.contains($0.name) && !$0.name.hasPrefix("_tessera_") }
            .map { "input column \($0.name) (\($0.type)) is not in the contract and is not published" }
        self.violations = violations
        selectList = violations.isEmpty ? list : []
        storedList = violations.isEmpty ? stored : []
        digitLimited = limited
    }

    /// The columns of `relation` as DuckDB reports them.
    public static func describe(_ relation: String, connection: Connection) throws -> [Column] {
        try connection.rows("DESCRIBE SELECT * FROM \(relation)").compactMap { row in
            guard row.count > 1, let name = row[0].stringValue, let type = row[1].stringValue else { return nil }
            return Column(name: name, type: type)
        }
    }

    /// Each type as DuckDB normalizes it (`INT` → `INTEGER`), nil for one it rejects. One query
    /// for all; only when it fails, one per type to find the bad ones.
    static func normalize(_ types: [String], connection: Connection) throws -> [String?] {
        guard !types.isEmpty else { return [] }
        func query(_ some: [String]) -> String {
            "SELECT " + some.map { "typeof(CAST(NULL AS \($0)))" }.joined(separator: ", ")
        }
        if let row = try? connection.rows(query(types)).first, row.count == types.count {
            return row.map(\.stringValue)
        }
        return types.map { type in (try? connection.scalar(query([type])))??.stringValue }
    }

    /// The input name a misspelt contract name most likely meant: same letters ignoring case, or
    /// at most a third of its length (at least 2) edits away.
    static func closest(to name: String, among names: [String]) -> String? {
        if let same = names.first(where: { $0.lowercased() == name.lowercased() }) { return same }
        let limit = max(2, name.count / 3)
        return names.map { ($0, distance($0.lowercased(), name.lowercased())) }
            .filter { $0.1 <= limit }.min { $0.1 < $1.1 }?.0
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
