import Foundation
import Testing
import TesseraModel
import TesseraQuality

/// `BreakingChangeRule`: what `tessera validate` says about a contract changed since it was published.
@Suite struct BreakingChangeRuleTests {
    static let file = "domains/sales/products/orders.yaml"

    static func project(version: String, columns: [(String, String)], masks: [String: Access.Mask.Kind] = [:]) throws
        -> Project
    {
        let at = SourceLocation(file: file, line: 4, column: 1)
        let product = Product(
            name: "orders", domain: "sales", input: .model("orders"), version: try SemVer(parsing: version),
            contract: Contract(
                primaryKey: ["id"], columns: columns.map { ContractColumn(name: $0.0, type: $0.1, location: at) },
                location: at),
            access: Access(masks: masks.map { Access.Mask(column: $0.key, kind: $0.value, location: at) }),
            location: .start(of: file))
        return Project(
            root: URL(fileURLWithPath: "/tmp/p"), mesh: Mesh(name: "m"),
            domains: [
                Domain(name: "sales", location: .start(of: "domains/sales/domain.yaml"), products: [product]),
                Domain(name: "hr", location: .start(of: "domains/hr/domain.yaml")),
            ])
    }

    static let published = ContractDocument(
        version: "1.4.0", primaryKey: ["id"],
        columns: [
            .init(name: "id", type: "BIGINT"), .init(name: "amount", type: "DOUBLE"),
            .init(name: "email", type: "VARCHAR"),
        ])

    /// What ProductConsumers would find: marketing reads email, finance amount, hr everything by `*`.
    static func consumers(_ product: String, _ columns: Set<String>?) -> [ContractConsumer] {
        let all = [
            ContractConsumer(
                kind: "model", domain: "marketing", name: "contacts", file: "domains/marketing/models/contacts.sql",
                columns: ["email"]),
            ContractConsumer(
                kind: "product", domain: "marketing", name: "contacts",
                file: "domains/marketing/products/contacts.yaml", columns: ["contact"]),
            ContractConsumer(
                kind: "model", domain: "finance", name: "revenue", file: "domains/finance/models/revenue.sql",
                columns: ["amount"]),
            ContractConsumer(
                kind: "model", domain: "hr", name: "copy", file: "domains/hr/models/copy.sql",
                columns: ["amount", "email", "id"], readsAllColumns: true),
        ]
        guard product == "sales.orders" else { return [] }
        guard let columns else { return all }
        return all.filter { consumer in
            consumer.readsAllColumns || !columns.isDisjoint(with: consumer.columns)
                || (consumer.kind == "product" && columns.contains("email"))
        }
    }

    func check(_ project: Project, published: ContractDocument? = BreakingChangeRuleTests.published) -> [Diagnostic] {
        BreakingChangeRule.diagnostics(
            project: project, consumers: Self.consumers, published: { $0 == "sales.orders" ? published : nil })
    }

    @Test func breakingChangeWithoutAMajorBumpListsEveryConsumer() throws {
        let project = try Self.project(version: "1.5.0", columns: [("id", "BIGINT"), ("amount", "VARCHAR")])
        let diagnostics = check(project)
        #expect(
            diagnostics.map(\.description) == [
                """
                domains/sales/products/orders.yaml:4:1: error: breaking changes to sales.orders need a new major version: 1.4.0 → 2.0.0
                  - column 'email' removed
                      breaks model hr.copy of domain hr (domains/hr/models/copy.sql), reads *
                      breaks model marketing.contacts of domain marketing (domains/marketing/models/contacts.sql), reads email
                      breaks product marketing.contacts of domain marketing (domains/marketing/products/contacts.yaml), reads contact
                  - column 'amount' changed type: DOUBLE → VARCHAR
                      breaks model finance.revenue of domain finance (domains/finance/models/revenue.sql), reads amount
                      breaks model hr.copy of domain hr (domains/hr/models/copy.sql), reads *
                  4 consumers in 3 domains (finance, hr, marketing) would break
                  hint: set version: 2.0.0 in domains/sales/products/orders.yaml (consumers keep reading sales.orders__v1 until they move), or revert the breaking changes
                """
            ])
    }

    @Test func aMajorBumpIsEnough() throws {
        #expect(check(try Self.project(version: "2.0.0", columns: [("id", "BIGINT")])).isEmpty)
    }

    @Test func reorderingBreaksOnlyPositionalReaders() throws {
        let diagnostics = check(
            try Self.project(version: "1.4.0", columns: [("id", "BIGINT"), ("email", "VARCHAR"), ("amount", "DOUBLE")]))
        #expect(
            diagnostics.map(\.message) == [
                """
                breaking changes to sales.orders need a new major version: 1.4.0 → 2.0.0
                  - columns reordered: id, amount, email → id, email, amount — readers by position read the wrong columns
                      breaks model hr.copy of domain hr (domains/hr/models/copy.sql), reads *
                  1 consumer in 1 domain (hr) would break
                """
            ])
    }

    @Test func aMaskBreaksReadersOfThatColumn() throws {
        let diagnostics = check(
            try Self.project(
                version: "1.5.0", columns: [("id", "BIGINT"), ("amount", "DOUBLE"), ("email", "VARCHAR")],
                masks: ["email": .hash]))
        #expect(
            diagnostics.first?.message.contains(
                "mask 'hash' added on column 'email' — breaking for readers outside the domain") == true)
        #expect(diagnostics.first?.message.contains("breaks model marketing.contacts") == true)
        #expect(diagnostics.first?.message.contains("finance.revenue") == false)
    }

    @Test func nonBreakingChangeWithoutABumpIsAWarning() throws {
        let diagnostics = check(
            try Self.project(
                version: "1.4.0",
                columns: [("id", "BIGINT"), ("amount", "DOUBLE"), ("email", "VARCHAR"), ("channel", "VARCHAR")]))
        #expect(
            diagnostics.map(\.description) == [
                """
                domains/sales/products/orders.yaml:4:1: warning: the contract of sales.orders changed but its version is still 1.4.0:
                  - column 'channel' VARCHAR added at the end
                  hint: bump the minor version to 1.5.0 so consumers can tell the contract changed
                """
            ])
        #expect(!diagnostics.hasErrors)
    }

    @Test func neverPublishedOrUnchangedSaysNothing() throws {
        let same = try Self.project(
            version: "1.4.0", columns: [("id", "BIGINT"), ("amount", "DOUBLE"), ("email", "VARCHAR")])
        #expect(check(same).isEmpty)
        #expect(check(try Self.project(version: "1.0.0", columns: [("id", "BIGINT")]), published: nil).isEmpty)
    }

    @Test func aVersionGoingDownIsAnError() throws {
        let diagnostics = check(
            try Self.project(version: "1.3.0", columns: [("id", "BIGINT"), ("amount", "DOUBLE"), ("email", "VARCHAR")]))
        #expect(
            diagnostics.map(\.description) == [
                """
                domains/sales/products/orders.yaml:4:1: error: the version of sales.orders went down: 1.4.0 is published, 1.3.0 is written
                  hint: a published version only goes up: write 1.4.0 or higher
                """
            ])
    }
}
