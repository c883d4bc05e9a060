/// The bytes of a batch of DataRows, written straight into raw memory: the encoder of bulk rows
/// appends millions of small fields (lengths, digits), and `[UInt8].append(contentsOf:)` with a
/// temporary array per field would cost an allocation and a uniqueness check each time.
struct WireBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 1 << 16) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    var isEmpty: Bool { count == 0 }

    /// The bytes written so far, valid until the next mutation.
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    mutating func removeAll() { count = 0 }

    /// Room for `extra` more bytes.
    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if count &+ extra > capacity { grow(count + extra) }
    }

    private mutating func grow(_ needed: Int) {
        let larger = max(needed, capacity * 2)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.update(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count &+= 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let start = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).update(from: start, count: bytes.count)
        count &+= bytes.count
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    @inline(__always)
    mutating func appendInt16(_ value: Int16) {
        reserve(2)
        UnsafeMutableRawPointer(base + count).storeBytes(of: value.bigEndian, as: Int16.self)
        count &+= 2
    }

    @inline(__always)
    mutating func appendInt32(_ value: Int32) {
        reserve(4)
        UnsafeMutableRawPointer(base + count).storeBytes(of: value.bigEndian, as: Int32.self)
        count &+= 4
    }

    @inline(__always)
    mutating func appendInt64(_ value: Int64) {
        reserve(8)
        UnsafeMutableRawPointer(base + count).storeBytes(of: value.bigEndian, as: Int64.self)
        count &+= 8
    }

    /// Overwrites the four bytes at `offset` with `value` (a length known only afterwards).
    @inline(__always)
    mutating func setInt32(_ value: Int32, at offset: Int) {
        precondition(offset >= 0 && offset + 4 <= count)
        UnsafeMutableRawPointer(base + offset).storeBytes(of: value.bigEndian, as: Int32.self)
    }

    /// Writes the decimal digits of `value`, without a String in between.
    @inline(__always)
    mutating func appendDecimal(_ value: Int64) {
        reserve(20)
        var magnitude = value.magnitude
        if value < 0 {
            base[count] = UInt8(ascii: "-")
            count &+= 1
        }
        var digits = 1
        var probe = magnitude
        while probe >= 10 {
            probe /= 10
            digits &+= 1
        }
        var at = count &+ digits &- 1
        repeat {
            base[at] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
            magnitude /= 10
            at &-= 1
        } while magnitude > 0
        count &+= digits
    }

    /// Writes exactly `width` digits of `value` (0 ≤ value < 10^width), zero-padded: the fixed
    /// fields of dates and times, without counting digits first.
    @inline(__always)
    mutating func appendDigits(_ value: Int64, width: Int) {
        reserve(width)
        var rest = value.magnitude
        var at = count &+ width &- 1
        while at >= count {
            base[at] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
            at &-= 1
        }
        count &+= width
    }

    /// A copy of the bytes, for tests and small replies.
    var array: [UInt8] { withBytes { Array($0) } }
}
