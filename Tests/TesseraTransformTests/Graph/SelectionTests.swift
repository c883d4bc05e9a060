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
        #expect(
            try select(["+finance.revenue"]) == [
                "model.finance.revenue", "source.sales.orders", "model.sales.orders", "product.sales.orders",
                "model.sales.orders_clean",
            ])
        #expect(
            try select(["sales.orders_clean+"]) == [
                "model.finance.revenue", "model.marketing.spend", "model.sales.orders", "product.sales.orders",
                "model.sales.orders_clean",
            ])
        #expect(try select(["+spend+"]).count == 5)
    }

    @Test func unionAndExclude() throws {
        #expect(try select(["spend revenue"]) == ["model.finance.revenue", "model.marketing.spend"])
        #expect(try select(["spend", "revenue"]) == ["model.finance.revenue", "model.marketing.spend"])
        #expect(
            try select(["sales.orders_clean+"], exclude: ["domain:sales"]) == [
                "model.finance.revenue", "model.marketing.spend",
            ])
    }

    @Test func domainDotNameIsTheModelAndTheProductNotTheSource() throws {
        #expect(try select(["sales.orders"]) == ["model.sales.orders", "product.sales.orders"])
        #expect(try select(["sales.src.orders"]) == ["source.sales.orders"])
    }

    @Test func depthLimitedAndAt() throws {
        #expect(
            try select(["1+sales.orders"]) == [
                "model.sales.orders", "product.sales.orders", "model.sales.orders_clean",
            ])
        #expect(try select(["sales.orders_clean+1"]) == ["model.sales.orders", "model.sales.orders_clean"])
        #expect(
            try select(["sales.orders_clean+2"]) == [
                "model.sales.orders", "product.sales.orders", "model.sales.orders_clean",
            ])
        // @: it, everything downstream, and everything those read.
        #expect(
            Set(try select(["@marketing.spend"])) == [
                "source.sales.orders", "model.marketing.spend", "model.sales.orders", "product.sales.orders",
                "model.sales.orders_clean",
            ])
        // Everything downstream of it, and the source they read.
        #expect(try select(["@sales.orders_clean"]).count == graph.nodes.count)
        #expect(try select(["sales.orders_clean+"]).count == graph.nodes.count - 1)
    }

    @Test func wildcardsAndIntersection() throws {
        #expect(try select(["sales.*"]) == ["model.sales.orders", "product.sales.orders", "model.sales.orders_clean"])
        #expect(try select(["sales.src.*"]) == ["source.sales.orders"])
        #expect(try select(["*.orders_?lean"]) == ["model.sales.orders_clean"])
        #expect(try select(["tag:gold,domain:sales"]) == ["model.sales.orders"])
        #expect(try select(["sales.orders_clean+,domain:finance"]) == ["model.finance.revenue"])
        #expect(
            try select(["domain:sales"], exclude: ["sales.orders*,tag:gold"]) == [
                "source.sales.orders", "product.sales.orders", "model.sales.orders_clean",
            ])
    }

    @Test func stateModifiedUsesTheRecordedState() throws {
        let state = SelectionState(
            new: [.model("finance", "revenue")],
            modified: [.model("finance", "revenue"), .model("sales", "orders_clean")])
        func selectState(_ text: String) throws -> [String] {
            try Selection(include: [text], exclude: []).nodes(in: graph, state: state).sorted().map(\.id)
        }
        #expect(try selectState("state:modified") == ["model.finance.revenue", "model.sales.orders_clean"])
        #expect(try selectState("state:new") == ["model.finance.revenue"])
        #expect(
            try selectState("state:modified+,domain:sales") == [
                "model.sales.orders", "product.sales.orders", "model.sales.orders_clean",
            ])
        #expect(try Selection(include: ["state:modified"], exclude: []).usesState)
        let nothing = try Selection(include: ["state:modified"], exclude: []).nodes(
            in: graph, state: SelectionState(new: [], modified: []))
        #expect(nothing.isEmpty, "nothing modified is an answer, not a typo")
        #expect(throws: SelectionError.unknownState("changed", "state:changed")) { try select(["state:changed"]) }
    }

    @Test func mistakesAreNamed() {
        #expect(throws: SelectionError.matchesNothing("revenu", suggestion: "revenue")) { try select(["revenu"]) }
        #expect(throws: SelectionError.matchesNothing("domain:financ", suggestion: "domain:finance")) {
            try select(["domain:financ"])
        }
        #expect(throws: SelectionError.unknownMethod("path", "path:x")) { try select(["path:x"]) }
        #expect(throws: SelectionError.malformed("a.b.c")) { try select(["a.b.c"]) }
        #expect(throws: SelectionError.malformed("+")) { try select(["+"]) }
        #expect(throws: SelectionError.malformed("a,")) { try select(["a,"]) }
        #expect(throws: SelectionError.matchesNothing("sales.orders_clen", suggestion: "sales.orders_clean")) {
            try select(["sales.orders_clen"])
        }
    }
}
