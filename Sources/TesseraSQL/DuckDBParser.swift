import DuckDB

/// DuckDB's own parser, reached through `json_serialize_sql` on an in-memory database.
///
/// Not thread-safe: one statement at a time, like its connection. ``SQLAnalyzer`` serializes access.
final class DuckDBParser {
    enum Outcome {
        /// The parsed statements (each `{"node": …}`), and DuckDB's JSON text of them.
        case statements([JSONValue], text: String)
        /// DuckDB refused the text. `position` is a UTF-8 byte offset when DuckDB gives one.
        case failure(message: String, type: String?, position: Int?)
    }

    private let connection: Connection
    private let serialize: PreparedStatement
    private let deserialize: PreparedStatement
    /// ``parseAll(_:)``'s statement, prepared on first use.
    private var serializeAll: PreparedStatement?
    /// `SELECT 1` as DuckDB serializes it: a frame for rendering one expression.
    private var selectTemplate: JSONValue?

    init() throws {
        // It only parses, never runs the text; sandboxed all the same.
        let database = try Database.inMemory(
            options: Sandbox.openOptions.merging(["threads": "1", "enable_external_access": "false"]) { $1 })
        connection = try database.connect()
        serialize = try connection.prepare("SELECT json_serialize_sql($1::VARCHAR)")
        deserialize = try connection.prepare("SELECT json_deserialize_sql($1::JSON)")
        if case .statements(let statements, _)? = try? parse("SELECT 1"), let first = statements.first {
            selectTemplate = JSONValue.object(["error": .bool(false), "statements": .array([first])])
        }
    }

    func parse(_ sql: String) throws -> Outcome {
        let stream = try serialize.query(.varchar(sql))
        let value = try stream.nextRow()?.first
        try stream.drain()
        guard case .varchar(let text)? = value else {
            return .failure(message: "DuckDB returned no parse tree", type: nil, position: nil)
        }
        return Self.outcome(text)
    }

    /// Many texts in one query: DuckDB binds and plans a statement anew on every execution, even a
    /// prepared one, which cost as much as parsing a trivial model. nil when DuckDB refused the
    /// query as a whole (then parse them one by one).
    func parseAll(_ sqls: [String]) -> [Outcome]? {
        guard !sqls.isEmpty else { return [] }
        do {
            if serializeAll == nil {
                serializeAll = try connection.prepare(
                    "SELECT list_transform($1::VARCHAR[], lambda s: json_serialize_sql(s))")
            }
            guard let serializeAll else { return nil }
            let stream = try serializeAll.query(.list(sqls.map(DuckDBValue.varchar)))
            let value = try stream.nextRow()?.first
            try stream.drain()
            guard case .list(let items)? = value, items.count == sqls.count else { return nil }
            var outcomes: [Outcome] = []
            outcomes.reserveCapacity(items.count)
            for item in items {
                guard case .varchar(let text) = item else { return nil }
                outcomes.append(Self.outcome(text))
            }
            return outcomes
        } catch {
            return nil
        }
    }

    /// What DuckDB's JSON for one text says.
    private static func outcome(_ text: String) -> Outcome {
        guard let json = JSONValue.parse(text) else {
            return .failure(message: "DuckDB returned no parse tree", type: nil, position: nil)
        }
        if json["error"]?.bool == true {
            return .failure(
                message: json["error_message"]?.string ?? "syntax error",
                type: json["error_type"]?.string,
                position: json["position"]?.integer
            )
        }
        return .statements(json["statements"]?.array ?? [], text: text)
    }

    /// DuckDB's own SQL rendering of an expression, which is also its default column name
    /// (`(x + 1)`, `count_star()`, `CAST(a AS INTEGER)`); nil if DuckDB cannot render it.
    func render(_ expression: JSONValue) -> String? {
        guard case .object(var document)? = selectTemplate,
            case .object(var statement)? = document["statements"]?.array.first,
            case .object(var node)? = statement["node"]
        else { return nil }
        var unaliased = expression
        if case .object(var fields) = expression {
            fields["alias"] = .string("")
            unaliased = .object(fields)
        }
        node["select_list"] = .array([unaliased])
        statement["node"] = .object(node)
        document["statements"] = .array([.object(statement)])
        guard let stream = try? deserialize.query(.varchar(JSONValue.object(document).canonicalText())),
            let row = try? stream.nextRow(), case .varchar(let text)? = row.first
        else { return nil }
        _ = try? stream.drain()
        let prefix = "SELECT "
        guard text.hasPrefix(prefix) else { return nil }
        return String(text.dropFirst(prefix.count))
    }
}
