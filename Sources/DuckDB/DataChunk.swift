internal import CDuckDB

/// One chunk of a result: up to 2,048 rows (DuckDB's vector size), stored column by column.
///
/// A chunk owns its memory; it stays readable after the stream has moved on. Read it as
/// ``DuckDBValue``s (``values(column:)``, ``rows()``), or copy columns straight into typed
/// arrays (``append(column:to:)-(_,TypedColumn<T>)``) when the Value enum is not needed.
public final class DataChunk {
    private(set) var handle: duckdb_data_chunk?
    // A chunk's memory comes from its database's allocators; keep the database open until it is freed.
    private let database: Database
    public let columns: [ResultColumn]
    /// The number of rows.
    public let count: Int

    init(owning handle: duckdb_data_chunk, columns: [ResultColumn], database: Database) {
        self.handle = handle
        self.database = database
        self.columns = columns
        count = Int(duckdb_data_chunk_get_size(handle))
    }

    deinit { duckdb_destroy_data_chunk(&handle) }

    public var columnCount: Int { columns.count }

    private func vector(_ column: Int) throws -> duckdb_vector {
        guard columns.indices.contains(column), let vector = duckdb_data_chunk_get_vector(handle, idx_t(column)) else {
            throw DuckDBError(
                kind: .invalidArgument,
                message:
                    "Invalid Input Error: column \(column) does not exist; the result has \(columns.count) column(s)")
        }
        return vector
    }

    /// Decodes one column into values (`.null` for NULL).
    public func values(column: Int) throws -> [DuckDBValue] {
        try DuckDBValue.decode(vector(column), as: columns[column].type, count: count)
    }

    /// Decodes every row.
    public func rows() throws -> [[DuckDBValue]] {
        var rows: [[DuckDBValue]] = []
        try appendRows(to: &rows)
        return rows
    }

    /// Decodes every row onto the end of `rows` (column by column, then regrouped by row).
    public func appendRows(to rows: inout [[DuckDBValue]]) throws {
        let decoded = try columns.indices.map { try values(column: $0) }
        let width = decoded.count
        reserveGeometrically(&rows, adding: count)
        for row in 0..<count {
            rows.append(
                [DuckDBValue](unsafeUninitializedCapacity: width) { buffer, initialized in
                    for column in 0..<width { buffer.initializeElement(at: column, to: decoded[column][row]) }
                    initialized = width
                })
        }
    }

    /// Copies a fixed-width column onto the end of `target` with one memory copy (see
    /// ``FixedWidthColumnElement`` for which column types each Swift type reads).
    public func append<T: FixedWidthColumnElement>(column: Int, to target: inout TypedColumn<T>) throws {
        let vector = try vector(column)
        try checkType(column, T.isStorage(of: columns[column].type), String(describing: T.self))
        guard count > 0 else { return }
        let memory = VectorMemory(vector)
        guard let data = memory.data else { return }
        target.values.append(contentsOf: UnsafeBufferPointer(start: data.assumingMemoryBound(to: T.self), count: count))
        target.validity.append(memory.validity, rows: count)
    }

    /// Copies a VARCHAR column onto the end of `target` (NULL rows become empty strings).
    public func append(column: Int, to target: inout TypedColumn<String>) throws {
        let vector = try vector(column)
        try checkType(column, columns[column].type == .varchar, "String")
        guard count > 0 else { return }
        let memory = VectorMemory(vector)
        guard let data = memory.data else { return }
        reserveGeometrically(&target.values, adding: count)
        if memory.validity == nil {
            for row in 0..<count { target.values.append(String(decoding: stringBytes(data, row), as: UTF8.self)) }
        } else {
            for row in 0..<count {
                target.values.append(memory.isValid(row) ? String(decoding: stringBytes(data, row), as: UTF8.self) : "")
            }
        }
        target.validity.append(memory.validity, rows: count)
    }

    /// One fixed-width column as a new typed column.
    public func column<T: FixedWidthColumnElement>(_ column: Int, as type: T.Type = T.self) throws -> TypedColumn<T> {
        var result = TypedColumn<T>()
        try append(column: column, to: &result)
        return result
    }

    /// One VARCHAR column as a new typed column.
    public func stringColumn(_ column: Int) throws -> TypedColumn<String> {
        var result = TypedColumn<String>()
        try append(column: column, to: &result)
        return result
    }

    /// The validity (NULLs) of one column, for any type.
    public func validity(column: Int) throws -> ValidityMask {
        var mask = ValidityMask()
        mask.append(duckdb_vector_get_validity(try vector(column)), rows: count)
        return mask
    }

    private func checkType(_ column: Int, _ matches: Bool, _ swiftType: String) throws {
        guard matches else {
            throw DuckDBError(
                kind: .typeMismatch,
                message:
                    "Mismatch Type Error: column \(column) (\(columns[column].name)) is \(columns[column].type), which cannot be read as \(swiftType)"
            )
        }
    }
}

/// Makes room for `extra` more elements. `reserveCapacity` allocates exactly what it is asked
/// for, so calling it once per chunk would copy the whole array every time; doubling keeps
/// appending linear.
@inline(__always)
func reserveGeometrically<T>(_ array: inout [T], adding extra: Int) {
    let needed = array.count + extra
    if needed > array.capacity { array.reserveCapacity(Swift.max(needed, array.capacity * 2)) }
}

// Not Sendable on purpose: see the type's documentation and the threading model in
// docs/reference/duckdb-wrapper.md.
@available(*, unavailable)
extension DataChunk: Sendable {}
