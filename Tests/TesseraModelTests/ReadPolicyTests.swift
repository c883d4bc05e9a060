import Foundation
import Testing

@testable import TesseraModel

/// Every kind of principal against products with every kind of `access`.
@Suite("Read policy")
struct ReadPolicyTests {
    static let here = SourceLocation.start(of: "test")

    static func product(
        _ name: String, readers: [String]?, roles: [String] = [], masks: [String: Access.Mask.Kind] = [:]
    )
        -> Product
    {
        let columns = [
            ContractColumn(name: "id", type: "BIGINT", location: here),
            ContractColumn(name: "email", type: "VARCHAR", classification: .pii, location: here),
            ContractColumn(name: "born", type: "DATE", classification: .pii, location: here),
            ContractColumn(name: "city", type: "VARCHAR", location: here),
        ]
        let access = Access(
            readers: readers, roles: roles,
            masks: masks.map { Access.Mask(column: $0.key, kind: $0.value, location: here) })
        return Product(
            name: name, domain: "sales", input: .model(name), contract: Contract(columns: columns, location: here),
            access: access, location: here)
    }

    let policy: ReadPolicy = {
        var mesh = Mesh(name: "acme")
        mesh.admins = ["root@acme.example"]
        let people = [
            Member(name: "ana@acme.example", role: .owner, location: here),
            Member(name: "val@acme.example", role: .reader, location: here),
        ]
        let domains = [
            Domain(
                name: "sales", members: [people[0]], services: [.init(name: "sales_bot", location: here)],
                location: here),
            Domain(
                name: "finance", members: [people[1]], services: [.init(name: "fin_bot", location: here)],
                location: here),
            Domain(name: "marketing", location: here),
        ]
        return ReadPolicy(project: Project(root: URL(fileURLWithPath: "/"), mesh: mesh, domains: domains))
    }()

    @Test func theOwningDomainReadsInClearHoweverItActs() {
        let product = Self.product("customers", readers: [])
        for principal: Principal in [.domain("sales"), .service("sales_bot"), .person("ana@acme.example")] {
            #expect(policy.decide(principal, reads: product) == .clear, "\(principal)")
        }
    }

    @Test func readersReadWithDeclaredMasksAndEveryPiiColumnMasked() {
        let product = Self.product("customers", readers: ["finance"], masks: ["city": .partial])
        let decision = policy.decide(.domain("finance"), reads: product)
        #expect(decision.isReadable)
        let kinds = Dictionary(uniqueKeysWithValues: decision.masks.map { ($0.column, $0.kind) })
        // Text pii is redacted, other pii becomes NULL (keeping its type), declared masks stay.
        #expect(kinds == ["email": .redact, "born": .null, "city": .partial])
        #expect(policy.decide(.service("fin_bot"), reads: product) == decision)
        #expect(policy.decide(.person("val@acme.example"), reads: product) == decision)
    }

    @Test func everyoneElseIsRefusedWithWhoMayRead() {
        let product = Self.product("customers", readers: ["finance"])
        for principal: Principal in [
            .domain("marketing"), .domain("nowhere"), .person("stranger@acme.example"), .service("ghost"),
        ] {
            guard case .refused(let why) = policy.decide(principal, reads: product) else {
                Issue.record("\(principal) was not refused")
                continue
            }
            #expect(why.contains("may not read sales.customers"))
            #expect(why.contains("finance"))
        }
    }

    @Test func absentReadersMeansEveryDomainButNotPeopleOutsideEveryDomain() {
        let product = Self.product("open", readers: nil)
        #expect(policy.decide(.domain("marketing"), reads: product).isReadable)
        #expect(!policy.decide(.person("stranger@acme.example"), reads: product).isReadable)
    }

    @Test func adminsAndTheOperatorReadEverythingMasked() {
        let product = Self.product("ledger", readers: [])
        for principal: Principal in [.meshOperator, .person("root@acme.example")] {
            let decision = policy.decide(principal, reads: product)
            #expect(decision.masks.map(\.column).sorted() == ["born", "email"], "\(principal)")
        }
    }

    @Test func rolesRestrictPeopleNotDomains() {
        let product = Self.product("customers", readers: ["finance"], roles: ["developer"])
        #expect(!policy.decide(.person("val@acme.example"), reads: product).isReadable)
        #expect(policy.decide(.domain("finance"), reads: product).isReadable)
        #expect(policy.decide(.service("fin_bot"), reads: product).isReadable)
    }
}
