internal import CDuckDB

/// Something a database needs registered before SQL that calls it runs: DuckDB keeps functions
/// per open database and never in its file, so whoever opens one registers them again.
public protocol RegisteredFunction: Sendable {
    func register(on connection: Connection) throws
}

extension ConstantFunction: RegisteredFunction {
    public func register(on connection: Connection) throws { try connection.register(self) }
}

/// A scalar function from text to fixed-width text whose work is Swift (or C): DuckDB hands it one
/// vector (up to 2,048 values) per call, from as many threads as the query uses, and `transform`
/// gets the vector's non-NULL values at once and writes value i's result, exactly `resultWidth`
/// bytes, at `i * resultWidth` in the results buffer. NULL stays NULL. Nothing is allocated per
/// value, and a vector costs one call of `transform`, not one per value.
///
/// For work DuckDB's own functions do slowly: the keyed `hash` mask is one HMAC-SHA256 per value
/// with the CPU's SHA instructions instead of four SHA-256 calls and an `unhex` in SQL.
public struct TextFunction: RegisteredFunction, CustomStringConvertible {
    public let name: String
    public let resultWidth: Int
    /// Whether `transform` always writes valid UTF-8 (hex digits, say): DuckDB then skips checking
    /// each result, which otherwise turns invalid text into NULL.
    public let writesValidUTF8: Bool
    public let transform: @Sendable (TextValues, UnsafeMutableRawBufferPointer) -> Void

    public init(
        name: String, resultWidth: Int, writesValidUTF8: Bool = false,
        transform: @escaping @Sendable (TextValues, UnsafeMutableRawBufferPointer) -> Void
    ) {
        self.name = name
        self.resultWidth = resultWidth
        self.writesValidUTF8 = writesValidUTF8
        self.transform = transform
    }

    public var description: String { "\(name)(VARCHAR)" }

    public func register(on connection: Connection) throws { try connection.register(self) }
}

/// The non-NULL values of one vector, as the bytes' addresses and lengths (C arrays, for code
/// that hashes many at once). Valid only during the call.
public struct TextValues {
    public let addresses: UnsafeBufferPointer<UnsafePointer<UInt8>?>
    public let lengths: UnsafeBufferPointer<Int>
    public var count: Int { addresses.count }

    public init(addresses: UnsafeBufferPointer<UnsafePointer<UInt8>?>, lengths: UnsafeBufferPointer<Int>) {
        precondition(addresses.count == lengths.count, "one length per address")
        self.addresses = addresses
        self.lengths = lengths
    }

    /// The bytes of value `index`.
    public subscript(index: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: addresses[index], count: lengths[index])
    }
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

/// One call: the input chunk's non-NULL values through `transform` in one go, then each result
/// into its row.
private enum TextFunctionCall {
    static func run(_ function: TextFunction, input: duckdb_data_chunk?, output: duckdb_vector?) {
        let count = Int(duckdb_data_chunk_get_size(input))
        let memory = VectorMemory(duckdb_data_chunk_get_vector(input, 0))
        guard let data = memory.data else { return }
        duckdb_vector_ensure_validity_writable(output)
        let outputValidity = duckdb_vector_get_validity(output)
        let addresses = UnsafeMutableBufferPointer<UnsafePointer<UInt8>?>.allocate(capacity: count)
        let lengths = UnsafeMutableBufferPointer<Int>.allocate(capacity: count)
        let rows = UnsafeMutableBufferPointer<Int>.allocate(capacity: count)
        let results = UnsafeMutableRawBufferPointer.allocate(byteCount: count * function.resultWidth, alignment: 1)
        defer { addresses.deallocate(); lengths.deallocate(); rows.deallocate(); results.deallocate() }
        var values = 0
        for row in 0..<count {
            guard memory.isValid(row) else {
                duckdb_validity_set_row_invalid(outputValidity, idx_t(row))
                continue
            }
            let bytes = stringBytes(data, row)
            (addresses[values], lengths[values], rows[values]) = (bytes.baseAddress, bytes.count, row)
            values += 1
        }
        function.transform(
            TextValues(
                addresses: UnsafeBufferPointer(rebasing: addresses[0..<values]),
                lengths: UnsafeBufferPointer(rebasing: lengths[0..<values])),
            UnsafeMutableRawBufferPointer(rebasing: results[0..<values * function.resultWidth]))
        assign(results, of: function, to: rows[0..<values], in: output)
    }

    /// Result i (of `function.resultWidth` bytes in `results`) into row `rows[i]` of `output`.
    private static func assign(
        _ results: UnsafeMutableRawBufferPointer, of function: TextFunction,
        to rows: Slice<UnsafeMutableBufferPointer<Int>>,
        in output: duckdb_vector?
    ) {
        let width = function.resultWidth
        guard let base = results.baseAddress?.assumingMemoryBound(to: CChar.self) else { return }
        for (index, row) in rows.enumerated() {
            if function.writesValidUTF8 {
                duckdb_unsafe_vector_assign_string_element_len(output, idx_t(row), base + index * width, idx_t(width))
            } else {
                duckdb_vector_assign_string_element_len(output, idx_t(row), base + index * width, idx_t(width))
            }
        }
    }
}
