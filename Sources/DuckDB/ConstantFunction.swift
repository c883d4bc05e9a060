internal import CDuckDB

/// A scalar function of no arguments that returns a fixed BLOB held only in this process's memory.
///
/// SQL that calls it — a view's definition, say — names the function, never the value, so a value
/// that must not be written into SQL text (a key) reaches DuckDB this way: it is not in the
/// database file, in `duckdb_views()`, in an error message or in a log of the statements. The
/// function is volatile, so the optimizer never folds its value into a plan (where `EXPLAIN` would
/// print it); each call hands DuckDB one constant vector, which costs nothing per row.
public struct ConstantFunction: Sendable, CustomStringConvertible {
    public let name: String
    let bytes: [UInt8]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    /// The name only: the value is never printed.
    public var description: String { "\(name)()" }
}

extension Connection {
    /// Registers `function` in this connection's database: DuckDB keeps functions per database,
    /// so every connection to it sees the function, until the database closes. A database file
    /// keeps nothing of it: register it again on every open.
    public func register(_ function: ConstantFunction) throws {
        var scalar: duckdb_scalar_function? = duckdb_create_scalar_function()
        defer { duckdb_destroy_scalar_function(&scalar) }
        duckdb_scalar_function_set_name(scalar, function.name)
        var type: duckdb_logical_type? = duckdb_create_logical_type(DUCKDB_TYPE_BLOB)
        duckdb_scalar_function_set_return_type(scalar, type)
        duckdb_destroy_logical_type(&type)
        duckdb_scalar_function_set_volatile(scalar)

        // The value lives in DuckDB's function object, freed with it (when the database closes).
        let value = function.bytes.withUnsafeBufferPointer { duckdb_create_blob($0.baseAddress, idx_t($0.count)) }
        let box = UnsafeMutablePointer<duckdb_value?>.allocate(capacity: 1)
        box.initialize(to: value)
        duckdb_scalar_function_set_extra_info(scalar, box) { pointer in
            guard let box = pointer?.assumingMemoryBound(to: duckdb_value?.self) else { return }
            duckdb_destroy_value(box)
            box.deinitialize(count: 1)
            box.deallocate()
        }
        duckdb_scalar_function_set_function(scalar) { info, _, output in
            guard let box = duckdb_scalar_function_get_extra_info(info)?.assumingMemoryBound(to: duckdb_value?.self)
            else { return }
            duckdb_vector_reference_value(output, box.pointee)
        }
        guard duckdb_register_scalar_function(rawHandle, scalar) == DuckDBSuccess else {
            throw DuckDBError(kind: .catalog, message: "DuckDB could not register the function \(function.name)")
        }
    }
}
