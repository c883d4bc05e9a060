/// The big-endian fields of a message being written, on either side of the protocol.
extension [UInt8] {
    public mutating func appendInt16(_ value: Int16) {
        let bits = UInt16(bitPattern: value)
        append(contentsOf: [UInt8(truncatingIfNeeded: bits >> 8), UInt8(truncatingIfNeeded: bits)])
    }

    public mutating func appendInt32(_ value: Int32) {
        let bits = UInt32(bitPattern: value)
        append(contentsOf: [
            UInt8(truncatingIfNeeded: bits >> 24), UInt8(truncatingIfNeeded: bits >> 16),
            UInt8(truncatingIfNeeded: bits >> 8), UInt8(truncatingIfNeeded: bits),
        ])
    }

    public mutating func appendInt64(_ value: Int64) {
        appendInt32(Int32(truncatingIfNeeded: value >> 32))
        appendInt32(Int32(truncatingIfNeeded: value))
    }

    public mutating func appendCString(_ text: String) {
        append(contentsOf: text.utf8)
        append(0)
    }

    /// Writes the Int32 length of the message that starts at `start` (its type byte excluded,
    /// when it has one) into its place: the length counts itself and the body.
    public mutating func patchLength(at lengthOffset: Int) {
        let length = UInt32(count - lengthOffset)
        self[lengthOffset] = UInt8(truncatingIfNeeded: length >> 24)
        self[lengthOffset + 1] = UInt8(truncatingIfNeeded: length >> 16)
        self[lengthOffset + 2] = UInt8(truncatingIfNeeded: length >> 8)
        self[lengthOffset + 3] = UInt8(truncatingIfNeeded: length)
    }
}
