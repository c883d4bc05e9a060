/// One column of a result: its name and its PostgreSQL type.
public struct PostgresColumn: Sendable, Equatable {
    public var name: String
    /// The type's OID in `pg_type` (23 = int4, 1700 = numeric …).
    public var typeOID: UInt32
    /// The type modifier: for `numeric(p,s)` `((p << 16) | s) + 4`, for `varchar(n)` `n + 4`, else -1.
    public var typeModifier: Int32

    public init(name: String, typeOID: UInt32, typeModifier: Int32 = -1) {
        self.name = name
        self.typeOID = typeOID
        self.typeModifier = typeModifier
    }

    /// The type's name for the built-in types (`int8`, `numeric`, `timestamptz`, `_text` …); nil for
    /// others (domains, enums, extension types): look those up in `pg_type` if needed.
    public var typeName: String? { PostgresTypeNames.name(for: typeOID) }
}

/// The rows of a small query, every value in PostgreSQL's text format (NULL is nil).
///
/// Meant for metadata — column lists, `max(cursor)` — not for data: data goes through `copyOut`.
public struct PostgresTextResult: Sendable, Equatable {
    public var columns: [PostgresColumn]
    public var rows: [[String?]]
    /// The CommandComplete tag, e.g. `SELECT 3`; nil for an empty query.
    public var commandTag: String?

    public init(columns: [PostgresColumn] = [], rows: [[String?]] = [], commandTag: String? = nil) {
        self.columns = columns
        self.rows = rows
        self.commandTag = commandTag
    }

    /// The value in `row` of the column called `name`; nil when it is NULL or there is no such column.
    public func value(_ row: Int, _ name: String) -> String? {
        guard rows.indices.contains(row), let column = columns.firstIndex(where: { $0.name == name }) else {
            return nil
        }
        let values = rows[row]
        return values.indices.contains(column) ? values[column] : nil
    }
}

/// What a `copyOut(_:toFile:)` wrote.
public struct CopyOutSummary: Sendable, Equatable {
    /// Rows, from the server's `COPY n` tag.
    public var rows: Int
    /// Bytes written to the file.
    public var bytes: Int

    public init(rows: Int, bytes: Int) {
        self.rows = rows
        self.bytes = bytes
    }
}
