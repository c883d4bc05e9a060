import DuckDB
import TesseraModel

/// Verifies a written snapshot against its contract: the Parquet's column names, order and types
/// equal the contract's; non-nullable columns hold no NULL; the primary key is non-null and
/// unique. The row tests are aggregates of the shared ``AggregateScan`` (the same expressions as
/// the equivalent checks, so a `not_null` check on a required column costs nothing more):
///
/// ```swift
/// var verifier = ContractVerifier(contract: product.contract)
/// try verifier.contribute(to: &scan, on: connection)   // reads the written schema (DESCRIBE)
/// let row = try scan.run(on: connection)
/// let report = try verifier.finish(scan: row, connection: connection)
/// ```
public struct ContractVerifier: Sendable {
    public let contract: Contract
    var written: [ContractProjection.Column] = []
    /// The contract's types as DuckDB spells them; nil for a type it does not know.
    var contractTypes: [String?] = []
    /// What the snapshot's files must say for each contract column.
    var expectedTypes: [String?] = []
    var nullSlots: [(column: String, slot: AggregateScan.Slot)] = []
    var keyNullSlot: AggregateScan.Slot?
    var keyDuplicateSlot: AggregateScan.Slot?
    /// A key of one integer column: its range from the scan; its duplicates are counted after the
    /// scan with bitmaps (``DenseKeyBlocks``), where `count(DISTINCT k)` in the scan would build a
    /// hash table of every key.
    var keyRangeSlots: (min: AggregateScan.Slot, max: AggregateScan.Slot)?
    var relation = ""

    public init(contract: Contract) { self.contract = contract }

    /// Reads the written schema — of `files` (the snapshot's Parquet) when the scan reads the rows
    /// elsewhere, else of the scanned relation — and adds the row tests of the columns it has (a
    /// missing column is a schema violation, and must not break the shared scan).
    public mutating func contribute(
        to scan: inout AggregateScan, schemaOf files: String? = nil, on connection: Connection
    ) throws {
        relation = scan.relation
        written = try ContractProjection.describe(files ?? scan.relation, connection: connection)
        contractTypes = try ContractProjection.normalize(contract.columns.map(\.type), connection: connection)
        // Compared with what the files hold: a type Parquet has no exact form for is stored as one
        // it has (HUGEINT as DECIMAL(38,0)), and that is what the footer says.
        let known = contractTypes.compactMap { $0 }
        var readBack = try SnapshotStorage.readBackTypes(
            of: known.map { SnapshotStorage(type: $0).stored }, connection: connection
        )
        .makeIterator()
        expectedTypes = contractTypes.map { $0 == nil ? nil : readBack.next() }
        let present = Set(written.map(\.name))
        nullSlots = contract.columns.filter { !$0.nullable && present.contains($0.name) }.map {
            ($0.name, scan.add(CheckUnit.countWhere("\(CheckUnit.column($0.name)) IS NULL", nil)))
        }
        let key = contract.primaryKey
        guard !key.isEmpty, key.allSatisfy(present.contains) else { return }
        keyNullSlot = scan.add(
            CheckUnit.countWhere(key.map { "\(CheckUnit.column($0)) IS NULL" }.joined(separator: " OR "), nil))
        if key.count == 1, let column = contract.columns.first(where: { $0.name == key[0] }),
            TypeWidening.canonical(column.type).isInteger
        {
            let ref = CheckUnit.column(key[0])
            keyRangeSlots = (scan.add("min(\(ref))"), scan.add("max(\(ref))"))
        } else {
            keyDuplicateSlot = scan.add(CheckUnit.duplicateCount(key, nil))
        }
    }

    public func finish(scan: AggregateScan.Result, connection: Connection) throws -> ContractReport {
        var violations = schemaViolations()
        for (column, slot) in nullSlots {
            let count = scan[slot].int64Value ?? 0
            if count > 0 {
                violations.append(
                    ContractViolation(
                        column: column, kind: .nullInNonNullable,
                        message: "\(column) is not nullable, but \(count) row\(count == 1 ? " has" : "s have") NULL",
                        failingRows: count))
            }
        }
        let key = contract.primaryKey.joined(separator: ", ")
        if let slot = keyNullSlot, let count = scan[slot].int64Value, count > 0 {
            violations.append(
                ContractViolation(
                    column: key, kind: .nullKey,
                    message: "the primary key (\(key)) is NULL in \(count) row\(count == 1 ? "" : "s")",
                    failingRows: count))
        }
        if let count = try duplicatedKeys(scan: scan, connection: connection), count > 0 {
            violations.append(
                ContractViolation(
                    column: key, kind: .duplicateKey,
                    message:
                        "the primary key (\(key)) is not unique: \(count) row\(count == 1 ? " repeats" : "s repeat") an earlier key",
                    failingRows: count))
        }
        return ContractReport(violations: violations)
    }

    /// Rows repeating an earlier primary key; nil when there is no key to test.
    func duplicatedKeys(scan: AggregateScan.Result, connection: Connection) throws -> Int64? {
        if let slot = keyDuplicateSlot { return scan[slot].int64Value }
        guard let (minSlot, maxSlot) = keyRangeSlots, let column = contract.primaryKey.first.map(CheckUnit.column)
        else { return nil }
        if scan[minSlot] == .null { return 0 }  // every key NULL: nullKey's business
        if let blocks = DenseKeyBlocks(low: scan[minSlot], high: scan[maxSlot]),
            let failing = try? blocks.repeatingRows(
                key: column, relation: relation, filter: "\(column) IS NOT NULL", on: connection)
        {
            return failing.reduce(0) { $0 + $1.rows }
        }
        // A range too wide for bitmaps (or beyond 64 bits), or the bitmaps failed: counted the plain way.
        return try connection.scalar("SELECT count(\(column)) - count(DISTINCT \(column)) FROM \(relation) AS t")?
            .int64Value
    }

    /// Names, order and types of the written columns against the contract.
    func schemaViolations() -> [ContractViolation] {
        var violations: [ContractViolation] = []
        let writtenNames = written.map(\.name)
        for (index, column) in contract.columns.enumerated() {
            let type = index < expectedTypes.count ? expectedTypes[index] : nil
            guard let found = written.first(where: { $0.name == column.name }) else {
                violations.append(
                    ContractViolation(
                        column: column.name, kind: .missingColumn,
                        message: "the snapshot has no column \(column.name)"))
                continue
            }
            guard let type else {
                violations.append(
                    ContractViolation(
                        column: column.name, kind: .unknownType,
                        message: "\(column.name): DuckDB does not know the type \(column.type)"))
                continue
            }
            if found.type != type {
                let declared = contractTypes[index] ?? column.type
                let stored = declared == type ? "" : ", which a snapshot stores as \(type)"
                violations.append(
                    ContractViolation(
                        column: column.name, kind: .incompatibleType,
                        message: "\(column.name) is written as \(found.type); the contract says \(declared)\(stored)"))
            }
        }
        let named = Set(contract.columnNames)
        for column in written where !named.contains(column.name) {
            violations.append(
                ContractViolation(
                    column: column.name, kind: .unexpectedColumn,
                    message: "the snapshot has column \(column.name), which the contract does not"))
        }
        let common = writtenNames.filter(named.contains)
        if common != contract.columnNames.filter(Set(writtenNames).contains) {
            violations.append(
                ContractViolation(
                    kind: .wrongOrder,
                    message:
                        "the snapshot's columns are in the order \(common.joined(separator: ", ")); the contract's is \(contract.columnNames.joined(separator: ", "))"
                ))
        }
        return violations
    }
}
