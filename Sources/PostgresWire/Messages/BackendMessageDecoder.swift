/// Splits the byte stream from the server into messages.
///
/// Bytes are appended as they are read (in large chunks); `next()` returns each complete message,
/// or nil when the buffer holds only part of one. The buffer keeps its capacity, so a steady
/// stream of small CopyData messages allocates nothing per message.
struct BackendMessageDecoder {
    private var buffer: [UInt8] = []
    private var start = 0

    /// Larger than anything PostgreSQL sends (its own limit is 1 GB per field); anything bigger
    /// means we lost the message boundaries.
    static let maximumMessageLength = (1 << 30) + 1024

    init(capacity: Int = 0) { buffer.reserveCapacity(capacity) }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if start > 0 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    mutating func next() throws(PostgresError) -> BackendMessage? {
        let available = buffer.count - start
        guard available >= 5 else { return nil }
        let type = buffer[start]
        var length = 0
        for offset in 1...4 { length = length << 8 | Int(buffer[start + offset]) }
        guard length >= 4, length <= Self.maximumMessageLength else {
            throw .protocolViolation("a message of type '\(Self.printable(type))' claims a length of \(length) bytes")
        }
        guard available >= 1 + length else { return nil }
        let body = buffer[(start + 5)..<(start + 1 + length)]
        start += 1 + length
        return try BackendMessage.decode(type: type, body: body)
    }

    static func printable(_ type: UInt8) -> String {
        (32..<127).contains(type) ? String(UnicodeScalar(type)) : "0x" + String(type, radix: 16)
    }
}
