import Foundation

extension EndpointSession {
    /// Statements answered without DuckDB: transaction control (the endpoint only reads, so a
    /// transaction block only changes the status clients see), SET and SHOW of session settings,
    /// and writes, refused.
    func local(_ statement: Statement, output: some ReplyOutput) async throws(EndpointError)
        -> EndpointStateMachine.TransactionChange?
    {
        switch statement.kind {
        case .empty:
            try send([.emptyQueryResponse], output)
        case .begin, .commit, .rollback:
            let (tag, change) = statement.kind.transactionEffect(failed: false)
            try send([.commandComplete(tag)], output)
            return change
        case .set(let word):
            if word == "set", let (name, value) = Self.rawAssignment(statement.sql), name == "search_path" {
                try setSearchPath(value)
            } else if word == "set", let (name, value) = Self.assignment(statement.sql) {
                settings[name] = value
            } else if Self.resetsSearchPath(statement.sql) {
                try setSearchPath(SearchPath.defaultText)
            }
            let tag = word == "discard" ? "DISCARD ALL" : word.uppercased()
            // A savepoint marks nothing in a session that only reads: accepted as it is.
            try send([.commandComplete(tag)], output)
        case .show(let name):
            let key = name.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "\" ;"))
            guard let value = settings[key] else {
                throw EndpointError(
                    EndpointError.Code.invalidParameterValue, "unrecognized configuration parameter \"\(key)\"")
            }
            try send([.dataRow([Array(value.utf8)]), .commandComplete("SHOW")], output)
        case .write(let word):
            let refusal = EndpointError(
                EndpointError.Code.readOnlyTransaction,
                "cannot execute \(word.uppercased()) in a read-only transaction",
                hint: "this endpoint serves data products for reading; products change through `tessera run`")
            // Refused like any query the core refuses: in the audit log with its principal.
            await products.finished(statement.sql, rows: nil, failure: refusal.message)
            throw refusal
        case .query, .explain, .other:
            break
        }
        return nil
    }

    /// `SET [SESSION | LOCAL] name { = | TO } value`: the name (lowercased) and the value
    /// without quotes.
    static func assignment(_ sql: String) -> (String, String)? {
        guard let (name, value) = rawAssignment(sql) else { return nil }
        return (name, value.trimmingCharacters(in: CharacterSet(charactersIn: "'\"")))
    }
}
