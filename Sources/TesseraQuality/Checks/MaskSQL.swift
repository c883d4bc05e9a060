import TesseraModel

/// The SQL of the four column masks of `access.masks`, with the semantics of the product views
/// (`ProductViews.masked` in TesseraRuntime, which this target may not import): `hash` is the
/// SHA-256 of the text, `redact` is `'****'`, `null` is NULL, `partial` keeps the first two
/// characters and appends `***`. Check samples use it because they are shown to readers outside
/// the owning domain too, so they must never reveal more than the product's view does.
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
