import Foundation
import Testing
@testable import TesseraModel
import TesseraTesting

/// Each broken fixture asserts its exact diagnostics: file, line, column, severity, message and hint.
@Suite("Broken projects")
struct BrokenProjectTests {
    /// The environment of these tests; DATA_DIR makes an invalid glob out of a "secret" value.
    static let environment = fixtureEnvironment.merging(["DATA_DIR": "/srv/[private"]) { $1 }

    func diagnostics(_ fixture: String) throws -> [String] {
        try loadFixture("broken/\(fixture)", environment: Self.environment).diagnostics.map(\.description)
    }

    @Test("YAML syntax errors point at the mark libYAML reports") func yamlSyntax() throws {
        #expect(
            try diagnostics("yaml-syntax") == [
                "domains/sales/products/orders.yaml:5:1: error: invalid YAML: did not find expected ',' or '}' (while parsing a flow mapping at 4:7)\n  hint: check the indentation and quoting around this position",
                "domains/sales/sources/orders.yaml:4:8: error: invalid YAML: mapping values are not allowed in this context\n  hint: check the indentation and quoting around this position",
            ])
    }

    @Test("unknown keys, with a suggestion for near misses") func unknownKey() throws {
        #expect(
            try diagnostics("unknown-key") == [
                "domains/sales/domain.yaml:3:1: error: unknown key 'favourite_colour'\n  hint: expected one of name, owner, description, engine, tags, members, services, schedule, automation, retries, sla, alerts, concurrency",
                "domains/sales/sources/orders.yaml:1:1: error: unknown key 'descripton'\n  hint: did you mean 'description'?",
                "domains/sales/sources/orders.yaml:4:3: error: unknown key 'connector.pth'\n  hint: did you mean 'path'?",
                "domains/sales/sources/orders.yaml:6:1: error: unknown key 'lod'\n  hint: did you mean 'load'?",
            ])
    }

    @Test("wrong value types") func wrongType() throws {
        #expect(
            try diagnostics("wrong-type") == [
                "domains/sales/domain.yaml:2:14: error: 'description' must be a string, found a list",
                "domains/sales/domain.yaml:3:7: error: 'tags' must be a list of strings, found a mapping",
                "domains/sales/products/orders.yaml:4:48: error: 'contract.columns[1].nullable' must be true or false, found 'maybe'",
                "domains/sales/products/orders.yaml:6:13: error: 'contract.columns[2].type' must be a string, found a list",
                "domains/sales/products/orders.yaml:7:9: error: 'checks' must be a list, found a mapping",
            ])
    }

    @Test("missing required keys point at the mapping that lacks them") func missingKey() throws {
        #expect(
            try diagnostics("missing-key") == [
                "domains/sales/products/orders.yaml:1:1: error: missing required key 'contract'\n  hint: declare the published columns: `contract: {columns: [{name: id, type: BIGINT}]}`",
                "domains/sales/sources/orders.yaml:3:3: error: missing required key 'path' in 'connector'\n  hint: a file or glob relative to the project root, e.g. data/orders/*.csv",
                "tessera.yaml:1:1: error: missing required key 'mesh'\n  hint: name the mesh, e.g. `mesh: acme`",
            ])
    }

    @Test("invalid names of files, folders and name values") func invalidName() throws {
        #expect(
            try diagnostics("invalid-name") == [
                "domains/Sales-Team:1:1: error: invalid domain name 'Sales-Team': names are lower snake_case ([a-z][a-z0-9_]*)\n  hint: rename the folder to domains/sales_team",
                "domains/sales/products/orders.yaml:4:14: error: invalid column name 'orderId': names are lower snake_case ([a-z][a-z0-9_]*)\n  hint: try 'order_id'",
                "domains/sales/sources/Orders.yaml:1:1: error: invalid source name 'Orders': names are lower snake_case ([a-z][a-z0-9_]*)\n  hint: rename the file to orders.yaml",
                "tessera.yaml:1:7: error: invalid mesh name 'Acme Mesh': names are lower snake_case ([a-z][a-z0-9_]*)\n  hint: try 'acme_mesh'",
                "tessera.yaml:2:21: error: invalid environment name 'Prod': names are lower snake_case ([a-z][a-z0-9_]*)\n  hint: try 'prod'",
            ])
    }

    @Test("duplicate names: contract columns, sql checks, files, YAML keys") func duplicate() throws {
        #expect(
            try diagnostics("duplicate") == [
                "domains/sales/models/orders.yaml:2:3: error: duplicate key 'order_id' in the same mapping\n  hint: a key may appear only once in a mapping; remove or rename the repeated one",
                "domains/sales/products/orders.yaml:6:14: error: column 'order_id' is declared twice in the contract\n  hint: first declared at line 4; a contract lists each column once",
                "domains/sales/products/orders.yaml:9:5: error: two sql checks are named 'positive' in 'checks'\n  hint: the first is at line 8; check names must be unique",
                "domains/sales/sources/orders.yml:1:1: error: source 'orders' is defined twice: domains/sales/sources/orders.yaml and domains/sales/sources/orders.yml\n  hint: a source name is unique within its domain; remove or rename one of the files",
            ])
    }

    @Test("name: differing from the file or folder name") func nameMismatch() throws {
        #expect(
            try diagnostics("name-mismatch") == [
                "domains/sales/domain.yaml:1:7: error: name 'shop' does not match the folder name 'sales'\n  hint: the folder name is the domain's name: remove `name:` or rename the folder",
                "domains/sales/products/orders.yaml:1:7: error: name 'order' does not match the file name 'orders'\n  hint: the file name is the product's name: remove `name:` or rename the file",
            ])
    }

    @Test("an invalid cron name, with the field and a suggestion") func invalidCron() throws {
        #expect(
            try diagnostics("invalid-cron") == [
                "domains/sales/products/orders.yaml:2:11: error: invalid schedule '0 6 * * MOM': day-of-week field 'MOM': unknown name 'MOM' (did you mean 'MON'?)\n  hint: five fields, in UTC: minute hour day-of-month month day-of-week, e.g. \"0 6 * * *\""
            ])
    }

    @Test("invalid cron, semver and durations") func invalidValues() throws {
        #expect(
            try diagnostics("invalid-values") == [
                "domains/sales/products/orders.yaml:2:10: error: invalid version '1.0': expected MAJOR.MINOR.PATCH, e.g. 1.0.0\n  hint: a semantic version is MAJOR.MINOR.PATCH, e.g. 1.0.0",
                "domains/sales/products/orders.yaml:3:11: error: invalid schedule '0 25 * * *': hour field '25': 25 is out of range 0-23\n  hint: five fields, in UTC: minute hour day-of-month month day-of-week, e.g. \"0 6 * * *\"",
                "domains/sales/products/orders.yaml:4:18: error: invalid duration '2 days' for 'sla.freshness': ' ' is not a unit (use w, d, h, m or s)\n  hint: write a number and a unit (w, d, h, m, s), e.g. 24h, 2d, 30m or 1h30m",
                "domains/sales/products/orders.yaml:10:46: error: invalid duration '1h1d' for 'checks[1].freshness.max_age': units must go from the largest to the smallest, each at most once\n  hint: write a number and a unit (w, d, h, m, s), e.g. 24h, 2d, 30m or 1h30m",
            ])
    }

    @Test("invalid globs, without revealing what came from the environment") func invalidGlob() throws {
        #expect(
            try diagnostics("invalid-glob") == [
                "domains/sales/sources/orders.yaml:4:9: error: invalid glob in 'connector.path': '[' at position 6 is not closed before '/'\n  hint: use * and ** for any names, ? for one character, [abc] for a set; write \\[ for a literal [",
                "domains/sales/sources/secret_path.yaml:4:9: error: 'connector.path' cannot use environment variable ${DATA_DIR}: it is not a credential\n  hint: \(YAMLReader.secretFieldsHint)",
            ])
    }

    @Test("unset environment variables are named") func unsetEnv() throws {
        #expect(
            try diagnostics("unset-env") == [
                "domains/sales/sources/orders.yaml:4:8: error: environment variable 'SHOP_USER' is not set (used by 'connector.url')\n  hint: set SHOP_USER in the environment that runs tessera",
                "domains/sales/sources/orders.yaml:4:8: error: environment variable 'SHOP_PASSWORD' is not set (used by 'connector.url')\n  hint: set SHOP_PASSWORD in the environment that runs tessera",
            ])
    }

    @Test("a product model, source or default model that does not exist") func unknownReference() throws {
        #expect(
            try diagnostics("unknown-reference") == [
                "domains/sales/products/customers.yaml:2:9: error: source 'customer' does not exist in domain 'sales'\n  hint: did you mean 'customers'?",
                "domains/sales/products/order_lines.yaml:1:1: error: product 'order_lines' names no model or source, and domain 'sales' has no model 'order_lines'\n  hint: add `model: <name>` or `source: <name>`",
                "domains/sales/products/orders.yaml:2:8: error: model 'orders_enrichd' does not exist in domain 'sales'\n  hint: did you mean 'orders_enriched'?",
            ])
    }

    @Test("invalid enum values list the allowed ones") func invalidEnum() throws {
        #expect(
            try diagnostics("invalid-enum") == [
                "domains/sales/domain.yaml:3:9: error: invalid value 'sqlite' for 'engine': expected one of duckdb",
                "domains/sales/models/orders.yaml:1:15: error: invalid value 'tabel' for 'materialized': expected one of view, table, incremental, snapshot\n  hint: did you mean 'table'?",
                "domains/sales/products/orders.yaml:4:54: error: invalid value 'secret' for 'contract.columns[1].classification': expected one of public, internal, confidential, pii",
                "domains/sales/products/orders.yaml:7:34: error: invalid value 'warning' for 'checks[1].severity': expected one of error, warn",
                "domains/sales/products/orders.yaml:9:18: error: invalid value 'scramble' for 'access.masks.email': expected one of hash, redact, null, partial",
                "domains/sales/sources/orders.yaml:2:19: error: invalid value 'postgre' for 'connector.type': expected one of csv, json, parquet, postgres, http\n  hint: did you mean 'postgres'?",
                "domains/sales/sources/orders.yaml:3:14: error: invalid value 'incremntal' for 'load.mode': expected one of full, incremental, append\n  hint: did you mean 'incremental'?",
                "domains/sales/sources/orders.yaml:4:21: error: invalid value 'evolv' for 'schema.on_change': expected one of evolve, freeze\n  hint: did you mean 'evolve'?",
            ])
    }

    @Test("a domain folder without domain.yaml") func domainWithoutYaml() throws {
        #expect(
            try diagnostics("domain-without-yaml") == [
                "domains/finance:1:1: error: domain folder 'finance' has no domain.yaml\n  hint: add domains/finance/domain.yaml with at least `owner:` and `description:`"
            ])
    }

    @Test("a model .yaml without its .sql") func modelWithoutSql() throws {
        #expect(
            try diagnostics("model-without-sql") == [
                "domains/sales/models/orders_enriched.yaml:1:1: error: model 'orders_enriched' has a configuration file but no orders_enriched.sql\n  hint: add domains/sales/models/orders_enriched.sql with the model's SELECT, or remove domains/sales/models/orders_enriched.yaml"
            ])
    }

    @Test("primary key, checks, masks, readers and relationships checked against the contract and the mesh")
    func contractReferences() throws {
        #expect(
            try diagnostics("contract-references") == [
                "domains/sales/products/orders.yaml:3:27: error: primary key column 'line_no' is not in the contract\n  hint: the contract's columns: order_id, email, status",
                "domains/sales/products/orders.yaml:9:26: error: check 'not_null' names column 'emial', which is not in the contract\n  hint: did you mean 'email'?",
                "domains/sales/products/orders.yaml:10:31: error: check 'accepted_values' names column 'state', which is not in the contract\n  hint: did you mean 'status'?",
                "domains/sales/products/orders.yaml:11:42: error: 'checks[3].relationship.to' must be domain.product.column, found 'customers.customer_id'\n  hint: e.g. sales.customers.customer_id",
                "domains/sales/products/orders.yaml:12:42: error: relationship.to names unknown product 'sales.custmers'\n  hint: did you mean 'sales.customers'?",
                "domains/sales/products/orders.yaml:14:22: error: access.readers names unknown domain 'finanse'\n  hint: did you mean 'finance'?",
                "domains/sales/products/orders.yaml:15:24: error: access.masks names column 'phone', which is not in the contract\n  hint: the contract's columns: order_id, email, status",
            ])
    }

    @Test("every problem across several files is reported in one load") func manyProblems() throws {
        #expect(
            try diagnostics("many-problems") == [
                "domains/finance/products/revenue.yaml:2:8: error: model 'revenue' does not exist in domain 'finance'\n  hint: the domain has no models yet; add them under domains/finance/models/",
                "domains/finance/products/revenue.yaml:4:27: error: access.readers names unknown domain 'marketing'\n  hint: domains: finance, sales",
                "domains/sales/domain.yaml:2:1: error: unknown key 'descripton'\n  hint: did you mean 'description'?",
                "domains/sales/models/orders.yaml:1:15: error: materialized: incremental needs an 'incremental' block\n  hint: add `incremental: {time_column: <column>}` (interval mode) or `incremental: {unique_key: [<column>]}` (key mode)",
                "domains/sales/products/orders.yaml:2:10: error: invalid version 'v2': expected MAJOR.MINOR.PATCH, e.g. 1.0.0\n  hint: a semantic version is MAJOR.MINOR.PATCH, e.g. 1.0.0",
                "domains/sales/products/orders.yaml:3:11: error: invalid schedule '*/0 * * * *': minute field '*/0': step '0' must be a positive number\n  hint: five fields, in UTC: minute hour day-of-month month day-of-week, e.g. \"0 6 * * *\"",
                "domains/sales/products/orders.yaml:5:17: error: primary key column 'id' is not in the contract\n  hint: the contract's columns: order_id",
                "domains/sales/products/orders.yaml:7:48: error: 'contract.columns[1].nullable' must be true or false, found 'maybe'",
                "domains/sales/products/orders.yaml:9:5: error: unknown check 'uniq'\n  hint: did you mean 'unique'?",
                "domains/sales/products/orders.yaml:10:12: error: check 'range' needs 'min' or 'max'\n  hint: e.g. `range: {column: amount, min: 0, max: 100000}`",
                "domains/sales/sources/events.yaml:2:7: error: missing required key 'cursor' in 'load' (mode incremental)\n  hint: name the column that grows with each change, e.g. `cursor: updated_at`",
                "tessera.yaml:3:29: error: 'governance.require_owner' must be true or false, found 'yes please'",
            ])
    }

    @Test("no tessera.yaml") func noMesh() throws {
        #expect(
            try diagnostics("no-mesh") == [
                "tessera.yaml:1:1: error: no tessera.yaml in the project folder\n  hint: run `tessera init` to create a project, or pass --project DIR"
            ])
    }
    @Test("connector, materialization and check forms that are wrong") func forms() throws {
        #expect(
            try diagnostics("forms") == [
                "domains/sales/models/inc.yaml:2:32: error: give either 'incremental.time_column' or 'incremental.unique_key', not both",
                "domains/sales/models/snap.yaml:3:3: error: missing required key 'updated_at' or 'check_columns' in 'snapshot'",
                "domains/sales/products/checks.yaml:2:11: error: 'schedule' cannot use environment variable ${SCHEDULE}: it is not a credential\n  hint: ${NAME} may be used only in credentials: a postgres or http connector's url, an http connector's headers and params, openlineage's url and api_key, an alert's webhook; write $${ for a literal ${",
                "domains/sales/products/checks.yaml:8:5: error: check 'not_null' needs its columns here\n  hint: write `not_null: <column>` or `not_null: [<column>, …]`",
                "domains/sales/products/checks.yaml:9:17: error: 'checks[2]' holds more than one check ('unique' and 'not_null')\n  hint: write each check as its own list item",
                "domains/sales/products/checks.yaml:10:22: error: 'checks[3].accepted_values' must be a mapping, found a string\n  hint: e.g. `accepted_values: {column: status, values: [placed, shipped]}`",
                "domains/sales/products/checks.yaml:11:22: error: 'checks[4].row_count.min' (5) is greater than 'max' (1)",
                "domains/sales/products/checks.yaml:12:5: error: 'checks[5]' names no check\n  hint: expected one of unique, not_null, accepted_values, range, regex, row_count, freshness, relationship, row_count_change, sql",
                "domains/sales/products/checks.yaml:13:17: error: invalid check name 'Bad Name': names are lower snake_case ([a-z][a-z0-9_]*)\n  hint: try 'bad_name'",
                "domains/sales/products/checks.yaml:14:35: error: 'checks[7].relationship.to' cannot use environment variable ${REF}: it is not a credential\n  hint: ${NAME} may be used only in credentials: a postgres or http connector's url, an http connector's headers and params, openlineage's url and api_key, an alert's webhook; write $${ for a literal ${",
                "domains/sales/products/checks.yaml:15:12: error: missing required key 'pattern' in 'checks[8].regex'",
                "domains/sales/products/checks.yaml:16:32: error: unknown key 'checks[9].range.step'\n  hint: expected one of column, min, max, severity, where",
                "domains/sales/products/checks.yaml:18:20: error: 'access.masks.b' has no mask kind\n  hint: one of hash, redact, null, partial",
                "domains/sales/sources/api.yaml:4:11: error: invalid value 'PUT' for 'connector.method': expected one of GET, POST",
                "domains/sales/sources/api.yaml:5:12: error: 'connector.records' must be a JSON pointer, found 'data'\n  hint: start it with /, e.g. /data or /results/items",
                "domains/sales/sources/api.yaml:6:22: error: invalid value 'pages' for 'connector.pagination.type': expected one of page, offset, cursor, link\n  hint: did you mean 'page'?",
                "domains/sales/sources/files.yaml:4:38: error: 'connector.options.columns' must be a string, found a list",
                "domains/sales/sources/files.yaml:6:17: error: 'schema.max_rejected' must be a fraction between 0 and 1, found '5'\n  hint: 0.01 lets 1% of the rows be rejected before the load fails",
                "domains/sales/sources/files.yaml:7:29: error: invalid value 'camelCase' for 'standardize.column_names': expected one of snake_case, preserve",
                "domains/sales/sources/files.yaml:7:54: error: 'standardize.trim_strings' must be true or false, found '1'",
                "domains/sales/sources/pg.yaml:5:3: error: give either 'connector.table' or 'connector.query', not both",
            ])
        let masks = try #require(try loadFixture("broken/forms").project?.product("sales.checks")?.access.masks)
        #expect(masks.map(\.column) == ["a"])
        #expect(masks.map(\.kind) == [.null])
    }

    @Test func noMeshMeansNoProject() throws {
        #expect(try loadFixture("broken/no-mesh").project == nil)
        #expect(try loadFixture("broken/many-problems").project?.mesh.name == "acme")
    }

    @Test func brokenValuesAreSkippedAndTheRestIsKept() throws {
        let project = try #require(try loadFixture("broken/many-problems").project)
        let orders = try #require(project.product("sales.orders"))
        #expect(orders.version == Product.defaultVersion)
        #expect(orders.schedule == nil)
        #expect(orders.contract.columnNames == ["order_id"])
        #expect(orders.contract.columns[0].nullable)
        #expect(orders.checks == [])
        #expect(project.domain(named: "sales")?.models.map(\.materialization) == [.table])
    }

    @Test func noDiagnosticRevealsAnEnvironmentValue() throws {
        let fixtures = try FileManager.default.contentsOfDirectory(atPath: try fixtureURL("broken").path)
        for fixture in fixtures {
            for diagnostic in try validateFixture("broken/\(fixture)", environment: Self.environment) {
                for value in Self.environment.values {
                    #expect(!diagnostic.description.contains(value), "\(fixture): \(diagnostic)")
                }
                #expect(!diagnostic.description.contains("private"))
            }
        }
    }

    /// Writes a throwaway project and loads it.
    func loadTemporary(_ files: [String: String]) throws -> ProjectLoadResult {
        let folder = try TemporaryDirectory()
        for (path, text) in files { try folder.write(path, text) }
        return ProjectLoader(root: folder.url, environment: [:]).load()
    }

    @Test func filesThatAreNotMappingsOrAreEmpty() throws {
        let result = try loadTemporary([
            "tessera.yaml": "- mesh\n",
            "domains/sales/domain.yaml": "",
            "domains/sales/products/orders.yaml": "",
            "domains/sales/sources/orders.yaml": "just text\n",
        ])
        #expect(
            result.diagnostics.map(\.description) == [
                "domains/sales/products/orders.yaml:1:1: error: missing required key 'contract'\n  hint: declare the published columns: `contract: {columns: [{name: id, type: BIGINT}]}`",
                "domains/sales/products/orders.yaml:1:1: error: product 'orders' names no model or source, and domain 'sales' has no model 'orders'\n  hint: add `model: <name>` or `source: <name>`",
                "domains/sales/sources/orders.yaml:1:1: error: the file must be a mapping of keys, found a string",
                "tessera.yaml:1:1: error: the file must be a mapping of keys, found a list",
            ])
        #expect(result.project?.domains.map(\.name) == ["sales"])
    }

    @Test func warningsForStrayFiles() throws {
        let files = [
            "tessera.yaml": "mesh: m\ngovernance: {require_owner: false}\n",
            "domains/sales/domain.yaml": "description: Sales.\n",
            "domains/sales/product/orders.yaml": "description: misplaced\n",
            "domains/sales/models/notes.txt": "nothing\n",
            "domains/sales/models/orders.sql": "select 1 as id\n",
            "domains/sales/models/orders.yaml": "incremental: {time_column: ts}\n",
        ]
        let result = try loadTemporary(files)
        #expect(
            result.diagnostics.map(\.description) == [
                "domains/sales/models/notes.txt:1:1: warning: 'domains/sales/models/notes.txt' is not a model file and is ignored\n  hint: models are <name>.sql files, each with an optional <name>.yaml",
                "domains/sales/models/orders.yaml:1:1: warning: 'incremental' is ignored unless materialized is incremental",
                "domains/sales/product:1:1: warning: folder 'domains/sales/product' is not part of a domain and is ignored\n  hint: did you mean 'products'?",
            ])
        #expect(!result.hasErrors)
    }
}
