import Foundation
import Testing
@testable import TesseraModel

@Suite("A clean project")
struct CleanProjectTests {
    let result: ProjectLoadResult
    let project: Project

    init() throws {
        result = try loadFixture("clean")
        project = try #require(result.project)
    }

    @Test func loadsWithoutDiagnosticsAndPassesGovernance() throws {
        #expect(result.diagnostics == [])
        #expect(Governance.violations(in: project) == [])
    }

    @Test func meshAppliesDefaults() {
        #expect(project.mesh.name == "acme")
        #expect(project.mesh.description == "The ACME data mesh")
        #expect(project.mesh.environments == ["dev", "staging", "prod"])
        #expect(project.mesh.defaultEnvironment == "dev")
        #expect(project.mesh.stateDirectory == ".tessera")
        #expect(
            project.mesh.governance
                == GovernanceSettings(
                    requireOwner: true, requireDescription: true,
                    requireClassification: true, piiRequiresMask: true))
        #expect(project.domains.map(\.name) == ["finance", "marketing", "sales"])
    }

    @Test func domains() throws {
        let sales = try #require(project.domain(named: "sales"))
        #expect(sales.owner == "sales-data@acme.example")
        #expect(sales.engine == .duckdb)
        #expect(sales.tags == ["commerce"])
        #expect(sales.location == SourceLocation(file: "domains/sales/domain.yaml", line: 1, column: 1))
        #expect(sales.sources.map(\.name) == ["customers", "events", "orders"])
        #expect(sales.models.map(\.name) == ["customers", "orders_enriched"])
        #expect(sales.products.map(\.name) == ["customers", "orders"])
        #expect(project.domain(named: "marketing")?.products == [])
    }

    @Test func postgresSourceResolvesSecretsWithoutPrintingThem() throws {
        let orders = try #require(project.domain(named: "sales")?.source(named: "orders"))
        #expect(orders.description == "Orders from the shop database")
        guard case let .postgres(connector) = orders.connector else {
            Issue.record("expected a postgres connector, got \(orders.connector.kind)")
            return
        }
        #expect(connector.url.value == "postgres://shop:s3cret-pass@db.internal:5432/shop")
        #expect(connector.url.isSecret)
        #expect(connector.url.variables == ["SHOP_DB_URL"])
        #expect(connector.url.description == "${SHOP_DB_URL}")
        #expect(!String(describing: orders).contains("s3cret"))
        #expect(connector.target == .table("public.orders"))
        #expect(orders.load == LoadSettings(mode: .incremental, cursor: "updated_at", primaryKey: ["id"]))
        let schema = try #require(orders.schema)
        #expect(schema.onChange == .freeze)
        #expect(schema.maxRejected == 0.05)
        #expect(schema.columns.map(\.name) == ["id", "amount"])
        #expect(schema.columns.map(\.type) == ["BIGINT", "DECIMAL(12,2)"])
        #expect(schema.columns.map(\.nullable) == [false, true])
        #expect(
            schema.columns[1].location == SourceLocation(file: "domains/sales/sources/orders.yaml", line: 15, column: 7)
        )
        #expect(orders.standardize == Standardization(columnNames: .snakeCase, trimStrings: true, emptyAsNull: true))
    }

    @Test func fileAndHTTPSources() throws {
        let sales = try #require(project.domain(named: "sales"))
        let customers = try #require(sales.source(named: "customers"))
        guard case let .csv(file) = customers.connector else {
            Issue.record("expected csv")
            return
        }
        #expect(file.path.value == "data/customers/*.csv")
        #expect(file.glob.pattern == "data/customers/*.csv")
        #expect(file.options.map(\.name) == ["delimiter", "header"])
        #expect(file.options.map(\.value.value) == [";", "true"])
        #expect(customers.load == LoadSettings())
        #expect(customers.schema == nil)
        #expect(
            customers.standardize == Standardization(columnNames: .snakeCase, trimStrings: false, emptyAsNull: true))

        let events = try #require(sales.source(named: "events"))
        guard case let .http(http) = events.connector else {
            Issue.record("expected http")
            return
        }
        #expect(http.method == .GET)
        #expect(http.records == "/data")
        #expect(http.headers.map(\.name) == ["Authorization"])
        #expect(http.headers[0].value.value == "Bearer tok-9f8e7d")
        #expect(http.headers[0].value.description == "Bearer ${EVENTS_TOKEN}")
        #expect(http.params == [ConnectorSetting(name: "limit", value: "100")])
        #expect(http.pagination?.kind == .cursor)
        #expect(http.pagination?.settings.map(\.name) == ["cursor_param", "cursor_path"])
        #expect(events.load.mode == .append)
    }

    @Test func models() throws {
        let sales = try #require(project.domain(named: "sales"))
        let enriched = try #require(sales.model(named: "orders_enriched"))
        #expect(enriched.sql.hasPrefix("select o.id as order_id"))
        #expect(enriched.sqlFile == "domains/sales/models/orders_enriched.sql")
        #expect(enriched.configFile == "domains/sales/models/orders_enriched.yaml")
        #expect(enriched.materialization == .incremental(.interval(timeColumn: "ordered_at")))
        #expect(enriched.tags == ["gold"])
        #expect(enriched.columns.map(\.name) == ["order_id", "status", "customer_id"])
        #expect(enriched.columns[0].description == "Order key")
        #expect(
            enriched.columns[0].checks.map(\.kind) == [.notNull(columns: ["order_id"]), .unique(columns: ["order_id"])])
        #expect(
            enriched.columns[1].checks.map(\.kind) == [
                .acceptedValues(column: "status", values: ["placed", "shipped", "returned"])
            ])
        #expect(enriched.checks.map(\.kind) == [.rowCount(min: 1, max: nil)])
        #expect(enriched.allChecks.count == 4)

        let customers = try #require(sales.model(named: "customers"))
        #expect(
            customers.materialization
                == .scd2(SCD2Strategy(uniqueKey: ["customer_id"], changeDetection: .updatedAt("updated_at"))))
        let revenue = try #require(project.domain(named: "finance")?.model(named: "revenue"))
        #expect(revenue.configFile == nil)
        #expect(revenue.materialization == .table)
        #expect(revenue.location == SourceLocation(file: "domains/finance/models/revenue.sql", line: 1, column: 1))
    }

    @Test func productWithEveryCheckForm() throws {
        let orders = try #require(project.product("sales.orders"))
        #expect(orders.description == "Every order, enriched")
        #expect(orders.input == .model("orders_enriched"))
        #expect(!orders.inputIsDefault)
        #expect(orders.version == SemVer(major: 1, minor: 2, patch: 0))
        #expect(orders.owner == "sales-data@acme.example")
        #expect(orders.ownerIsInherited)
        #expect(orders.schedule?.expression == "0 6 * * MON-FRI")
        #expect(orders.schedule?.daysOfWeek == [1, 2, 3, 4, 5])
        #expect(orders.sla.freshness == TimeSpan(seconds: 129_600))
        #expect(orders.contract.primaryKey == ["order_id"])
        #expect(orders.contract.columnNames == ["order_id", "customer_id", "email", "status", "amount", "ordered_at"])
        #expect(orders.contract.columns[4].type == "DECIMAL(12,2)")
        #expect(orders.contract.columns[0].nullable == false)
        #expect(orders.contract.columns[1].nullable == true)
        #expect(
            orders.contract.columns.map(\.classification) == [
                .internal, .internal, .pii, .public, .confidential, .internal,
            ])
        #expect(
            orders.contract.columns[2].location
                == SourceLocation(file: "domains/sales/products/orders.yaml", line: 12, column: 7))
        let expected: [CheckKind] = [
            .unique(columns: ["order_id"]),
            .notNull(columns: ["order_id", "customer_id"]),
            .acceptedValues(column: "status", values: ["placed", "shipped", "returned"]),
            .range(column: "amount", min: 0, max: 100_000),
            .regex(column: "email", pattern: "^[^@]+@[^@]+$"),
            .rowCount(min: 1, max: nil),
            .freshness(column: "ordered_at", maxAge: TimeSpan(seconds: 172_800)),
            .relationship(
                column: "customer_id", to: ColumnReference(domain: "sales", product: "customers", column: "customer_id")
            ),
            .rowCountChange(maxPercent: 50),
            .sql(name: "no_free_orders", query: "select * from @product where amount = 0"),
            .unique(columns: ["customer_id", "ordered_at"]),
        ]
        #expect(orders.checks.map(\.kind) == expected)
        #expect(
            orders.checks.map(\.severity) == [
                .error, .error, .error, .error, .error, .error, .error, .error, .error, .warn, .warn,
            ])
        #expect(orders.checks[3].where == "status <> 'returned'")
        #expect(orders.checks[10].where == "status = 'placed'")
        #expect(
            orders.checks[0].location == SourceLocation(file: "domains/sales/products/orders.yaml", line: 17, column: 5)
        )
        #expect(orders.access.readers == ["finance", "marketing"])
        #expect(orders.access.roles == ["reader"])
        #expect(orders.access.masks.map(\.column) == ["email"])
        #expect(orders.access.masks.map(\.kind) == [.hash])
        let policy = ReadPolicy(project: project)
        #expect(policy.decide(.domain("finance"), reads: orders).isReadable)
        #expect(!policy.decide(.domain("hr"), reads: orders).isReadable)
    }

    @Test func productDefaults() throws {
        let customers = try #require(project.product("sales.customers"))
        #expect(customers.input == .model("customers"))
        #expect(customers.inputIsDefault)
        #expect(customers.version == SemVer(major: 1, minor: 0, patch: 0))
        #expect(customers.owner == "crm@acme.example")
        #expect(!customers.ownerIsInherited)
        #expect(customers.schedule == nil)
        #expect(customers.sla.freshness == nil)
        #expect(customers.contract.primaryKey == ["customer_id"])
        #expect(customers.access.readers == ["sales"])
        #expect(customers.checks == [])

        let revenue = try #require(project.product("finance.revenue"))
        #expect(revenue.input == .model("revenue"))
        #expect(revenue.owner == "finance@acme.example")
        #expect(revenue.schedule?.expression == "@daily")
        #expect(revenue.schedule?.minutes == [0])
        #expect(revenue.schedule?.hours == [0])
        #expect(revenue.access.readers == nil)
        #expect(ReadPolicy(project: project).decide(.domain("sales"), reads: revenue).isReadable)
        #expect(revenue.location == SourceLocation(file: "domains/finance/products/revenue.yaml", line: 1, column: 1))
    }
}

@Suite("Loading tessera.yaml alone")
struct MeshOnlyLoadTests {
    @Test("loadMesh reads the mesh's settings and leaves the domains unread") func meshOnly() throws {
        let full = try loadFixture("clean")
        let meshOnly = ProjectLoader(root: try fixtureURL("clean"), environment: fixtureEnvironment).loadMesh()
        #expect(!meshOnly.hasErrors, "\(summary(meshOnly.diagnostics))")
        #expect(meshOnly.project?.mesh == full.project?.mesh)
        #expect(meshOnly.project?.domains.isEmpty == true)
        #expect(full.project?.domains.isEmpty == false)
    }

    @Test("a missing tessera.yaml is the same error as a full load's") func missing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("no-mesh-\(UUID().uuidString)")
        let result = ProjectLoader(root: folder, environment: [:]).loadMesh()
        #expect(result.project == nil)
        #expect(summary(result.diagnostics).first?.contains("no tessera.yaml") == true)
    }
}
