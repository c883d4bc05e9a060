import DuckDB
internal import CKeyedHash

/// HMAC-SHA256 under one mask key, for hashing a column's values: the key's blocks are compressed
/// once, so a value shorter than 56 bytes costs two SHA-256 compressions and no allocation (see
/// CKeyedHash for why this is C). A plain value, shared by DuckDB's threads, which only read it.
struct KeyedHash: Sendable {
    private let prepared: tessera_keyed_hash

    /// `allowCPUExtensions` false forces the portable compression, which must give the same bytes.
    init(key: MaskKey, allowCPUExtensions: Bool = true) {
        var prepared = tessera_keyed_hash()
        key.bytes.withUnsafeBufferPointer { bytes in
            tessera_keyed_hash_prepare(&prepared, bytes.baseAddress, bytes.count, allowCPUExtensions ? 1 : 0)
        }
        self.prepared = prepared
    }

    /// Whether the compressions use the CPU's SHA instructions.
    var usesCPUExtensions: Bool { prepared.uses_cpu_extensions != 0 }

    /// The 32-byte code of `message`, written to `code`.
    func code(of message: UnsafeRawBufferPointer, into code: UnsafeMutablePointer<UInt8>) {
        withUnsafePointer(to: prepared) { prepared in
            tessera_keyed_hash_compute(
                prepared, message.baseAddress?.assumingMemoryBound(to: UInt8.self), message.count, code)
        }
    }

    /// The pseudonyms of `values` (the code's first 128 bits as 32 lowercase hex digits), one
    /// after another in `hex` (which holds at least 32 bytes per value).
    func hex(of values: TextValues, into hex: UnsafeMutableRawBufferPointer) {
        withUnsafePointer(to: prepared) { prepared in
            tessera_keyed_hash_hex_many(
                prepared, values.addresses.baseAddress, values.lengths.baseAddress, values.count,
                hex.baseAddress?.assumingMemoryBound(to: CChar.self))
        }
    }

    /// The code of `bytes` as an array (for tests and the odd single value).
    func code(of bytes: [UInt8]) -> [UInt8] {
        var code = [UInt8](repeating: 0, count: 32)
        bytes.withUnsafeBytes { message in
            code.withUnsafeMutableBufferPointer { self.code(of: message, into: $0.baseAddress!) }
        }
        return code
    }
}
