import Foundation

/// Rewrites the PostgreSQL-isms that clients send in their catalog queries into SQL the catalog
/// emulation's DuckDB accepts: `OPERATOR(pg_catalog.~)`, `COLLATE pg_catalog.default`, the
/// `pg_catalog.` qualifier (its relations and functions resolve to the emulation's own first),
/// `information_schema.` (the emulation's filtered copy), and casts to `regclass`, `oid`, `name`.
/// What it cannot rewrite fails with DuckDB's own message (see docs/postgres-endpoint.md).
public enum CatalogQueryRewriter {
    /// Whether a query reads the catalog (and so runs on the emulation, not on the products).
    public static func readsCatalog(_ sql: String) -> Bool {
        let lowered = sql.lowercased()
        return catalogMarkers.contains { lowered.contains($0) }
    }

    static let catalogMarkers = [
        "pg_catalog", "information_schema", "pg_", "version()", "current_schema", "current_database",
        "current_user", "session_user", "current_setting", "has_table_privilege", "has_schema_privilege",
        "format_type", "obj_description", "col_description", "::regclass", "::regtype", "::oid",
    ]

    private static let rules: [(NSRegularExpression, String)] =
        caseInsensitiveRules
        + [(#"\bAS\s+OID\s*\)"#, "AS BIGINT)")].compactMap { pattern, template in
            (try? NSRegularExpression(pattern: pattern)).map { ($0, template) }
        }

    private static let caseInsensitiveRules: [(NSRegularExpression, String)] = [
        (#"OPERATOR\s*\(\s*pg_catalog\s*\.\s*([^)\s]+)\s*\)"#, "$1"),
        (#"COLLATE\s+(pg_catalog\s*\.\s*)?"?(default|C|POSIX)"?"#, ""),
        (#"\bpg_catalog\s*\.\s*"#, ""),
        (#"\binformation_schema\s*\.\s*"#, "_information_schema."),
        (#"'([^']*)'\s*::\s*regclass\b"#, "to_regclass('$1')"),
        (#"'([^']*)'\s*::\s*regtype\b"#, "to_regtype('$1')"),
        (#"::\s*(regclass|regtype|regproc|regprocedure|regnamespace|regrole|oid)\b"#, "::BIGINT"),
        (#"\bAS\s+(regclass|regtype|regproc|regprocedure|regnamespace|regrole)\s*\)"#, "AS BIGINT)"),
        (#"::\s*(name|"char"|bpchar)(?![\w"])"#, "::VARCHAR"),
        (#"::\s*text\s*\[\s*\]"#, "::VARCHAR[]"),
        (#"\bjson_build_object\s*\("#, "json_object("),
    ].compactMap { pattern, template in
        (try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive])).map { ($0, template) }
    }

    public static func rewrite(_ sql: String) -> String {
        var text = sql
        for (expression, template) in rules {
            text = expression.stringByReplacingMatches(
                in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
        }
        return text
    }
}
