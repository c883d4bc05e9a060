import Foundation
import Testing

/// OpenLineage through the real binary: a run writes START and COMPLETE (or FAIL) events for
/// itself and every node it builds, with inputs, outputs, schema and column lineage, valid
/// against the OpenLineage schema as openlineage-python ships it; a dead HTTP endpoint is a
/// warning in the run summary, never a failed or slow run.
@Suite struct OpenLineageTests {
    static let files: [String: String] = [
        "domains/sales/domain.yaml": "owner: sales@acme.example\n",
        "domains/sales/sources/orders.yaml":
            "connector: {type: csv, path: domains/sales/data/*.csv}\nload: {mode: full}\n",
        "domains/sales/data/orders.csv": "order_id,email,status\n1,ann@example.com,placed\n2,bob@example.com,shipped\n",
        "domains/sales/models/orders.sql": "select order_id, email, status from src.orders\n",
        "domains/sales/products/orders.yaml": """
        version: 1.0.0
        contract:
          primary_key: [order_id]
          columns:
            - {name: order_id, type: BIGINT, nullable: false, description: Order key}
            - {name: email, type: VARCHAR}
            - {name: status, type: VARCHAR}
        checks:
          - accepted_values: {column: status, values: [placed, shipped]}

        """,
        "domains/finance/domain.yaml": "owner: finance@acme.example\n",
        "domains/finance/models/revenue.sql": "select count(*) as orders from sales.orders\n",
    ]

    static let header = "mesh: acme\ngovernance: {require_description: false, require_classification: false}\n"

    func mesh(_ openlineage: String) throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        for (path, text) in Self.files { try dir.write(path, text) }
        try dir.write("tessera.yaml", Self.header + openlineage)
        return dir
    }

    func events(_ file: URL) throws -> [[String: Any]] {
        try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Runs scripts/validate-openlineage-events.py in the venv `make test` sets up. A missing venv
    /// fails the test (a validation that did not happen must not pass).
    func validate(_ file: URL, expectValid: Bool = true) async throws {
        let python = Self.repository.appendingPathComponent(".deps/openlineage-venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            Issue.record(
                "the OpenLineage validator is missing: run scripts/setup-openlineage-validator.sh (make test does)")
            return
        }
        let script = Self.repository.appendingPathComponent("scripts/validate-openlineage-events.py")
        let outcome = try await ProcessRunner.run(python, [script.path, file.path])
        if expectValid {
            #expect(outcome.status == 0, "\(outcome.stderr)")
        } else {
            #expect(outcome.status == 1)
            #expect(outcome.stderr.contains("invalid OpenLineage event"), "\(outcome.stderr)")
        }
    }

    /// The check is not vacuous: a misspelled field, a wrong facet version and a run id that is
    /// not a UUID are each refused.
    @Test(arguments: [
        (#""inputFields""#, #""inputField""#),
        ("facets/1-2-0/SchemaDatasetFacet.json", "facets/1-0-0/SchemaDatasetFacet.json"),
        (#""eventType":"COMPLETE""#, #""eventType":"DONE""#),
    ])
    func theValidatorRefusesABrokenEvent(original: String, broken: String) async throws {
        let dir = try mesh("openlineage: {transport: file}\n")
        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 0)
        let file = dir.url.appendingPathComponent(".tessera/openlineage.jsonl")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains(original))
        try Data(text.replacingOccurrences(of: original, with: broken).utf8).write(to: file)
        try await validate(file, expectValid: false)
    }

    @Test func aRunWritesValidEventsForItselfAndEveryNode() async throws {
        let dir = try mesh("openlineage: {transport: file, path: lineage/events.jsonl}\n")
        let run = try await TesseraBinary.run(["run"], in: dir.url)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(!run.stdout.contains("warning"), "\(run.stdout)")
        let file = dir.url.appendingPathComponent("lineage/events.jsonl")
        let all = try events(file)

        func job(_ event: [String: Any]) -> String { (event["job"] as? [String: Any])?["name"] as? String ?? "" }
        func runID(_ event: [String: Any]) -> String { (event["run"] as? [String: Any])?["runId"] as? String ?? "" }
        let pairs = Dictionary(grouping: all, by: job).mapValues { $0.compactMap { $0["eventType"] as? String } }
        #expect(
            pairs == [
                "run": ["START", "COMPLETE"], "sales.src.orders": ["START", "COMPLETE"],
                "sales.main.orders": ["START", "COMPLETE"], "sales.orders": ["START", "COMPLETE"],
                "finance.main.revenue": ["START", "COMPLETE"],
            ], "\(pairs)")
        #expect(job(all.first ?? [:]) == "run" && job(all.last ?? [:]) == "run")
        #expect(all.allSatisfy { (($0["job"] as? [String: Any])?["namespace"] as? String) == "acme" })

        // Every node's run points at the whole run; each node has one run id for both events.
        let parent = runID(all[0])
        for event in all where job(event) != "run" {
            let facets = (event["run"] as? [String: Any])?["facets"] as? [String: Any]
            #expect(((facets?["parent"] as? [String: Any])?["run"] as? [String: Any])?["runId"] as? String == parent)
        }
        #expect(Set(all.filter { job($0) == "sales.orders" }.map(runID)).count == 1)

        // The product: its model as input; its snapshot, contract schema and column lineage as output.
        let complete = try #require(all.first { job($0) == "sales.orders" && $0["eventType"] as? String == "COMPLETE" })
        #expect((complete["inputs"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["sales.main.orders"])
        let output = try #require((complete["outputs"] as? [[String: Any]])?.first)
        #expect(output["name"] as? String == "sales.orders")
        let facets = try #require(output["facets"] as? [String: Any])
        let fields = try #require((facets["schema"] as? [String: Any])?["fields"] as? [[String: Any]])
        #expect(fields.compactMap { $0["name"] as? String } == ["order_id", "email", "status"])
        #expect(fields.first?["type"] as? String == "BIGINT")
        #expect(fields.first?["description"] as? String == "Order key")
        let lineage = try #require((facets["columnLineage"] as? [String: Any])?["fields"] as? [String: Any])
        let email = try #require((lineage["email"] as? [String: Any])?["inputFields"] as? [[String: Any]])
        #expect(email.first?["name"] as? String == "sales.main.orders" && email.first?["field"] as? String == "email")
        #expect(
            ((facets["version"] as? [String: Any])?["datasetVersion"] as? String)?.hasPrefix("sales.orders@") == true)

        // A model's schema is read from the table it built.
        let model = try #require(
            all.first { job($0) == "finance.main.revenue" && $0["eventType"] as? String == "COMPLETE" })
        let modelFields =
            ((model["outputs"] as? [[String: Any]])?.first?["facets"] as? [String: Any])?["schema"] as? [String: Any]
        #expect((modelFields?["fields"] as? [[String: Any]])?.first?["name"] as? String == "orders")
        #expect((model["inputs"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["sales.orders"])

        try await validate(file)
    }

    @Test func aFailingNodeSendsFailWithTheError() async throws {
        let dir = try mesh("openlineage: {transport: file}\n")
        try dir.write("domains/sales/data/orders.csv", "order_id,email,status\n1,ann@example.com,lost\n")
        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 1)
        let file = dir.url.appendingPathComponent(".tessera/openlineage.jsonl")
        let all = try events(file)
        let types = all.filter { ($0["job"] as? [String: Any])?["name"] as? String == "sales.orders" }.compactMap {
            $0["eventType"] as? String
        }
        #expect(types == ["START", "FAIL"])
        let fail = try #require(all.first { $0["eventType"] as? String == "FAIL" })
        let error = ((fail["run"] as? [String: Any])?["facets"] as? [String: Any])?["errorMessage"] as? [String: Any]
        #expect((error?["message"] as? String)?.contains("accepted_values") == true, "\(String(describing: error))")
        #expect(all.last?["eventType"] as? String == "FAIL")  // the run as a whole
        try await validate(file)
    }

    @Test func aDeadEndpointIsAWarningWithTheURLAndNeverTheKey() async throws {
        let dir = try mesh(
            "openlineage: {transport: http, url: \"http://127.0.0.1:9\", api_key: \"${OL_KEY}\", timeout: 2}\n")
        let run = try await TesseraBinary.run(["run"], in: dir.url, environment: ["OL_KEY": "top-secret-key"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        // Refused at once, not timed out: no event waited for an answer.
        #expect(run.stdout.contains("could not"), "\(run.stdout)")  // connect (the line may wrap)
        #expect(run.stdout.contains("warning: OpenLineage:"), "\(run.stdout)")
        #expect(run.stdout.contains("http://127.0.0.1:9/api/v1/lineage"), "\(run.stdout)")
        #expect(!(run.stdout + run.stderr).contains("top-secret-key"))
        let json = try await TesseraBinary.run(
            ["run", "--full-refresh", "--format", "json"], in: dir.url, environment: ["OL_KEY": "top-secret-key"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((document["warnings"] as? [String])?.count == 1)
    }

    @Test func aWrongBlockIsAValidationErrorWithItsPlace() async throws {
        let dir = try mesh("openlineage: {transport: kafka}\n")
        let validate = try await TesseraBinary.run(["validate"], in: dir.url)
        #expect(validate.status == 2)
        #expect(
            validate.stdout.contains("tessera.yaml:3:") || validate.stderr.contains("tessera.yaml:3:"),
            "\(validate.stdout)\(validate.stderr)")
    }
}
