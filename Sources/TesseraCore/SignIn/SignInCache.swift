import Foundation
import Synchronization
import TesseraCatalog
import TesseraModel

/// Tokens this process checked against the catalog in the last `freshFor` seconds, so that a
/// client sending many requests signs in with one catalog read every few seconds rather than one
/// per request. What a cached sign-in still checks on every request: the secret's hash (in
/// constant time) and the expiry (against the time of the request). What it may miss for up to
/// `freshFor`: a revocation made by another process (`tessera token revoke`); one made through
/// this process's workspace is forgotten at once.
final class SignInCache: Sendable {
    struct Entry: Sendable {
        var secretHash: String
        var principal: Principal
        var expiresAt: Date?
        var checkedAt: Date
    }

    static let freshFor: TimeInterval = 2
    /// A bound on memory, not a working size: emptied whole when reached.
    static let capacity = 10_000
    private let entries = Mutex<[String: Entry]>([:])

    /// The token's entry when it was checked against the catalog less than `freshFor` ago.
    func fresh(id: String, now: Date) -> Entry? {
        entries.withLock { entries in
            guard let entry = entries[id] else { return nil }
            guard now.timeIntervalSince(entry.checkedAt) < Self.freshFor, entry.checkedAt <= now else {
                entries[id] = nil
                return nil
            }
            return entry
        }
    }

    func remember(_ token: TokenRecord, at now: Date) {
        let entry = Entry(
            secretHash: token.secretHash, principal: token.principal, expiresAt: token.expiresAt, checkedAt: now)
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[token.id] = entry
        }
    }

    func forget(id: String) {
        _ = entries.withLock { $0.removeValue(forKey: id) }
    }
}
