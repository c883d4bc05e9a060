import Testing
@testable import TesseraModel

@Suite("Governance")
struct GovernanceTests {
    @Test func everyRuleIsOnByDefault() throws {
        let result = try loadFixture("broken/governance")
        #expect(result.diagnostics == [])
        let project = try #require(result.project)
        #expect(project.mesh.governance == GovernanceSettings())
        #expect(
            Governance.violations(in: project).map(\.description) == [
                "domains/sales/domain.yaml:1:1: error: domain 'sales' has no owner (governance.require_owner)\n  hint: add `owner: <team e-mail>` to domains/sales/domain.yaml, or set governance.require_owner: false in tessera.yaml",
                "domains/sales/domain.yaml:1:1: error: domain 'sales' has no description (governance.require_description)\n  hint: add `description: …` to domains/sales/domain.yaml, or set governance.require_description: false in tessera.yaml",
                "domains/sales/products/orders.yaml:1:1: error: product 'sales.orders' has no description (governance.require_description)\n  hint: add `description: …` to the product, or set governance.require_description: false in tessera.yaml",
                "domains/sales/products/orders.yaml:4:7: error: pii column 'email' of product 'sales.orders' has no mask for readers outside domain 'sales' (governance.pii_requires_mask)\n  hint: add `access: {masks: {email: hash}}` (hash, redact, null or partial), or limit access.readers to [sales], or set governance.pii_requires_mask: false in tessera.yaml",
                "domains/sales/products/orders.yaml:5:7: error: column 'note' of product 'sales.orders' has no description (governance.require_description)\n  hint: add `description: …` to the column, or set governance.require_description: false in tessera.yaml",
                "domains/sales/products/orders.yaml:5:7: error: column 'note' of product 'sales.orders' has no classification (governance.require_classification)\n  hint: add `classification: public|internal|confidential|pii` to the column, or set governance.require_classification: false in tessera.yaml",
            ])
    }

    @Test func rulesCanBeTurnedOff() throws {
        let project = try #require(try loadFixture("broken/governance-off").project)
        #expect(
            project.mesh.governance
                == GovernanceSettings(
                    requireOwner: false, requireDescription: false,
                    requireClassification: false, piiRequiresMask: false))
        #expect(Governance.violations(in: project) == [])
        let note = try #require(project.product("sales.orders")?.contract.column(named: "note"))
        #expect(note.classification == nil)
        #expect(note.effectiveClassification == .internal)
    }

    @Test func piiReadOnlyByItsOwnDomainNeedsNoMask() throws {
        let project = try #require(try loadFixture("broken/governance-own-readers").project)
        #expect(Governance.violations(in: project) == [])
    }

    @Test func maskSatisfiesThePiiRule() throws {
        var project = try #require(try loadFixture("broken/governance").project)
        project.mesh.governance = GovernanceSettings(
            requireOwner: false, requireDescription: false, requireClassification: false)
        #expect(Governance.violations(in: project).count == 1)
        project.domains[0].products[0].access.masks = [.init(column: "email", kind: .hash, location: .start(of: "x"))]
        #expect(Governance.violations(in: project) == [])
        project.domains[0].products[0].access = Access(readers: ["sales", "finance"])
        #expect(
            Governance.violations(in: project).map(\.message) == [
                "pii column 'email' of product 'sales.orders' has no mask for readers outside domain 'sales' (governance.pii_requires_mask)"
            ])
    }
}
