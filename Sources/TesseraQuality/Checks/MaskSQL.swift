import DuckDB
import TesseraModel

/// The SQL of the four column masks of `access.masks` — the one place it is written: the product
/// views readers outside the owning domain see (`ProductViews`) and check samples (shown to those
/// readers too) both use it, so a sample never reveals more than the view. `hash` is a keyed
/// pseudonym (below), `redact` is `'****'`, `null` is NULL, `partial` keeps the first two
/// characters and appends `***`.
public enum MaskSQL {
    /// The functions `hash` calls; `install` registers them. They return the key's two HMAC pads.
    static let innerPadFunction = "tessera_mask_inner_pad"
    static let outerPadFunction = "tessera_mask_outer_pad"

    /// `column` (already quoted or qualified) masked by `kind`. `type` is the column's SQL type,
    /// used by `null` so the expression keeps the column's type; nil gives an untyped NULL.
    public static func masked(_ column: String, _ kind: Access.Mask.Kind, type: String? = nil) -> String {
        switch kind {
        case .hash: hmac(of: "encode(CAST(\(column) AS VARCHAR))")
        case .redact: "CASE WHEN \(column) IS NULL THEN NULL ELSE '****' END"
        case .null: type.map { "CAST(NULL AS \($0))" } ?? "NULL"
        case .partial: "CASE WHEN \(column) IS NULL THEN NULL ELSE left(CAST(\(column) AS VARCHAR), 2) || '***' END"
        }
    }

    /// HMAC-SHA256 of `message` (a BLOB expression) under the mask key, as 64 lowercase hex
    /// digits; NULL stays NULL. Written out as RFC 2104 defines it —
    /// `SHA256((K ⊕ opad) ‖ SHA256((K ⊕ ipad) ‖ m))`, K the 32-byte key zero-padded to SHA-256's
    /// 64-byte block — with both pads computed once in Swift and handed over by
    /// `tessera_mask_*_pad()`, so the key is in no SQL text and the per-row work is DuckDB's own
    /// `sha256`. HMAC is a PRF whenever SHA-256's compression function is one, so a pseudonym
    /// can be neither reversed nor confirmed (hashing a guess) without the key; a plain
    /// `SHA256(K ‖ m)` would not do, because SHA-256's length extension lets anyone compute the
    /// hash of longer messages from a known one.
    static func hmac(of message: String) -> String {
        "sha256(\(outerPadFunction)() || unhex(sha256(\(innerPadFunction)() || \(message))))"
    }

    /// Registers the functions `hash` needs, with `key`, in the database of `connection`: every
    /// database that creates or reads masked views (a warehouse on each open, the in-memory ones
    /// of `query` and `check`) needs them before it reads one.
    public static func install(_ key: MaskKey, on connection: Connection) throws {
        for function in functions(key) { try connection.register(function) }
    }

    /// The two functions, for whoever registers them on its own connection.
    public static func functions(_ key: MaskKey) -> [ConstantFunction] {
        let (inner, outer) = pads(of: key.bytes)
        return [
            ConstantFunction(name: innerPadFunction, bytes: inner),
            ConstantFunction(name: outerPadFunction, bytes: outer),
        ]
    }

    /// HMAC's inner and outer pads of a key of at most one block (64 bytes).
    static func pads(of key: [UInt8]) -> (inner: [UInt8], outer: [UInt8]) {
        let block = key + [UInt8](repeating: 0, count: max(0, 64 - key.count))
        return (block.map { $0 ^ 0x36 }, block.map { $0 ^ 0x5c })
    }
}
