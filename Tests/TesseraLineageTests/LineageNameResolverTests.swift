import Testing
import TesseraLineage
import TesseraModel

@Suite struct LineageNameResolverTests {
    static let resolver = LineageNameResolver(columns: [
        NodeID(.source, "sales", "orders"): ["amount", "id"],
        NodeID(.model, "sales", "orders"): ["amount", "id"],
        NodeID(.product, "sales", "orders"): ["amount", "id"],
        NodeID(.model, "sales", "staging"): ["id"],
        NodeID(.model, "finance", "revenue"): ["revenue"],
    ])

    @Test func productBeforeModelThenSourcesAndIds() throws {
        let product = try Self.resolver.resolve("sales.orders")
        #expect(product.vertex == LineageVertex(NodeID(.product, "sales", "orders")))
        #expect(
            product.note == "sales.orders is the product; for the model of the same name ask for model.sales.orders")
        #expect(try Self.resolver.resolve("sales.staging").vertex == LineageVertex(NodeID(.model, "sales", "staging")))
        #expect(try Self.resolver.resolve("sales.staging").note == nil)
        #expect(
            try Self.resolver.resolve("sales.src.orders.amount").vertex
                == LineageVertex(NodeID(.source, "sales", "orders"), column: "amount"))
        #expect(
            try Self.resolver.resolve("model.sales.orders.AMOUNT").vertex
                == LineageVertex(NodeID(.model, "sales", "orders"), column: "amount"))
        #expect(
            try Self.resolver.resolve("sales.orders.id").note
                == "sales.orders is the product; for the model of the same name ask for model.sales.orders.id")
    }

    @Test func unknownNamesSuggestTheClosest() {
        func failure(_ text: String) -> LineageNameResolver.NameError? {
            do { _ = try Self.resolver.resolve(text); return nil } catch { return error }
        }
        #expect(failure("sales.ordres")?.message == "no source, model or product named 'sales.ordres'")
        #expect(failure("sales.ordres")?.hint == "did you mean 'sales.orders'?")
        #expect(failure("sales.src.ordrs")?.hint == "did you mean 'sales.src.orders'?")
        #expect(failure("finanse.revenue")?.message == "no domain 'finanse' in the mesh (in 'finanse.revenue')")
        #expect(failure("finanse.revenue")?.hint == "did you mean 'finance'?")
        #expect(failure("finance.revenue.revenu")?.message == "model finance.revenue has no column 'revenu'")
        #expect(failure("finance.revenue.revenu")?.hint == "did you mean 'finance.revenue.revenue'?")
        #expect(failure("finance.revenue.zzz")?.hint == "its columns: revenue")
        #expect(failure("sales")?.message == "'sales' is not a node name")
        #expect(failure("sales..orders") != nil)
    }
}
