import Foundation
import Testing

/// User SQL — models, `sql:` checks, checks' `where:` and `tessera query` — reads relations by
/// name and nothing else: no file, no network, no engine catalog, setting, variable or dynamic
/// SQL. Each way out is refused before anything runs: at `validate` (so at plan and run) with the
/// place in the user's file, and by `query` with exit 2, printing nothing of what it aimed at.
@Suite struct UserSQLEscapeTests {
    static let lake = ".tessera/dev/domains/sales/lake/products/customers/*/*.parquet"

    /// Each way out: the SQL expression or FROM item, and what the refusal names.
    static let escapes: [(from: String, names: String)] = [
        ("'\(lake)'", "is a file path"),
        ("read_parquet('\(lake)')", "read_parquet() is not allowed"),
        ("read_text('/etc/passwd')", "read_text() is not allowed"),
        ("glob('/etc/*')", "glob() is not allowed"),
        ("duckdb_views()", "duckdb_views() is not allowed"),
        ("duckdb_settings()", "duckdb_settings() is not allowed"),
        ("duckdb_views", "engine's own catalog"),
        ("information_schema.tables", "engine's own catalog"),
        ("pg_catalog.pg_views", "engine's own catalog"),
        ("sqlite_master", "engine's own catalog"),
        ("read_csv('https://example.com/x.csv')", "read_csv() is not allowed"),
        ("parquet_metadata('\(lake)')", "parquet_metadata() is not allowed"),
        ("sniff_csv('/etc/passwd')", "sniff_csv() is not allowed"),
        ("pragma_version()", "pragma_version() is not allowed"),
        ("query('select 1')", "query() is not allowed"),
        ("query_table('sales.customers')", "query_table() is not allowed"),
        ("(select current_setting('threads') as s)", "current_setting() is not allowed"),
        ("(select getvariable('key') as v)", "getvariable() is not allowed"),
        ("(select getenv('HOME') as h)", "getenv() is not allowed"),
        ("(select tessera_mask('x') as m)", "tessera_mask() is not allowed"),
    ]

    /// The column, counted from 1, where the refusal of `escape` points when it starts at `column`:
    /// the refused name, which a subquery has further in.
    static func column(of escape: String, at column: Int) -> Int {
        guard escape.hasPrefix("(select "), let call = escape.range(of: "select ")?.upperBound else { return column }
        return column + escape.distance(from: escape.startIndex, to: call)
    }

    func mesh() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        try dir.write(
            "tessera.yaml", "mesh: acme\ngovernance: {require_description: false, require_classification: false}\n")
        try dir.write("domains/sales/domain.yaml", "owner: sales@acme.example\n")
        try dir.write(
            "domains/sales/sources/customers.yaml", "connector: {type: csv, path: domains/sales/data/*.csv}\n")
        try dir.write("domains/sales/data/customers.csv", "id,email\n1,ann@secret.example\n2,bob@secret.example\n")
        try dir.write("domains/sales/models/customers.sql", "select id, email from src.customers\n")
        try dir.write(
            "domains/sales/products/customers.yaml",
            """
            version: 1.0.0
            access: {readers: [marketing], masks: {email: redact}}
            contract:
              columns:
                - {name: id, type: BIGINT}
                - {name: email, type: VARCHAR}

            """)
        try dir.write("domains/marketing/domain.yaml", "owner: marketing@acme.example\n")
        return dir
    }

    @Test func everyWayOutOfAModelIsRefusedAtValidateWithItsPlace() async throws {
        let dir = try mesh()
        for (index, escape) in Self.escapes.enumerated() {
            let file = "domains/marketing/models/escape\(index).sql"
            try dir.write(file, "-- a way out\nselect * from \(escape.from)\n")
            let validate = try await TesseraBinary.run(["validate"], in: dir.url)
            #expect(validate.status == 2, "\(escape.from): \(validate.stdout)")
            let column = Self.column(of: escape.from, at: 15)
            #expect(validate.stdout.contains("\(file):2:\(column): error: "), "\(escape.from): \(validate.stdout)")
            #expect(validate.stdout.contains(escape.names), "\(escape.from): \(validate.stdout)")
            #expect(validate.stdout.contains("hint: "), "\(validate.stdout)")
            try dir.remove(file)
        }
    }

    @Test func aMarketingModelReadingSalesLakeIsRefusedAndPublishesNothing() async throws {
        let dir = try mesh()
        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 0)
        try dir.write(
            "domains/marketing/models/contacts.sql",
            "select id, email\nfrom read_parquet('\(Self.lake)')\n")
        try dir.write(
            "domains/marketing/products/contacts.yaml",
            "version: 1.0.0\ncontract:\n  columns:\n    - {name: id, type: BIGINT}\n    - {name: email, type: VARCHAR}\n"
        )
        let validate = try await TesseraBinary.run(["validate"], in: dir.url)
        #expect(validate.status == 2)
        #expect(
            validate.stdout.contains(
                "domains/marketing/models/contacts.sql:2:6: error: read_parquet() is not allowed in user SQL: it reads files"
            ), "\(validate.stdout)")
        #expect(validate.stdout.contains("declares a source"), "\(validate.stdout)")

        let run = try await TesseraBinary.run(["run"], in: dir.url)
        #expect(run.status == 2, "\(run.stdout)\n\(run.stderr)")
        let query = try await TesseraBinary.run(
            ["query", "select * from marketing.contacts", "--format", "csv"], in: dir.url)
        #expect(query.status == 2)
        #expect(!query.stdout.contains("secret.example"), "\(query.stdout)")
    }

    @Test func aSQLCheckAndAWhereFilterCannotGetOutEither() async throws {
        let dir = try mesh()
        for escape in Self.escapes {
            try dir.write(
                "domains/sales/products/customers.yaml",
                """
                version: 1.0.0
                contract:
                  columns:
                    - {name: id, type: BIGINT}
                    - {name: email, type: VARCHAR}
                checks:
                  - sql:
                      name: peek
                      query: |
                        select *
                        from @product, \(escape.from)
                  - row_count: {min: 1}
                    where: "id in (select 1 from \(escape.from))"

                """)
            let validate = try await TesseraBinary.run(["validate"], in: dir.url)
            #expect(validate.status == 2, "\(escape.from): \(validate.stdout)")
            let file = "domains/sales/products/customers.yaml"
            let inQuery = "\(file):11:\(Self.column(of: escape.from, at: 24)): error: sql check 'peek': "
            let inWhere = "\(file):13:\(Self.column(of: escape.from, at: 34)): error: where: "
            #expect(validate.stdout.contains(inQuery), "\(escape.from): \(validate.stdout)")
            #expect(validate.stdout.contains(inWhere), "\(escape.from): \(validate.stdout)")
            #expect(validate.stdout.components(separatedBy: escape.names).count == 3, "\(validate.stdout)")
        }
    }

    @Test func aWhereFilterCannotLeaveItsParentheses() async throws {
        let dir = try mesh()
        try dir.write(
            "domains/sales/products/customers.yaml",
            """
            version: 1.0.0
            contract:
              columns:
                - {name: id, type: BIGINT}
            checks:
              - row_count: {min: 1}
                where: "true)) AS x; SELECT 1 --"

            """)
        let validate = try await TesseraBinary.run(["validate"], in: dir.url)
        #expect(validate.status == 2)
        #expect(validate.stdout.contains("closes a parenthesis it did not open"), "\(validate.stdout)")
    }

    @Test func aContractTypeCannotCarrySQL() async throws {
        let dir = try mesh()
        try dir.write(
            "domains/sales/products/customers.yaml",
            """
            version: 1.0.0
            contract:
              columns:
                - name: id
                  type: "BIGINT)) AS t, (SELECT content FROM read_text('/etc/passwd')) AS (x"

            """)
        let validate = try await TesseraBinary.run(["validate"], in: dir.url)
        #expect(validate.status == 2)
        #expect(
            validate.stdout.contains("domains/sales/products/customers.yaml:5:13: error: ")
                && validate.stdout.contains("is not a SQL type"), "\(validate.stdout)")
        #expect(!validate.stdout.contains("root:"))
    }

    @Test func everyWayOutOfAQueryIsRefusedBeforeItRunsAndAudited() async throws {
        let dir = try mesh()
        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 0)
        for escape in Self.escapes + [("sales.customers; select * from read_text('/etc/passwd')", "';'")] {
            for format in ["table", "csv"] {
                let query = try await TesseraBinary.run(
                    ["query", "select * from \(escape.0)", "--format", format], in: dir.url)
                #expect(query.status == 2, "\(escape.0): \(query.stdout)")
                #expect(query.stdout.isEmpty, "\(escape.0): \(query.stdout)")
                #expect(query.stderr.contains("the query was refused: "), "\(query.stderr)")
                #expect(query.stderr.contains(escape.1), "\(escape.0): \(query.stderr)")
                #expect(!query.stderr.contains("secret.example") && !query.stderr.contains("root:"))
            }
        }
        let audit = try await TesseraBinary.run(["audit", "--action", "query", "--format", "json"], in: dir.url)
        let refused = audit.stdout.components(separatedBy: "the query was refused").count - 1
        #expect(refused == 2 * (Self.escapes.count + 1), "\(audit.stdout)")
    }

    @Test func whatUserSQLMayUseStillWorks() async throws {
        let dir = try mesh()
        try dir.write(
            "domains/marketing/models/series.sql",
            "select r.range as n, u.x from range(3) as r, unnest([1, 2]) as u(x), generate_series(1, 1)\n")
        try dir.write(
            "domains/sales/products/customers.yaml",
            """
            version: 1.0.0
            access: {readers: [marketing]}
            contract:
              columns:
                - {name: id, type: BIGINT}
                - {name: email, type: VARCHAR}
            checks:
              - sql: {name: no_blank_email, query: "select * from @product where trim(email) = ''"}
              - row_count: {min: 1}
                where: "email like '%@%'"

            """)
        let run = try await TesseraBinary.run(["run"], in: dir.url)
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        let query = try await TesseraBinary.run(
            [
                "query", "with c as (select * from sales.customers) select count(*) as n from c, range(2)", "--format",
                "csv",
            ], in: dir.url)
        #expect(query.stdout == "n\n4\n", "\(query.stdout)\n\(query.stderr)")
        await #expect(try TesseraBinary.run(["check"], in: dir.url).status == 0)
    }
}
