import Foundation
import Testing
@testable import TesseraLineage
import TesseraModel

/// Every format on a small graph written out by hand: sales publishes orders; finance builds
/// `a` and `b` from it and `c` from both (a diamond, so a subtree repeats).
@Suite struct LineageRendererTests {
    static let source = NodeID(.source, "sales", "orders"), salesModel = NodeID(.model, "sales", "orders")
    static let orders = NodeID(.product, "sales", "orders")
    static let a = NodeID(.model, "finance", "a"), b = NodeID(.model, "finance", "b"),
        c = NodeID(.model, "finance", "c")

    static var graph: LineageGraph {
        func edge(_ up: NodeID, _ down: NodeID) -> MeshLineageEdge { MeshLineageEdge(upstream: up, downstream: down) }
        func column(_ up: NodeID, _ upColumn: String, _ down: NodeID, _ downColumn: String, _ kind: String)
            -> MeshLineageEdge
        {
            MeshLineageEdge(
                upstream: up, upstreamColumn: upColumn, downstream: down, downstreamColumn: downColumn, kind: kind)
        }
        return LineageGraph(edges: [
            edge(source, salesModel), edge(salesModel, orders), edge(orders, a), edge(orders, b), edge(a, c),
            edge(b, c),
            column(source, "amount", salesModel, "amount", "identity"),
            column(salesModel, "amount", orders, "amount", "identity"),
            column(orders, "amount", a, "amount", "identity"),
            column(orders, "status", a, "amount", "filter"),
            column(orders, "amount", b, "amount", "transformation"),
            column(a, "amount", c, "total", "aggregation"),
            column(b, "amount", c, "total", "aggregation"),
        ])
    }

    @Test func textTreeWithRepeatedSubtreesAndDomainHops() {
        let result = Self.graph.traverse(from: LineageVertex(Self.c), direction: .both)
        #expect(
            LineageTextRenderer.render(result) == """
                lineage of model finance.c

                upstream
                finance.c  model
                ├── finance.a  model
                │   └── sales.orders  product · from sales
                │       └── sales.orders  model
                │           └── sales.src.orders  source
                └── finance.b  model
                    └── sales.orders  product · from sales · (see above)

                downstream: nothing

                """)
    }

    @Test func textAtColumnLevelWithDepth() {
        let result = Self.graph.traverse(from: LineageVertex(Self.c, column: "total"), direction: .upstream, depth: 2)
        #expect(
            LineageTextRenderer.render(result, note: "a note") == """
                lineage of column finance.c.total (model)
                a note

                upstream (depth 2)
                finance.c.total  model
                ├── finance.a.amount  model · aggregation
                │   ├── sales.orders.amount  product · identity · from sales …
                │   └── sales.orders.status  product · filter (indirect) · from sales
                └── finance.b.amount  model · aggregation
                    └── sales.orders.amount  product · transformation · from sales …

                """)
        let downstream = Self.graph.traverse(
            from: LineageVertex(Self.source, column: "amount"), direction: .downstream, depth: 1)
        #expect(
            LineageTextRenderer.render(downstream) == """
                lineage of column sales.src.orders.amount (source)

                downstream (depth 1)
                sales.src.orders.amount  source
                └── sales.orders.amount  model · identity …

                """)
    }

    @Test func json() throws {
        let result = Self.graph.traverse(
            from: LineageVertex(Self.a, column: "amount"), direction: .upstream, depth: 1, directOnly: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(LineageDocument(result)), as: UTF8.self)
        #expect(
            text == """
                {
                  "depth" : 1,
                  "directOnly" : true,
                  "direction" : "upstream",
                  "edges" : [
                    {
                      "crossesDomains" : true,
                      "direct" : true,
                      "from" : "product.sales.orders.amount",
                      "kind" : "identity",
                      "to" : "model.finance.a.amount"
                    }
                  ],
                  "level" : "column",
                  "root" : "model.finance.a.amount",
                  "truncated" : [
                    "product.sales.orders.amount"
                  ],
                  "vertices" : [
                    {
                      "column" : "amount",
                      "domain" : "finance",
                      "id" : "model.finance.a.amount",
                      "kind" : "model",
                      "name" : "finance.a.amount",
                      "node" : "model.finance.a",
                      "side" : "root"
                    },
                    {
                      "column" : "amount",
                      "domain" : "sales",
                      "id" : "product.sales.orders.amount",
                      "kind" : "product",
                      "name" : "sales.orders.amount",
                      "node" : "product.sales.orders",
                      "side" : "upstream"
                    }
                  ]
                }
                """)
    }

    @Test func dot() {
        let result = Self.graph.traverse(from: LineageVertex(Self.a, column: "amount"), direction: .upstream, depth: 1)
        #expect(
            LineageDotRenderer.render(result) == """
                digraph lineage {
                  rankdir=LR;
                  node [shape=box, fontname="Helvetica"];
                  edge [fontname="Helvetica", fontsize=10];
                  subgraph "cluster_finance" {
                    label="finance";
                    "model.finance.a.amount" [label="finance.a.amount\\nmodel", style=bold];
                  }
                  subgraph "cluster_sales" {
                    label="sales";
                    "product.sales.orders.amount" [label="sales.orders.amount\\nproduct", shape=component];
                    "product.sales.orders.status" [label="sales.orders.status\\nproduct", shape=component];
                  }
                  "product.sales.orders.amount" -> "model.finance.a.amount" [label="identity"];
                  "product.sales.orders.status" -> "model.finance.a.amount" [label="filter", style=dashed];
                }

                """)
        #expect(LineageDotRenderer.quote("say \"hi\"\\") == #""say \"hi\"\\""#)
    }

    @Test func mermaid() {
        let result = Self.graph.traverse(from: LineageVertex(Self.orders), direction: .both, depth: 1)
        #expect(
            LineageMermaidRenderer.render(result) == """
                flowchart LR
                  subgraph domain_finance [finance]
                    n0["finance.a (model)"]
                    n1["finance.b (model)"]
                  end
                  subgraph domain_sales [sales]
                    n2["sales.orders (model)"]
                    n3[["sales.orders (product)"]]
                  end
                  n3 --> n0
                  n3 --> n1
                  n2 --> n3
                  style n3 stroke-width:3px

                """)
        #expect(LineageMermaidRenderer.escape("a|b[\"c\"]") == "a#124;b#91;#quot;c#quot;#93;")
    }
}
