import Foundation
import Testing
import TesseraLineage
import TesseraModel

@Suite struct ClassificationPropagationTests {
    static let customers = """
        connector: {type: csv, path: "data/customers.csv"}
        schema:
          columns:
            - {name: id, type: BIGINT}
            - {name: email, type: VARCHAR, classification: pii}
        """

    /// sales: customers (email pii) → model contacts → product contacts, whose contract is given.
    static func sales(sql: String, contract: String, extra: [String: String] = [:]) throws -> MeshFixture {
        var files = [
            "domains/sales/domain.yaml": "owner: s@x\n",
            "domains/sales/sources/customers.yaml": customers,
            "domains/sales/models/contacts.sql": sql,
            "domains/sales/products/contacts.yaml": contract,
        ]
        files.merge(extra) { _, new in new }
        return try MeshFixture(files)
    }

    func messages(_ fixture: MeshFixture) -> [String] {
        ClassificationPropagation.diagnostics(for: fixture.mesh).map { "\($0.location): \($0.message)" }
    }

    @Test func derivedPIIDeclaredInternalIsAnError() throws {
        let fixture = try Self.sales(
            sql: "select id, lower(email) as email_lower from src.customers",
            contract: """
                contract:
                  columns:
                    - {name: id, type: BIGINT, classification: internal}
                    - {name: email_lower, type: VARCHAR, classification: internal}
                """)
        let diagnostics = ClassificationPropagation.diagnostics(for: fixture.mesh)
        #expect(diagnostics.count == 1)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.location.file == "domains/sales/products/contacts.yaml")
        #expect((diagnostic.location.line, diagnostic.location.column) == (4, 7))
        #expect(
            diagnostic.message
                == "sales.contacts.email_lower derives from sales.src.customers.email (pii) but is declared internal (governance.pii_propagation)"
        )
        #expect(diagnostic.hint?.contains("declassified: \"<why>\"") == true)
        #expect(diagnostic.hint?.contains("with a mask in access.masks for readers outside sales") == true)
    }

    @Test func anUnclassifiedColumnCountsAsInternal() throws {
        let fixture = try Self.sales(
            sql: "select email from src.customers",
            contract: """
                contract:
                  columns:
                    - {name: email, type: VARCHAR}
                """)
        #expect(
            messages(fixture) == [
                "domains/sales/products/contacts.yaml:3:7: sales.contacts.email derives from sales.src.customers.email (pii) but has no classification (so internal) (governance.pii_propagation)"
            ])
    }

    @Test func maskedOrDeclaredPIIIsFine() throws {
        let masked = try Self.sales(
            sql: "select id, email from src.customers",
            contract: """
                contract:
                  columns:
                    - {name: id, type: BIGINT, classification: internal}
                    - {name: email, type: VARCHAR, classification: internal}
                access: {masks: {email: hash}}
                """)
        #expect(messages(masked).isEmpty)
        let declared = try Self.sales(
            sql: "select id, email from src.customers",
            contract: """
                contract:
                  columns:
                    - {name: id, type: BIGINT, classification: internal}
                    - {name: email, type: VARCHAR, classification: pii}
                """)
        #expect(messages(declared).isEmpty)
    }

    @Test func declassifiedWithAReasonIsFine() throws {
        let fixture = try Self.sales(
            sql: "select split_part(email, '@', 2) as email_domain from src.customers",
            contract: """
                contract:
                  columns:
                    - {name: email_domain, type: VARCHAR, classification: internal, declassified: only the domain part of the address is kept}
                """)
        #expect(messages(fixture).isEmpty)
        let column = try #require(
            fixture.mesh.project.domain(named: "sales")?.product(named: "contacts")?.contract.columns.first)
        #expect(column.declassified == "only the domain part of the address is kept")
    }

    @Test func aJoinKeyOrFilterOnPIIIsNotPII() throws {
        let fixture = try Self.sales(
            sql: """
                select o.id, o.amount from src.orders o join src.customers c on o.email = c.email
                where c.email like '%@example.com'
                """,
            contract: """
                contract:
                  columns:
                    - {name: id, type: BIGINT, classification: internal}
                    - {name: amount, type: DOUBLE, classification: public}
                """,
            extra: [
                "domains/sales/sources/orders.yaml": """
                connector: {type: csv, path: "data/orders.csv"}
                schema:
                  columns:
                    - {name: id, type: BIGINT}
                    - {name: email, type: VARCHAR, classification: pii}
                    - {name: amount, type: DOUBLE}
                """
            ])
        #expect(messages(fixture).isEmpty)
        // The edges are there, indirect.
        #expect(
            fixture.edges.contains { $0.upstreamColumn == "email" && $0.downstreamColumn == "id" && $0.kind == "join" })
    }

    /// pii crosses domains through an unmasked product, not through a masked one; the message
    /// names the source column where it was declared.
    @Test func propagatesAcrossDomainsUnlessMasked() throws {
        func mesh(masks: String) throws -> MeshFixture {
            try MeshFixture([
                "domains/sales/domain.yaml": "owner: s@x\n",
                "domains/sales/sources/customers.yaml": Self.customers,
                "domains/sales/models/customers.sql": "select id, email from src.customers",
                "domains/sales/products/customers.yaml": """
                contract:
                  columns:
                    - {name: id, type: BIGINT, classification: internal}
                    - {name: email, type: VARCHAR, classification: pii}
                \(masks)
                """,
                "domains/finance/domain.yaml": "owner: f@x\n",
                "domains/finance/models/buyers.sql":
                    "select md5(email) as email_hash, count(*) as n from sales.customers group by 1",
                "domains/finance/products/buyers.yaml": """
                contract:
                  columns:
                    - {name: email_hash, type: VARCHAR, classification: internal}
                    - {name: n, type: BIGINT, classification: internal}
                """,
                "domains/marketing/domain.yaml": "owner: m@x\n",
                "domains/marketing/models/reach.sql": "select email_hash from finance.buyers",
                "domains/marketing/products/reach.yaml": """
                contract:
                  columns:
                    - {name: email_hash, type: VARCHAR, classification: confidential}
                """,
            ])
        }
        #expect(
            messages(try mesh(masks: "")) == [
                "domains/finance/products/buyers.yaml:3:7: finance.buyers.email_hash derives from sales.src.customers.email (pii) but is declared internal (governance.pii_propagation)",
                "domains/marketing/products/reach.yaml:3:7: marketing.reach.email_hash derives from sales.src.customers.email (pii) but is declared confidential (governance.pii_propagation)",
            ])
        #expect(messages(try mesh(masks: "access: {masks: {email: hash}}")).isEmpty)
        let propagation = ClassificationPropagation(
            project: try mesh(masks: "").mesh.project, edges: try mesh(masks: "").edges)
        #expect(
            propagation.piiOrigin(of: LineageVertex(NodeID(.model, "marketing", "reach"), column: "email_hash"))
                == LineageVertex(NodeID(.source, "sales", "customers"), column: "email"))
        #expect(propagation.piiOrigin(of: LineageVertex(NodeID(.model, "finance", "buyers"), column: "n")) == nil)
    }

    /// A mask protects readers outside the domain only: the domain's own models read the value.
    @Test func aMaskDoesNotStopPropagationInsideTheDomain() throws {
        let fixture = try Self.sales(
            sql: "select id, email from src.customers",
            contract: """
                contract:
                  columns:
                    - {name: id, type: BIGINT, classification: internal}
                    - {name: email, type: VARCHAR, classification: pii}
                access: {masks: {email: hash}}
                """,
            extra: [
                "domains/sales/models/mailing.sql": "select upper(email) as address from sales.contacts",
                "domains/sales/products/mailing.yaml": """
                contract:
                  columns:
                    - {name: address, type: VARCHAR, classification: confidential}
                """,
            ])
        #expect(
            messages(fixture) == [
                "domains/sales/products/mailing.yaml:3:7: sales.mailing.address derives from sales.src.customers.email (pii) but is declared confidential (governance.pii_propagation)"
            ])
    }

    @Test func theRuleCanBeTurnedOff() throws {
        let fixture = try Self.sales(
            sql: "select email from src.customers",
            contract: """
                contract:
                  columns:
                    - {name: email, type: VARCHAR, classification: internal}
                """,
            extra: [
                "tessera.yaml": MeshFixture.governanceOff.replacingOccurrences(
                    of: "pii_requires_mask: false", with: "pii_requires_mask: false, pii_propagation: false")
            ])
        #expect(messages(fixture).isEmpty)
        #expect(fixture.mesh.project.mesh.governance.piiPropagation == false)
    }

    @Test func declassifiedNeedsAReason() throws {
        for (value, message) in [
            ("true", "'contract.columns[1].declassified' must be a reason, not true"),
            ("\"\"", "'contract.columns[1].declassified' is empty"),
            ("{why: x}", "'contract.columns[1].declassified' must be a reason (a string), found a mapping"),
        ] {
            #expect(throws: MeshFixture.FixtureError.self) {
                try Self.sales(
                    sql: "select email from src.customers",
                    contract: """
                        contract:
                          columns:
                            - {name: email, type: VARCHAR, declassified: \(value)}
                        """)
            }
            do {
                _ = try Self.sales(
                    sql: "select email from src.customers",
                    contract: """
                        contract:
                          columns:
                            - {name: email, type: VARCHAR, declassified: \(value)}
                        """)
            } catch {
                #expect("\(error)".contains("domains/sales/products/contacts.yaml:3:"), "\(error)")
                #expect("\(error)".contains(message), "\(error)")
            }
        }
    }
}
