import Crypto
import DuckDB
import Foundation
import Testing

@testable import TesseraQuality

/// `KeyedHash` is HMAC-SHA256 written for speed (midstates, the CPU's SHA instructions, a
/// portable fallback): both of its compressions must give swift-crypto's bytes for every length,
/// across the block boundaries where padding changes (55, 56, 63, 64 bytes…), and for keys longer
/// than a block.
@Suite struct KeyedHashTests {
    static func reference(_ message: [UInt8], key: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }

    /// One value's pseudonym through the vector interface.
    static func hex(of message: [UInt8], with hash: KeyedHash, into hex: inout [UInt8]) {
        message.withUnsafeBufferPointer { bytes in
            let address: [UnsafePointer<UInt8>?] = [bytes.baseAddress ?? UnsafePointer(bitPattern: 1)]
            address.withUnsafeBufferPointer { addresses in
                [bytes.count].withUnsafeBufferPointer { lengths in
                    hex.withUnsafeMutableBytes {
                        hash.hex(of: TextValues(addresses: addresses, lengths: lengths), into: $0)
                    }
                }
            }
        }
    }

    @Test(arguments: [true, false]) func agreesWithSwiftCryptoForEveryLength(cpuExtensions: Bool) {
        var generator = SystemRandomNumberGenerator()
        for keyLength in [32, 20, 64, 65, 131] {
            let key = (0..<keyLength).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let hash = KeyedHash(key: MaskKey(bytes: key), allowCPUExtensions: cpuExtensions)
            for length in 0...300 {
                let message = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
                let reference = Self.reference(message, key: key)
                #expect(hash.code(of: message) == reference, "key \(keyLength) bytes, message \(length) bytes")
                var hex = [UInt8](repeating: 0, count: 32)
                Self.hex(of: message, with: hash, into: &hex)
                #expect(
                    String(decoding: hex, as: UTF8.self)
                        == reference.prefix(16).map { String(format: "%02x", $0) }.joined())
            }
        }
    }

    /// Many values at once give each value's own pseudonym:
    /// odd counts, and lengths on both sides of the one-block limit (55 bytes).
    @Test(arguments: [true, false]) func manyAtOnceEqualsOneByOne(cpuExtensions: Bool) {
        var generator = SystemRandomNumberGenerator()
        let hash = KeyedHash(key: MaskKey(bytes: Array(0..<32)), allowCPUExtensions: cpuExtensions)
        let messages: [[UInt8]] = (0..<257).map { index in
            let length =
                index % 7 == 0 ? Int.random(in: 56...130, using: &generator) : Int.random(in: 0...55, using: &generator)
            return (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
        }
        let buffers = messages.map { message -> UnsafeMutableRawBufferPointer in
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(message.count, 1), alignment: 1)
            buffer.copyBytes(from: message)
            return buffer
        }
        defer { buffers.forEach { $0.deallocate() } }
        let addresses = buffers.map { UnsafePointer<UInt8>?($0.baseAddress!.assumingMemoryBound(to: UInt8.self)) }
        let lengths = messages.map(\.count)
        var many = [UInt8](repeating: 0, count: 32 * messages.count)
        addresses.withUnsafeBufferPointer { addresses in
            lengths.withUnsafeBufferPointer { lengths in
                many.withUnsafeMutableBytes {
                    hash.hex(of: TextValues(addresses: addresses, lengths: lengths), into: $0)
                }
            }
        }
        for (index, message) in messages.enumerated() {
            let one = hash.code(of: message).prefix(16).map { String(format: "%02x", $0) }.joined()
            #expect(String(decoding: many[32 * index..<32 * (index + 1)], as: UTF8.self) == one, "value \(index)")
        }
    }

    /// RFC 4231, test case 6: a 131-byte key, hashed first.
    @Test func rfc4231LongKey() {
        let key = [UInt8](repeating: 0xaa, count: 131)
        let message = Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)
        let expected = "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        for cpuExtensions in [true, false] {
            let code = KeyedHash(key: MaskKey(bytes: key), allowCPUExtensions: cpuExtensions).code(of: message)
            #expect(code.map { String(format: "%02x", $0) }.joined() == expected)
        }
    }

    /// The portable path is always tested above; this says whether the fast one was too.
    @Test func reportsWhetherTheCPUPathIsUsed() {
        let hash = KeyedHash(key: MaskKey(bytes: Array(0..<32)), allowCPUExtensions: false)
        #expect(!hash.usesCPUExtensions)
        #if arch(x86_64)
            let fast = KeyedHash(key: MaskKey(bytes: Array(0..<32)))
            if !fast.usesCPUExtensions { print("note: this CPU has no SHA extensions; only the portable path ran") }
        #endif
    }
}
