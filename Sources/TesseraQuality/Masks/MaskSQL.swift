import DuckDB
import TesseraModel

/// The SQL of the four column masks of `access.masks` — the one place it is written: the product
/// views readers outside the owning domain see (`ProductViews`) and check samples (shown to those
/// readers too) both use it, so a sample never reveals more than the view. `hash` is a keyed
/// pseudonym (below), `redact` is `'****'`, `null` is NULL, `partial` keeps the first two
/// characters and appends `***`.
public enum MaskSQL {
    /// The function `hash` calls; `install` registers it with the key.
    static let hashFunction = "tessera_mask_hash"

    /// `column` (already quoted or qualified) masked by `kind`. `type` is the column's SQL type,
    /// used by `null` so the expression keeps the column's type; nil gives an untyped NULL.
    public static func masked(_ column: String, _ kind: Access.Mask.Kind, type: String? = nil) -> String {
        switch kind {
        case .hash: "\(hashFunction)(CAST(\(column) AS VARCHAR))"
        case .redact: "CASE WHEN \(column) IS NULL THEN NULL ELSE '****' END"
        case .null: type.map { "CAST(NULL AS \($0))" } ?? "NULL"
        case .partial: "CASE WHEN \(column) IS NULL THEN NULL ELSE left(CAST(\(column) AS VARCHAR), 2) || '***' END"
        }
    }

    /// Registers the function `hash` needs, with `key`, in the database of `connection`: every
    /// database that creates or reads masked views (a warehouse on each open, the in-memory ones
    /// of `query` and `check`) needs it before it reads one.
    public static func install(_ key: MaskKey, on connection: Connection) throws {
        for function in functions(key) { try function.register(on: connection) }
    }

    /// `tessera_mask_hash(text)`: HMAC-SHA256 (RFC 2104) of the text's UTF-8 bytes under the mask
    /// key, truncated to 128 bits, as 32 lowercase hex digits; NULL stays NULL. 128 bits keep
    /// pseudonyms distinct (a collision needs about 2^64 values) at half the bytes to store and
    /// send; truncating a PRF's output leaves a PRF. The key lives in the function's closure,
    /// so it is in no SQL text, view definition or plan. HMAC is a PRF whenever SHA-256's
    /// compression function is one, so a pseudonym can be neither reversed nor confirmed (hashing
    /// a guess) without the key; a plain `SHA256(K ‖ m)` would not do, because SHA-256's length
    /// extension lets anyone compute the hash of longer messages from a known one. Computed by
    /// `KeyedHash` with the CPU's SHA instructions: in SQL it took four calls of DuckDB's `sha256`
    /// and an `unhex` per value, 1.6 times the cost of reading the product.
    public static func functions(_ key: MaskKey) -> [any RegisteredFunction] {
        let hash = KeyedHash(key: key)
        return [
            TextFunction(name: hashFunction, resultWidth: 32, writesValidUTF8: true) { values, results in
                hash.hex(of: values, into: results)
            }
        ]
    }
}
