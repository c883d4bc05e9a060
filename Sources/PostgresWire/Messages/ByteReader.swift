/// Reads the big-endian fields of one message body, on either side of the protocol (the client's
/// decoder of server messages, the endpoint's decoder of client messages). Every read is bounds-checked: a short or
/// malformed body is a protocol violation, never a crash.
public struct ByteReader {
    public private(set) var bytes: ArraySlice<UInt8>

    public init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }

    public var isAtEnd: Bool { bytes.isEmpty }

    public mutating func readUInt8() throws(PostgresError) -> UInt8 {
        guard let byte = bytes.popFirst() else { throw .protocolViolation("a message ends too early") }
        return byte
    }

    public mutating func readInt16() throws(PostgresError) -> Int16 {
        Int16(bitPattern: UInt16(try readUnsigned(2)))
    }

    public mutating func readInt32() throws(PostgresError) -> Int32 {
        Int32(bitPattern: UInt32(try readUnsigned(4)))
    }

    public mutating func readUInt32() throws(PostgresError) -> UInt32 {
        UInt32(try readUnsigned(4))
    }

    private mutating func readUnsigned(_ count: Int) throws(PostgresError) -> UInt64 {
        guard bytes.count >= count else { throw .protocolViolation("a message ends too early") }
        var value: UInt64 = 0
        for byte in bytes.prefix(count) { value = value << 8 | UInt64(byte) }
        bytes = bytes.dropFirst(count)
        return value
    }

    public mutating func readBytes(_ count: Int) throws(PostgresError) -> ArraySlice<UInt8> {
        guard count >= 0, bytes.count >= count else { throw .protocolViolation("a message ends too early") }
        let slice = bytes.prefix(count)
        bytes = bytes.dropFirst(count)
        return slice
    }

    /// A NUL-terminated string (the protocol's `String`).
    public mutating func readCString() throws(PostgresError) -> String {
        guard let nul = bytes.firstIndex(of: 0) else { throw .protocolViolation("a string is not NUL-terminated") }
        let text = String(decoding: bytes[bytes.startIndex..<nul], as: UTF8.self)
        bytes = bytes[bytes.index(after: nul)...]
        return text
    }

    public mutating func readRest() -> ArraySlice<UInt8> {
        let rest = bytes
        bytes = bytes[bytes.endIndex...]
        return rest
    }
}
