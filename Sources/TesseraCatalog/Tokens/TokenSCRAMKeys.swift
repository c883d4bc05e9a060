import Foundation

/// A token's SCRAM-SHA-256 keys (RFC 5802) under its principal's salt: what the PostgreSQL
/// endpoint checks a client's proof against. From them nobody can sign in elsewhere: StoredKey
/// is a hash of the key a client proves, ServerKey only proves the server to the client.
public struct TokenSCRAMKeys: Sendable, Hashable {
    public var iterations: Int
    public var storedKey: [UInt8]
    public var serverKey: [UInt8]

    public init(iterations: Int, storedKey: [UInt8], serverKey: [UInt8]) {
        self.iterations = iterations
        self.storedKey = storedKey
        self.serverKey = serverKey
    }
}
