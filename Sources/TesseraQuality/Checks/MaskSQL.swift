import TesseraModel

/// The SQL of the four column masks of `access.masks` — the one place it is written: the product
/// views readers outside the owning domain see (`ProductViews`) and check samples (shown to those
/// readers too) both use it, so a sample never reveals more than the view. `hash` is the SHA-256
/// of the text, `redact` is `'****'`, `null` is NULL, `partial` keeps the first two characters and
/// appends `***`.
public enum MaskSQL {
    /// `column` (already quoted or qualified) masked by `kind`. `type` is the column's SQL type,
    /// used by `null` so the expression keeps the column's type; nil gives an untyped NULL.
    public static func masked(_ column: String, _ kind: Access.Mask.Kind, type: String? = nil) -> String {
        switch kind {
        case .hash: "sha256(CAST(\(column) AS VARCHAR))"
        case .redact: "CASE WHEN \(column) IS NULL THEN NULL ELSE '****' END"
        case .null: type.map { "CAST(NULL AS \($0))" } ?? "NULL"
        case .partial: "CASE WHEN \(column) IS NULL THEN NULL ELSE left(CAST(\(column) AS VARCHAR), 2) || '***' END"
        }
    }
}
