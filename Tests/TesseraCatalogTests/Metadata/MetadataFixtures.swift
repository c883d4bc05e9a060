import Foundation
import TesseraCatalog
import TesseraModel

/// A small mesh's metadata: three domains, products with names and descriptions chosen so that
/// ranking, filters and prefixes each have a clear right answer.
enum MetadataFixtures {
    static let revenue = NodeID(.product, "finance", "revenue")
    static let orders = NodeID(.product, "sales", "orders")
    static let ordersModel = NodeID(.model, "sales", "orders_enriched")
    static let ordersSource = NodeID(.source, "sales", "orders")
    static let campaigns = NodeID(.product, "marketing", "campaigns")

    static func mesh(revenueDescription: String = "Recognised income per day.") -> MeshMetadata {
        MeshMetadata(
            mesh: "acme",
            domains: [
                DomainMetadata(
                    name: "sales", owner: "sales-data@acme.example",
                    description: "Orders and customers of the web shop.", tags: ["commerce"]),
                DomainMetadata(
                    name: "finance", owner: "finance@acme.example", description: "Money in and out.", tags: ["money"]),
                DomainMetadata(
                    name: "marketing", owner: "growth@acme.example", description: "Campaigns and their reach.", tags: []
                ),
            ],
            assets: [
                AssetMetadata(
                    id: ordersSource, description: "Orders from the shop database", owner: "sales-data@acme.example",
                    file: "domains/sales/sources/orders.yaml",
                    columns: [
                        ColumnMetadata(position: 0, name: "id", type: "BIGINT"),
                        ColumnMetadata(position: 1, name: "email", type: "VARCHAR"),
                    ]),
                AssetMetadata(
                    id: ordersModel, description: "Orders joined with customers", owner: "sales-data@acme.example",
                    file: "domains/sales/models/orders_enriched.sql",
                    columns: [
                        ColumnMetadata(position: 0, name: "order_id"), ColumnMetadata(position: 1, name: "amount"),
                    ]),
                AssetMetadata(
                    id: orders, description: "Every order of the web shop; the basis of revenue reporting.",
                    owner: "sales-data@acme.example", tags: ["gold_tier"], file: "domains/sales/products/orders.yaml",
                    version: "1.2.0", freshness: "1d", freshnessSeconds: 86400, readers: ["finance"],
                    masks: [.init(column: "email", kind: "hash")], contract: #"{"version":"1.2.0"}"#,
                    columns: [
                        ColumnMetadata(
                            position: 0, name: "order_id", type: "BIGINT", nullable: false, description: "Order key",
                            classification: "internal"),
                        ColumnMetadata(
                            position: 1, name: "email", type: "VARCHAR", description: "Buyer e-mail",
                            classification: "pii"),
                        ColumnMetadata(
                            position: 2, name: "amount", type: "DECIMAL(12,2)", description: "Order total",
                            classification: "internal"),
                    ]),
                AssetMetadata(
                    id: revenue, description: revenueDescription, owner: "finance@acme.example", tags: ["gold"],
                    file: "domains/finance/products/revenue.yaml", version: "2.0.0",
                    columns: [
                        ColumnMetadata(position: 0, name: "day", type: "DATE", classification: "public"),
                        ColumnMetadata(
                            position: 1, name: "net_revenue", type: "DECIMAL(18,2)",
                            description: "Income after refunds", classification: "confidential"),
                    ]),
                AssetMetadata(
                    id: campaigns, description: "Marketing campaigns with spend", owner: "growth@acme.example",
                    tags: ["silver"],
                    columns: [
                        ColumnMetadata(position: 0, name: "campaign_id", type: "BIGINT", classification: "public")
                    ]),
            ],
            lineage: [
                MeshLineageEdge(upstream: ordersSource, downstream: ordersModel),
                MeshLineageEdge(upstream: ordersModel, downstream: orders),
                MeshLineageEdge(upstream: orders, downstream: NodeID(.model, "finance", "daily_revenue")),
                MeshLineageEdge(
                    upstream: orders, upstreamColumn: "amount", downstream: NodeID(.model, "finance", "daily_revenue"),
                    downstreamColumn: "revenue", kind: "aggregation"),
            ])
    }
}
