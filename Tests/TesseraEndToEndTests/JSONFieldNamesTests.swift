import Foundation
import Testing

/// Every `--format json` document names the same thing the same way (docs/reference/cli.md):
/// camelCase fields, a run's id `id` in its own document and `runId` elsewhere, a node's written
/// name `name`, a place `location: {file, line, column}`, node counts `counts`.
@Suite struct JSONFieldNamesTests {
    func document(_ arguments: [String], in dir: TemporaryDirectory) async throws -> Any {
        let outcome = try await TesseraBinary.run(arguments + ["--format", "json"], in: dir.url)
        return try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8))
    }

    /// Every field name in a document, with where it is.
    func fields(_ value: Any, at path: String = "") -> [(name: String, path: String)] {
        if let object = value as? [String: Any] {
            return object.flatMap { key, value in [(key, path)] + fields(value, at: path + "." + key) }
        }
        if let array = value as? [Any] { return array.flatMap { fields($0, at: path + "[]") } }
        return []
    }

    @Test func everyDocumentNamesTheSameThingTheSameWay() async throws {
        let dir = try TemporaryDirectory()
        for (path, text) in PlanningCorrectnessTests.files { try dir.write(path, text) }
        let run = try await #require(try document(["run"], in: dir) as? [String: Any])
        let runs = try await #require(try document(["runs"], in: dir) as? [[String: Any]])
        let id = try #require(run["id"] as? String, "the run's id is `id`: \(run.keys.sorted())")
        #expect(runs.first?["id"] as? String == id)
        #expect(runs.first?["counts"] is [String: Any], "node counts are `counts`, as in run: \(runs)")
        let show = try await #require(try document(["runs", "show", id], in: dir) as? [String: Any])
        let catalog = try await #require(try document(["catalog", "show", "shop.orders"], in: dir) as? [String: Any])
        #expect((catalog["snapshot"] as? [String: Any])?["runId"] as? String == id)
        let lineage = try await #require(try document(["lineage", "shop.customers"], in: dir) as? [String: Any])
        let vertex = (lineage["vertices"] as? [[String: Any]])?.first {
            $0["id"] as? String == "product.shop.customers"
        }
        #expect(vertex?["name"] as? String == "shop.customers", "\(lineage)")
        let check = try await #require(try document(["check"], in: dir) as? [String: Any])
        let checks = (check["products"] as? [[String: Any]])?.flatMap { $0["checks"] as? [[String: Any]] ?? [] } ?? []
        let location = try #require(checks.first?["location"] as? [String: Any], "\(checks)")
        #expect(location["file"] as? String == "domains/shop/products/orders.yaml" && location["line"] is Int)
        let plan = try await #require(try document(["plan"], in: dir) as? [String: Any])
        #expect(plan["counts"] is [String: Any], "\(plan.keys.sorted())")

        var documents: [String: Any] = [
            "run": run, "runs": runs, "runs show": show, "catalog show": catalog, "lineage": lineage,
            "check": check, "plan": plan,
        ]
        documents["lineage column"] = try await document(["lineage", "shop.customers.customer_id"], in: dir)
        documents["catalog search"] = try await document(["catalog", "search", "customers"], in: dir)
        documents["catalog list"] = try await document(["catalog", "list"], in: dir)
        let ingest = try await #require(try document(["ingest"], in: dir) as? [String: Any])
        let source = (ingest["sources"] as? [[String: Any]])?.first { $0["id"] as? String == "source.shop.orders" }
        #expect(source?["name"] as? String == "shop.src.orders", "a source as run names it: \(ingest)")
        documents["ingest"] = ingest
        documents["validate"] = try await document(["validate"], in: dir)
        documents["error"] = try await document(["query", "select nope"], in: dir)
        for (command, value) in documents {
            for field in fields(value) {
                #expect(
                    field.name.first?.isLowercase == true && !field.name.contains("_") && !field.name.hasSuffix("ID"),
                    "tessera \(command) --format json: '\(field.name)' at '\(field.path)' is not camelCase")
            }
        }
    }
}
