import Foundation
import Testing
import TesseraCore
import TesseraServer

/// The catalog, lineage and runs as each caller may see them: the owner sees its private product,
/// a reader of another domain finds no trace of it — not in search, lists, lineage or by name.
@Suite(.serialized) struct CatalogRoutesTests {
    @Test func anOwnerSeesItsPrivateProductWithItsVersions() async throws {
        let mesh = try await APITestMesh()
        let ana = try await mesh.token("ana@acme.example")
        try await mesh.serving { base in
            let page = try await Curl.call("\(base)/api/v1/products/sales/orders", token: ana)
            #expect(page.status == 200, "\(page.body)")
            let json = try page.json()
            #expect(json["kind"] as? String == "product")
            #expect(json["name"] as? String == "sales.orders")
            let versions = json["versions"] as? [[String: Any]] ?? []
            #expect(versions.count == 1)
            #expect(versions.first?["status"] as? String == "current")
            #expect(versions.first?["rows"] as? Int == 30000)
            #expect((json["columns"] as? [[String: Any]])?.map { $0["name"] as? String } == ["order_id", "amount"])

            let search = try await Curl.call("\(base)/api/v1/catalog/search?q=orders", token: ana)
            #expect(search.status == 200)
            let names = (try search.json()["hits"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(names.contains("sales.orders"))

            let lineage = try await Curl.call("\(base)/api/v1/lineage/sales.customers?direction=down", token: ana)
            #expect(lineage.status == 200, "\(lineage.body)")
            let vertices = try lineage.json()["vertices"] as? [[String: Any]] ?? []
            #expect(vertices.contains { $0["node"] as? String == "product.marketing.campaigns" })
        }
    }

    /// A dashboard is in lineage for those who may view it only: mia reads sales.customers but is
    /// not shown the sales dashboard charting it.
    @Test func aDashboardIsInLineageForItsViewersOnly() async throws {
        let mesh = try await APITestMesh()
        let (ana, mia) = (try await mesh.token("ana@acme.example"), try await mesh.token("mia@acme.example"))
        try await mesh.serving { base in
            let path = "\(base)/api/v1/lineage/sales.customers.city?direction=down"
            let owner = try await Curl.call(path, token: ana)
            #expect(owner.status == 200, "\(owner.body)")
            let shown = (try owner.json()["vertices"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(shown.contains("dashboard.sales.cities/customers_per_city.city"), "\(shown)")

            let reader = try await Curl.call(path, token: mia)
            #expect(reader.status == 200, "\(reader.body)")
            let seen = (try reader.json()["vertices"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(seen.contains("product.sales.customers.city"))
            #expect(!seen.contains { $0.hasPrefix("dashboard.") }, "\(seen)")
            #expect(try await Curl.call("\(base)/api/v1/lineage/dashboard.sales.cities", token: mia).status == 404)
            #expect(try await Curl.call("\(base)/api/v1/lineage/dashboard.sales.cities", token: ana).status == 200)
        }
    }

    @Test func aReaderOfAnotherDomainFindsNoTraceOfAPrivateProduct() async throws {
        let mesh = try await APITestMesh()
        let mia = try await mesh.token("mia@acme.example")
        try await mesh.serving { base in
            let page = try await Curl.call("\(base)/api/v1/products/sales/orders", token: mia)
            #expect(page.status == 404)
            #expect(page.errorCode == "not_found")
            let nothing = try await Curl.call("\(base)/api/v1/products/sales/no_such_product", token: mia)
            #expect(nothing.status == 404)
            // Not found reads the same as for a product that does not exist.
            #expect(
                page.body.replacingOccurrences(of: "orders", with: "X")
                    == nothing.body.replacingOccurrences(of: "no_such_product", with: "X"))

            let search = try await Curl.call("\(base)/api/v1/catalog/search?q=order", token: mia)
            #expect(search.status == 200)
            #expect(!search.body.contains("sales.orders"))
            let products = try await Curl.call("\(base)/api/v1/products", token: mia)
            #expect(!products.body.contains("sales.orders"))
            #expect(products.body.contains("sales.customers"))
            let domain = try await Curl.call("\(base)/api/v1/domains/sales", token: mia)
            #expect(domain.status == 200)
            #expect(!domain.body.contains("orders"))
            #expect(try await Curl.call("\(base)/api/v1/lineage/sales.orders", token: mia).status == 404)
            let runs = try await Curl.call("\(base)/api/v1/runs", token: mia)
            let id = (try runs.json()["runs"] as? [[String: Any]])?.first?["id"] as? String ?? ""
            let run = try await Curl.call("\(base)/api/v1/runs/\(id)", token: mia)
            #expect(run.status == 200)
            #expect(!run.body.contains("sales.orders"))
            #expect(run.body.contains("marketing.campaigns"))
        }
    }

    @Test func aProductPageShowsNoProfileValuesOfMaskedColumns() async throws {
        let mesh = try await APITestMesh()
        let mia = try await mesh.token("mia@acme.example")
        try await mesh.serving { base in
            let page = try await Curl.call("\(base)/api/v1/products/sales/customers", token: mia).json()
            let columns = (page["profile"] as? [String: Any])?["columns"] as? [[String: Any]] ?? []
            func profile(_ name: String) -> [String: Any]? { columns.first { $0["name"] as? String == name } }
            // The profile is there, with the values of a column readers get in clear…
            #expect(profile("customer_id")?["min"] as? String == "1")
            // …and none of the pii column nor of the one masked for readers outside sales.
            for masked in ["email", "city"] {
                #expect(profile(masked) != nil)
                #expect(profile(masked)?["min"] == nil && profile(masked)?["max"] == nil, "\(masked)")
            }
        }
    }

    @Test func theServedDocumentIsTheOneInTheRepository() async throws {
        let mesh = try await APITestMesh()
        let ana = try await mesh.token("ana@acme.example")
        try await mesh.serving { base in
            let served = try await Curl.call("\(base)/api/v1/openapi.json", token: ana)
            #expect(served.status == 200)
            let file = try Data(contentsOf: APIValidators.root.appendingPathComponent("docs/api/openapi.json"))
            let kept = try JSONSerialization.jsonObject(with: file) as? NSDictionary
            let answered = try JSONSerialization.jsonObject(with: Data(served.body.utf8)) as? NSDictionary
            #expect(kept != nil && kept == answered, "run `make openapi` after editing docs/api/openapi.json")
        }
    }

    @Test func metricsAreInPrometheusTextFormat() async throws {
        let mesh = try await APITestMesh()
        let ana = try await mesh.token("ana@acme.example")
        try await mesh.serving { base in
            _ = try await Curl.call("\(base)/api/v1/products", token: ana)
            let metrics = try await Curl.call("\(base)/metrics", token: ana)
            #expect(metrics.status == 200)
            #expect(metrics.headers["content-type"]?.hasPrefix("text/plain") == true)
            #expect(metrics.body.contains("tessera_runs{status=\"succeeded\"} 1"))
            #expect(metrics.body.contains("tessera_queue_depth{state=\"queued\"} 0"))
            #expect(metrics.body.contains("tessera_node_duration_seconds{node=\"product.sales.orders\""))
            #expect(metrics.body.contains("tessera_product_freshness_lag_seconds{product=\"sales.orders\"}"))
            let latency = metrics.body.split(separator: "\n").filter {
                $0.hasPrefix("tessera_http_request_duration_seconds_count{route=") && $0.contains("products\"}")
            }
            #expect(latency == [#"tessera_http_request_duration_seconds_count{route="/api/v1/products"} 1"#])
        }
    }
}
