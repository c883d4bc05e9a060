import Testing
@testable import TesseraTransform

@Suite struct SelectionTests {
    let graph: MeshGraph

    init() throws { graph = try MeshFixture.threeDomains().mesh.graph }

    func select(_ include: [String], exclude: [String] = []) throws -> [String] {
        try Selection(include: include, exclude: exclude).nodes(in: graph).sorted().map(\.id)
    }

    @Test func everythingWhenNothingIsSelected() throws {
        #expect(try select([]).count == graph.nodes.count)
    }

    @Test func byNameMatchesEveryKindInEveryDomain() throws {
        #expect(try select(["orders"]) == ["source.sales.orders", "model.sales.orders", "product.sales.orders"])
        #expect(try select(["spend"]) == ["model.marketing.spend"])
    }

    @Test func qualifiedDomainAndTag() throws {
        #expect(try select(["finance.revenue"]) == ["model.finance.revenue"])
        #expect(try select(["sales.src.orders"]) == ["source.sales.orders"])
        #expect(try select(["domain:marketing"]) == ["model.marketing.spend"])
        #expect(try select(["tag:gold"]) == ["model.finance.revenue", "model.sales.orders"])
    }

    @Test func upstreamAndDownstream() throws {
        #expect(try select(["+finance.revenue"]) == [
            "model.finance.revenue", "source.sales.orders", "model.sales.orders", "product.sales.orders", "model.sales.orders_clean",
        ])
        #expect(try select(["sales.orders_clean+"]) == [
            "model.finance.revenue", "model.marketing.spend", "model.sales.orders", "product.sales.orders", "model.sales.orders_clean",
        ])
        #expect(try select(["+spend+"]).count == 5)
    }

    @Test func unionAndExclude() throws {
        #expect(try select(["spend revenue"]) == ["model.finance.revenue", "model.marketing.spend"])
        #expect(try select(["spend", "revenue"]) == ["model.finance.revenue", "model.marketing.spend"])
        #expect(try select(["sales.orders_clean+"], exclude: ["domain:sales"]) == ["model.finance.revenue", "model.marketing.spend"])
    }

    @Test func mistakesAreNamed() {
        #expect(throws: SelectionError.matchesNothing("revenu", suggestion: "revenue")) { try select(["revenu"]) }
        #expect(throws: SelectionError.matchesNothing("domain:financ", suggestion: "domain:finance")) { try select(["domain:financ"]) }
        #expect(throws: SelectionError.unknownMethod("path", "path:x")) { try select(["path:x"]) }
        #expect(throws: SelectionError.malformed("a.b.c")) { try select(["a.b.c"]) }
        #expect(throws: SelectionError.malformed("+")) { try select(["+"]) }
    }
}
