import Testing
import TesseraModel
import TesseraSQL

@Suite struct VersionedProductResolutionTests {
    let resolver = DependencyResolver(
        sources: ["sales": ["orders"]],
        models: ["sales": ["orders_enriched"]],
        products: ["sales": ["orders", "order__vip"], "finance": ["invoices"]]
    )

    func resolve(_ schema: String?, _ name: String, domain: String = "finance") -> DependencyResolver.Resolution {
        resolver.resolve(RelationName(schema: schema, name: name), domain: domain)
    }

    @Test func aPreviousMajorResolvesToTheProduct() {
        #expect(resolve("sales", "orders__v1") == .product(domain: "sales", name: "orders", major: 1))
        #expect(resolve("SALES", "Orders__V12") == .product(domain: "sales", name: "orders", major: 12))
        #expect(resolve("sales", "orders") == .product(domain: "sales", name: "orders"))
        #expect(resolve("sales", "orders__v1").description == "product sales.orders__v1")
    }

    @Test func aProductWhoseNameLooksVersionedIsItself() {
        #expect(resolve("sales", "order__vip") == .product(domain: "sales", name: "order__vip"))
    }

    @Test func malformedVersionsNameNothing() {
        // Not a plain positive major: an unknown table (its suggestion is the closest name).
        for name in ["orders__v0", "orders__v01", "orders__v", "orders__vx"] {
            guard case .unknown = resolve("sales", name) else {
                Issue.record("sales.\(name) resolved to \(resolve("sales", name))")
                continue
            }
        }
        #expect(resolve("src", "orders__v1", domain: "sales") == .unknown(suggestion: "src.orders"))
    }

    @Test func unknownProductsKeepTheirSuggestion() {
        #expect(resolve("sales", "ordrs__v1") == .unknown(suggestion: "sales.orders__v1"))
        #expect(resolve("finance", "invoice__v2") == .unknown(suggestion: "finance.invoices__v2"))
        #expect(resolve("nobody", "zzzzzz__v2") == .unknown(suggestion: nil))
    }
}
