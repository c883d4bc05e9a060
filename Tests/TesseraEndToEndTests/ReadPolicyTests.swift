import Foundation
import Testing

/// One policy decides every read: the owning domain reads in clear, domains in `access.readers`
/// read masked, anyone else is refused by name; a pii column is masked outside its domain even
/// when the product declares no mask for it.
@Suite struct ReadPolicyTests {
    /// sales publishes `customers` (readable by finance only; `email` pii with no declared mask,
    /// `name` hashed) and `ledger` (readers: [] — sales' own).
    func mesh() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        try dir.write(
            "tessera.yaml",
            """
            mesh: acme
            admins: [root@acme.example]
            governance: {require_description: false, require_classification: false, pii_requires_mask: false}

            """)
        try dir.write(
            "domains/sales/domain.yaml",
            """
            owner: sales@acme.example
            members:
              - {name: ana@acme.example, role: owner}
              - bob@acme.example
            services: [sales_bot]

            """)
        try dir.write("domains/finance/domain.yaml", "owner: finance@acme.example\nmembers: [fin@acme.example]\n")
        try dir.write("domains/marketing/domain.yaml", "owner: marketing@acme.example\n")
        try dir.write(
            "domains/sales/models/customers.sql",
            "select 1 as id, 'Ana Lima' as name, 'ana@example.com' as email, 42 as spend\n")
        try dir.write(
            "domains/sales/products/customers.yaml",
            """
            model: customers
            contract:
              columns:
                - {name: id, type: INTEGER}
                - {name: name, type: VARCHAR}
                - {name: email, type: VARCHAR, classification: pii}
                - {name: spend, type: INTEGER}
            access:
              readers: [finance]
              masks: {name: redact}

            """)
        try dir.write(
            "domains/sales/products/ledger.yaml",
            """
            model: customers
            contract:
              columns:
                - {name: id, type: INTEGER}
                - {name: email, type: VARCHAR, classification: pii}
            access:
              readers: []

            """)
        return dir
    }

    func query(_ sql: String, _ extra: [String] = [], in dir: TemporaryDirectory) async throws -> TesseraBinary.Outcome
    {
        try await TesseraBinary.run(["query", sql, "--format", "csv"] + extra, in: dir.url)
    }

    @Test func theOwnerReadsInClearAReaderMaskedAndOthersAreRefusedByName() async throws {
        let dir = try mesh()
        let run = try await TesseraBinary.run(["run"], in: dir.url)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let sql = "select name, email, spend from sales.customers"

        let owner = try await query(sql, ["--as-domain", "sales"], in: dir)
        #expect(owner.stdout == "name,email,spend\nAna Lima,ana@example.com,42\n")

        // finance is a reader: the declared mask and the pii column both hide their values.
        let reader = try await query(sql, ["--as-domain", "finance"], in: dir)
        #expect(reader.stdout == "name,email,spend\n****,****,42\n", "\(reader.stderr)")

        let outsider = try await query(sql, ["--as-domain", "marketing"], in: dir)
        #expect(outsider.status == 2)
        #expect(outsider.stdout.isEmpty)
        #expect(!outsider.stderr.contains("ana@example.com") && !outsider.stderr.contains("Ana"))
        #expect(outsider.stderr.contains("domain marketing may not read sales.customers"), "\(outsider.stderr)")
        #expect(outsider.stderr.contains("finance"))
        #expect(outsider.stderr.contains("domains/sales/products/customers.yaml"))
    }

    @Test func aProductWithNoReadersIsTheOwnersAloneAndItsPiiIsMaskedForTheOperator() async throws {
        let dir = try mesh()
        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 0)

        let finance = try await query("select count(*) from sales.ledger", ["--as-domain", "finance"], in: dir)
        #expect(finance.status == 2)
        #expect(finance.stderr.contains("may not read sales.ledger"), "\(finance.stderr)")
        #expect(finance.stderr.contains("access.readers is empty"))

        // An earlier major's view name is refused the same way, not as an unknown table.
        let byMajor = try await query("select * from sales.ledger__v1", ["--as-domain", "finance"], in: dir)
        #expect(byMajor.status == 2)
        #expect(byMajor.stderr.contains("may not read sales.ledger"), "\(byMajor.stderr)")

        // The local operator reads every product, as an admin does, with every pii column masked.
        let operatorRead = try await query("select email from sales.ledger", in: dir)
        #expect(operatorRead.stdout == "email\n****\n", "\(operatorRead.stderr)")
        let owner = try await query("select email from sales.ledger", ["--as-domain", "sales"], in: dir)
        #expect(owner.stdout == "email\nana@example.com\n")
    }

    @Test func aRefusedQueryIsAuditedAsFailed() async throws {
        let dir = try mesh()
        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 0)
        await #expect(try query("select * from sales.customers", ["--as-domain", "marketing"], in: dir).status == 2)
        let audit = try await TesseraBinary.run(["audit", "--format", "json"], in: dir.url)
        #expect(audit.stdout.contains("may not read sales.customers"), "\(audit.stdout)")
        #expect(audit.stdout.contains("domain marketing"))
    }

    @Test func membersServicesAndAdminsAreValidated() async throws {
        let dir = try mesh()
        try dir.write(
            "domains/finance/domain.yaml",
            """
            owner: finance@acme.example
            members:
              - {name: fin@acme.example, role: boss}
              - {name: "two words", role: reader}
              - fin@acme.example
            services: [sales_bot]

            """)
        try dir.write(
            "domains/sales/products/customers.yaml",
            """
            model: customers
            contract:
              columns:
                - {name: id, type: INTEGER}
            access:
              roles: [analyst]

            """)
        let validate = try await TesseraBinary.run(["validate"], in: dir.url)
        #expect(validate.status == 2)
        let out = validate.stdout + validate.stderr
        #expect(out.contains("domains/finance/domain.yaml:3:"), "\(out)")
        #expect(out.contains("boss"))
        #expect(out.contains("'two words'"))
        #expect(out.contains("'fin@acme.example' is listed twice in 'members'"))
        #expect(out.contains("service 'sales_bot' is declared by domains finance and sales"))
        #expect(out.contains("access.roles names unknown role 'analyst'"))
    }

    /// A relationship check reads its target's keys: a domain may check only against what it may read.
    @Test func aRelationshipToAProductTheDomainMayNotReadIsRefused() async throws {
        let dir = try mesh()
        try dir.write("domains/marketing/models/leads.sql", "select 1 as id\n")
        try dir.write(
            "domains/marketing/products/leads.yaml",
            """
            model: leads
            contract:
              columns:
                - {name: id, type: INTEGER}
            checks:
              - relationship: {column: id, to: sales.ledger.id}

            """)
        let validate = try await TesseraBinary.run(["validate"], in: dir.url)
        #expect(validate.status == 2)
        let out = validate.stdout + validate.stderr
        #expect(out.contains("domains/marketing/products/leads.yaml:6:"), "\(out)")
        #expect(out.contains("domain marketing may not read sales.ledger"))
    }
}
