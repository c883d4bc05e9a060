internal import CDuckDB

/// Something a database needs registered before SQL that calls it runs: DuckDB keeps functions
/// per open database and never in its file, so whoever opens one registers them again.
public protocol RegisteredFunction: Sendable {
    func register(on connection: Connection) throws
}

extension ConstantFunction: RegisteredFunction {
    public func register(on connection: Connection) throws { try connection.register(self) }
}

/// A scalar function from text to text whose per-value work is Swift: DuckDB hands it one vector
/// (up to 2,048 values) per call, from as many threads as the query uses, and `transform` writes
/// each result into a buffer of `maximumLength` bytes, returning how many it wrote. NULL stays
/// NULL. Nothing is allocated per value but what `transform` allocates.
///
/// For work DuckDB's own functions do slowly: the keyed `hash` mask is one HMAC-SHA256 per value
/// with BoringSSL's SHA-256 (which uses the CPU's SHA instructions) instead of four SHA-256 calls
/// and an `unhex` in SQL.
public struct TextFunction: RegisteredFunction, CustomStringConvertible {
    public let name: String
    public let maximumLength: Int
    /// Whether `transform` always writes valid UTF-8 (hex digits, say): DuckDB then skips checking
    /// each result, which otherwise turns invalid text into NULL.
    public let writesValidUTF8: Bool
    public let transform: @Sendable (UnsafeRawBufferPointer, UnsafeMutableRawBufferPointer) -> Int

    public init(
        name: String, maximumLength: Int, writesValidUTF8: Bool = false,
        transform: @escaping @Sendable (UnsafeRawBufferPointer, UnsafeMutableRawBufferPointer) -> Int
    ) {
        self.name = name
        self.maximumLength = maximumLength
        self.writesValidUTF8 = writesValidUTF8
        self.transform = transform
    }

    public var description: String { "\(name)(VARCHAR)" }

    public func register(on connection: Connection) throws { try connection.register(self) }
}

/// Holds the function for DuckDB's function object, which frees it when the database closes.
private final class TextFunctionBox {
    let function: TextFunction
    init(_ function: TextFunction) { self.function = function }
}

extension Connection {
    /// Registers `function` in this connection's database, for every connection to it.
    public func register(_ function: TextFunction) throws {
        var scalar: duckdb_scalar_function? = duckdb_create_scalar_function()
        defer { duckdb_destroy_scalar_function(&scalar) }
        duckdb_scalar_function_set_name(scalar, function.name)
        var varchar: duckdb_logical_type? = duckdb_create_logical_type(DUCKDB_TYPE_VARCHAR)
        duckdb_scalar_function_add_parameter(scalar, varchar)
        duckdb_scalar_function_set_return_type(scalar, varchar)
        duckdb_destroy_logical_type(&varchar)
        let box = Unmanaged.passRetained(TextFunctionBox(function)).toOpaque()
        duckdb_scalar_function_set_extra_info(scalar, box) { pointer in
            guard let pointer else { return }
            Unmanaged<TextFunctionBox>.fromOpaque(pointer).release()
        }
        duckdb_scalar_function_set_function(scalar) { info, input, output in
            guard let extra = duckdb_scalar_function_get_extra_info(info) else { return }
            let function = Unmanaged<TextFunctionBox>.fromOpaque(extra).takeUnretainedValue().function
            TextFunctionCall.run(function, input: input, output: output)
        }
        guard duckdb_register_scalar_function(rawHandle, scalar) == DuckDBSuccess else {
            throw DuckDBError(kind: .catalog, message: "DuckDB could not register the function \(function.name)")
        }
    }
}

/// One call: every row of the input chunk's first vector through `transform`.
private enum TextFunctionCall {
    static func run(_ function: TextFunction, input: duckdb_data_chunk?, output: duckdb_vector?) {
        let count = Int(duckdb_data_chunk_get_size(input))
        let vector = duckdb_data_chunk_get_vector(input, 0)
        let memory = VectorMemory(vector)
        guard let data = memory.data else { return }
        duckdb_vector_ensure_validity_writable(output)
        let outputValidity = duckdb_vector_get_validity(output)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: function.maximumLength, alignment: 1)
        defer { buffer.deallocate() }
        for row in 0..<count {
            guard memory.isValid(row) else {
                duckdb_validity_set_row_invalid(outputValidity, idx_t(row))
                continue
            }
            let written = function.transform(UnsafeRawBufferPointer(stringBytes(data, row)), buffer)
            buffer.withMemoryRebound(to: CChar.self) {
                if function.writesValidUTF8 {
                    duckdb_unsafe_vector_assign_string_element_len(output, idx_t(row), $0.baseAddress, idx_t(written))
                } else {
                    duckdb_vector_assign_string_element_len(output, idx_t(row), $0.baseAddress, idx_t(written))
                }
            }
        }
    }
}
