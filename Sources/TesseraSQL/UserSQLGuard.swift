import Foundation

/// Something user SQL may not use, found in its parse tree.
public struct SQLRefusal: Hashable, Sendable {
    /// What was refused and why, e.g. "read_text() reads files".
    public var message: String
    public var hint: String
    /// A UTF-8 byte offset in the text DuckDB parsed, when DuckDB gives one.
    public var offset: Int?

    public init(message: String, hint: String, offset: Int?) {
        self.message = message
        self.hint = hint
        self.offset = offset
    }
}

/// What user SQL — models, `sql:` checks, checks' `where:` and `tessera query` — may not use:
/// anything that reaches past the relations it is granted. Such SQL reads relations by name and
/// computes over their rows; it never reads a file, the network, the engine's catalog, its
/// settings or variables, and never builds SQL at run time.
///
/// This is the first wall; DuckDB's own sandbox (external access off but for the folders a
/// database needs) is the second. Both hold on their own: the guard refuses at `validate`, with
/// a place in the user's file, what the sandbox would only refuse at run time.
enum UserSQLGuard {
    /// Table functions user SQL may call: generators whose rows come from their arguments alone.
    /// An allow-list, because the engine keeps adding table functions that read files, the
    /// network or the catalog (read_*, glob, parquet_*, sniff_csv, duckdb_*(), pragma_*, query(),
    /// which_secret(), checkpoint() …): a new one stays refused until it is known to be pure.
    static let tableFunctions: Set<String> = [
        "range", "generate_series", "unnest", "json_each", "json_tree", "repeat", "repeat_row",
    ]

    /// Scalar, aggregate and window functions refused, by prefix. A deny-list, because such
    /// functions are hundreds of pure computations over values (upper, date_trunc, sha256, sum …)
    /// that user SQL needs; the few that reach outside the row are named here and below.
    /// `tessera_` is Tessera's own (the keyed hash of masks): never callable by users.
    static let deniedPrefixes: [(prefix: String, reason: String)] = [
        ("read_", "reads files"), ("parquet_", "reads files"), ("sniff_", "reads files"),
        ("duckdb_", "reveals the engine's catalog"), ("pragma_", "reveals the engine's catalog"),
        ("pg_", "reveals the engine's catalog"), ("has_", "reveals the engine's catalog"),
        ("json_execute", "runs SQL built at run time"), ("tessera_", "is internal to Tessera"),
    ]

    static let deniedNames: [String: String] = [
        "glob": "lists files", "query": "runs SQL built at run time", "query_table": "runs SQL built at run time",
        "getenv": "reads the environment", "current_setting": "reads the engine's settings",
        "getvariable": "reads the engine's variables", "current_query": "reveals the SQL being run",
        "which_secret": "reveals the engine's secrets", "col_description": "reveals the engine's catalog",
        "obj_description": "reveals the engine's catalog", "shobj_description": "reveals the engine's catalog",
        "in_search_path": "reveals the engine's catalog", "format_type": "reveals the engine's catalog",
        "map_to_pg_oid": "reveals the engine's catalog", "write_log": "writes the engine's log",
    ]

    /// Schemas and catalogs of the engine's own catalog views: they reveal every relation, the
    /// body of every view (snapshot paths included) and the settings.
    static let systemSchemas: Set<String> = ["information_schema", "pg_catalog", "system", "temp"]

    /// The engine's catalog views readable without a schema (the search path holds `main` and
    /// `pg_catalog` of the `system` catalog). `duckdb_*`, `pragma_*` and `sqlite_*` go by prefix.
    static let systemRelations: Set<String> = [
        "pg_am", "pg_attrdef", "pg_attribute", "pg_class", "pg_collation", "pg_constraint", "pg_database",
        "pg_depend", "pg_description", "pg_enum", "pg_index", "pg_indexes", "pg_namespace",
        "pg_prepared_statements", "pg_proc", "pg_sequence", "pg_sequences", "pg_settings", "pg_tables",
        "pg_tablespace", "pg_type", "pg_views",
    ]
    static let systemRelationPrefixes = ["duckdb_", "pragma_", "sqlite_"]

    static let relationHint =
        "user SQL reads sources, models and products by name; a model that needs outside data declares a source"
    static let functionHint =
        "user SQL computes over the rows of the relations it reads; a model that needs outside data declares a source"

    /// Why `relation`, read in FROM, is refused, or nil. A name with a path's characters is a file
    /// (DuckDB reads `FROM 'x.parquet'` as the file); no Tessera name holds them.
    static func refusal(for relation: RelationName, offset: Int?) -> SQLRefusal? {
        let name = relation.name.lowercased()
        if name.contains(where: { "/\\:.*?~[".contains($0) }) {
            return SQLRefusal(
                message: "'\(relation.name)' is a file path, not a relation: user SQL never reads files",
                hint: relationHint, offset: offset)
        }
        let qualifiers = [relation.catalog, relation.schema].compactMap { $0?.lowercased() }
        if let schema = qualifiers.first(where: systemSchemas.contains) {
            return SQLRefusal(
                message: "'\(relation)' is in the engine's own catalog (\(schema)), which user SQL may not read",
                hint: relationHint, offset: offset)
        }
        if systemRelations.contains(name) || systemRelationPrefixes.contains(where: name.hasPrefix) {
            return SQLRefusal(
                message: "'\(relation)' is one of the engine's own catalog views, which user SQL may not read",
                hint: relationHint, offset: offset)
        }
        return nil
    }

    /// Every refused function call in `node`'s tree: table functions off the allow-list, and
    /// other functions on the deny-list.
    static func refusals(in node: JSONValue) -> [SQLRefusal] {
        var found: [SQLRefusal] = []
        walk(node, into: &found)
        return found.sorted { ($0.offset ?? 0, $0.message) < ($1.offset ?? 0, $1.message) }
    }

    private static func walk(_ node: JSONValue, into found: inout [SQLRefusal]) {
        switch node {
        case .array(let values):
            for value in values { walk(value, into: &found) }
        case .object(var fields):
            if node.nodeType == "TABLE_FUNCTION", let function = fields["function"] {
                let name = function["function_name"]?.string ?? ""
                if !tableFunctions.contains(name.lowercased()) {
                    let why =
                        deniedReason(name).map { "it \($0)" }
                        ?? "FROM may call only " + tableFunctions.sorted().map { "\($0)()" }.joined(separator: ", ")
                    found.append(
                        SQLRefusal(
                            message: "\(name)() is not allowed in user SQL: \(why)", hint: relationHint,
                            offset: function.queryLocation ?? node.queryLocation))
                }
                // Its arguments are expressions like any other; the call itself was judged here.
                fields["function"] = function["arguments"] ?? .null
            } else if node.nodeType == "SHOW_REF", let shown = fields["table_name"]?.nonEmptyString {
                // SHOW TABLES, SHOW DATABASES …: the engine's catalog (DESCRIBE of a query is fine).
                let what = shown.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                found.append(
                    SQLRefusal(
                        message:
                            "SHOW \(what.uppercased()) is not allowed in user SQL: it reveals the engine's catalog",
                        hint: relationHint, offset: node.queryLocation))
            } else if let name = fields["function_name"]?.string, let reason = deniedReason(name) {
                found.append(
                    SQLRefusal(
                        message: "\(name)() is not allowed in user SQL: it \(reason)", hint: functionHint,
                        offset: node.queryLocation))
            }
            for value in fields.values { walk(value, into: &found) }
        default:
            return
        }
    }

    static func deniedReason(_ function: String) -> String? {
        let name = function.lowercased()
        if let reason = deniedNames[name] { return reason }
        return deniedPrefixes.first { name.hasPrefix($0.prefix) }?.reason
    }
}
