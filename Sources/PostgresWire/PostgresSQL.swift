/// Building SQL text safely: quoting identifiers and writing the COPY statements the connector runs.
public enum PostgresSQL {
    /// `orders` → `"orders"`, `a"b` → `"a""b"`: always quoted, so reserved words and mixed case are safe.
    public static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `public.orders` → `"public"."orders"`.
    ///
    /// Follows PostgreSQL's own reading of a name, as psql would: parts separated by dots (at most
    /// three: database, schema, table); an unquoted part is folded to lower case (`Public.Orders`
    /// is `"public"."orders"`), a double-quoted part is kept as written (`"Order Lines"`). Throws
    /// ``PostgresError`` (`.misuse`) for a name PostgreSQL would not accept unquoted.
    public static func quoteQualifiedName(_ name: String) throws -> String {
        try QualifiedName.parse(name).map(quoteIdentifier).joined(separator: ".")
    }

    /// A string literal: `it's` → `'it''s'`, for values built into metadata queries. Assumes
    /// `standard_conforming_strings` is on (the default since PostgreSQL 9.1), so a backslash is
    /// an ordinary character.
    public static func quoteLiteral(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// `COPY (query) TO STDOUT (FORMAT csv, HEADER true)`. A trailing `;` in the query is dropped.
    public static func copyToCSV(query: String, header: Bool = true) -> String {
        var body = Substring(query)
        while let last = body.last, last == ";" || last.isWhitespace { body = body.dropLast() }
        return "COPY (\(body)) TO STDOUT (FORMAT csv, HEADER \(header))"
    }

    /// `COPY "schema"."table" TO STDOUT (FORMAT csv, HEADER true)` for a table name as
    /// ``quoteQualifiedName(_:)`` reads it.
    public static func copyToCSV(table: String, header: Bool = true) throws -> String {
        "COPY \(try quoteQualifiedName(table)) TO STDOUT (FORMAT csv, HEADER \(header))"
    }
}

private enum QualifiedName {
    static func parse(_ name: String) throws(PostgresError) -> [String] {
        func invalid(_ reason: String) -> PostgresError {
            .misuse("invalid table name '\(name)': \(reason)")
        }
        var parts: [String] = []
        var scalars = Array(name.unicodeScalars)[...]
        while true {
            var part = String.UnicodeScalarView()
            if scalars.first == "\"" {
                scalars = scalars.dropFirst()
                var closed = false
                while let scalar = scalars.popFirst() {
                    if scalar == "\"" {
                        if scalars.first == "\"" {
                            scalars = scalars.dropFirst()
                            part.append("\"")
                        } else {
                            closed = true
                            break
                        }
                    } else {
                        part.append(scalar)
                    }
                }
                guard closed else { throw invalid("a double quote is not closed") }
                guard !part.isEmpty else { throw invalid("a quoted part is empty") }
            } else {
                while let scalar = scalars.first, scalar != "." {
                    let isLetter = scalar.properties.isAlphabetic || scalar == "_" || scalar.value >= 0x80
                    let isDigit = ("0"..."9").contains(scalar)
                    guard isLetter || ((isDigit || scalar == "$") && !part.isEmpty) else {
                        throw invalid(
                            "'\(scalar)' is not allowed in an unquoted name; write that part in double quotes")
                    }
                    // PostgreSQL folds unquoted names to lower case, ASCII letters only.
                    part.append(("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32) ?? scalar : scalar)
                    scalars = scalars.dropFirst()
                }
                guard !part.isEmpty else { throw invalid("a part of the name is empty") }
            }
            parts.append(String(part))
            guard let next = scalars.popFirst() else { break }
            guard next == "." else { throw invalid("expected '.' after a quoted part") }
        }
        guard parts.count <= 3 else { throw invalid("more than three parts (database.schema.table)") }
        return parts
    }
}
