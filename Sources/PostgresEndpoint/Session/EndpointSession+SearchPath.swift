import Foundation

extension EndpointSession {
    /// Makes `path` the session's search_path: unqualified names of products resolve through the
    /// schemas in it that the principal may see (the core checks them again before DuckDB does
    /// anything with them), `current_schema()` and `current_schemas(bool)` say the same, and
    /// `SHOW search_path` prints it as set.
    func use(_ path: SearchPath) throws(EndpointError) {
        let user = settings["user"] ?? ""
        let visible = Set(products.relations.map(\.schema))
        do {
            try products.useSchemas(path.schemas(user: user, visible: visible))
            // The emulation also has `public`, empty, as PostgreSQL does.
            try catalog.useSchemas(path.schemas(user: user, visible: visible.union(["public"])))
        } catch {
            throw ErrorMapping.error(error)
        }
        settings["search_path"] = path.text
    }

    /// `SET search_path …`, `SET SCHEMA '…'`, or the value a startup message gave.
    func setSearchPath(_ value: String) throws(EndpointError) {
        guard let path = SearchPath(parsing: value) else {
            throw EndpointError(
                EndpointError.Code.invalidParameterValue, "invalid value for parameter \"search_path\": \"\(value)\"",
                hint: "a list of schema names separated by commas, e.g. SET search_path TO sales, marketing")
        }
        try use(path)
    }

    /// The setting a `SET` names and its value as written (quotes kept); `SET SCHEMA 'x'` is
    /// search_path's.
    static func rawAssignment(_ sql: String) -> (String, String)? {
        var text = sql.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ";")))
        text = String(text.dropFirst(3)).trimmingCharacters(in: .whitespaces)
        for scope in ["session ", "local "] where text.lowercased().hasPrefix(scope) {
            text = String(text.dropFirst(scope.count)).trimmingCharacters(in: .whitespaces)
        }
        if text.lowercased().hasPrefix("schema ") || text.lowercased().hasPrefix("schema'") {
            return ("search_path", String(text.dropFirst(6)).trimmingCharacters(in: .whitespaces))
        }
        let separator = text.range(of: "=") ?? text.range(of: " to ", options: .caseInsensitive)
        guard let separator else { return nil }
        let name = text[..<separator.lowerBound].trimmingCharacters(in: .whitespaces).lowercased()
        let value = text[separator.upperBound...].trimmingCharacters(in: .whitespaces)
        return name.isEmpty ? nil : (name, value)
    }

    /// `RESET search_path`, `RESET ALL`, `DISCARD ALL`: whether it puts search_path back.
    static func resetsSearchPath(_ sql: String) -> Bool {
        let words = StatementKind.words(sql, count: 2)
        switch words.first {
        case "reset": return words.dropFirst().first.map { $0 == "search_path" || $0 == "all" } ?? false
        case "discard": return words.dropFirst().first == "all"
        default: return false
        }
    }
}
