import Foundation

/// What a statement is, from its first words: enough to answer transaction control and settings
/// without DuckDB, and to refuse writes with the right SQLSTATE before anything runs.
public enum StatementKind: Equatable, Sendable {
    case empty
    case begin, commit, rollback
    /// `SET`, `RESET`, `DISCARD`, `DEALLOCATE`: session settings, accepted.
    case set(String)
    case show(String)
    /// SELECT, WITH, VALUES, TABLE, or a parenthesised query.
    case query
    /// EXPLAIN of a query: its plan, in PostgreSQL's shape.
    case explain
    /// INSERT, UPDATE, DELETE, CREATE … : refused, the endpoint only reads.
    case write(String)
    case other(String)

    public init(_ sql: String) {
        let words = Self.words(sql, count: 3)
        guard let first = words.first else {
            self = .empty
            return
        }
        switch first {
        case "begin", "start": self = .begin
        case "commit", "end": self = .commit
        case "rollback" where words.dropFirst().first == "to", "savepoint", "release": self = .set(first)
        case "rollback", "abort": self = .rollback
        case "set", "reset", "discard", "deallocate", "listen", "unlisten": self = .set(first)
        case "show": self = .show(Self.settingName(sql))
        case "select", "with", "values", "table", "(", "describe", "summarize": self = .query
        case "explain": self = .explain
        case "insert", "update", "delete", "merge", "create", "drop", "alter", "truncate", "copy", "grant",
            "revoke", "vacuum", "analyze", "comment", "attach", "detach", "install", "load", "pragma", "call",
            "checkpoint", "import", "export", "prepare", "execute", "lock", "refresh", "reindex", "cluster":
            self = .write(first)
        default: self = .other(first)
        }
    }

    /// The tag of a transaction statement, and what it does (COMMIT of a failed block rolls back).
    func transactionEffect(failed: Bool) -> (String, EndpointStateMachine.TransactionChange?) {
        switch self {
        case .begin: ("BEGIN", .begin)
        case .commit: (failed ? "ROLLBACK" : "COMMIT", .end)
        case .rollback: ("ROLLBACK", .end)
        default: ("", nil)
        }
    }

    /// The setting a SHOW names, as its parameter name: `SHOW TRANSACTION ISOLATION LEVEL` is
    /// `transaction_isolation`, `SHOW TIME ZONE` is `timezone`.
    static func settingName(_ sql: String) -> String {
        let words = Self.words(sql, count: 5).dropFirst().filter { $0 != ";" }
        let name = words.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        switch name {
        case "transaction isolation level": return "transaction_isolation"
        case "time zone": return "timezone"
        default: return name
        }
    }

    /// The first `count` words, lowercased, skipping comments and whitespace; `(` is a word.
    static func words(_ sql: String, count: Int) -> [String] {
        var words: [String] = []
        var index = sql.startIndex
        while index < sql.endIndex, words.count < count {
            let character = sql[index]
            if character.isWhitespace || character == ";" {
                index = sql.index(after: index)
            } else if sql[index...].hasPrefix("--") {
                index = sql[index...].firstIndex(of: "\n") ?? sql.endIndex
            } else if sql[index...].hasPrefix("/*") {
                index = sql[index...].range(of: "*/")?.upperBound ?? sql.endIndex
            } else if character == "(" {
                words.append("(")
                index = sql.index(after: index)
            } else {
                let end =
                    sql[index...].firstIndex { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") } ?? sql.endIndex
                if end == index {
                    words.append(String(character))
                    index = sql.index(after: index)
                } else {
                    words.append(sql[index..<end].lowercased())
                    index = end
                }
            }
        }
        return words
    }
}
