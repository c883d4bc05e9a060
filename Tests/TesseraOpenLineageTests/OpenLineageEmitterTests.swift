import Foundation
import Testing
@testable import TesseraOpenLineage

/// The emitter and both transports against a real file and a real HTTP server: events arrive in
/// order and whole; a failing, dead or slow server costs a bounded time and leaves one warning
/// that names the URL and never the key.
@Suite struct OpenLineageEmitterTests {
    static let namespace = "acme"

    static func events(_ count: Int) -> [RunEvent] {
        let parent = OpenLineage.runID()
        return (0..<count).map { n in
            RunEvent(
                eventType: n == 0 ? .start : .complete,
                eventTime: Date(timeIntervalSince1970: 1_795_428_900 + Double(n)),
                run: .init(
                    runId: OpenLineage.runID(),
                    facets: RunFacets(parent: ParentRunFacet(runId: parent, namespace: namespace, name: "run"))),
                job: .init(
                    namespace: namespace, name: "sales.orders",
                    facets: .init(jobType: JobTypeJobFacet(jobType: "PRODUCT"))),
                inputs: [.init(namespace: namespace, name: "sales.main.orders")],
                outputs: [
                    .init(
                        namespace: namespace, name: "sales.orders",
                        facets: DatasetFacets(
                            schema: SchemaDatasetFacet(fields: [.init(name: "order_id", type: "BIGINT")]),
                            columnLineage: ColumnLineageDatasetFacet(fields: [
                                "order_id": .init(inputFields: [
                                    .init(namespace: namespace, name: "sales.main.orders", field: "order_id")
                                ])
                            ]),
                            version: DatasetVersionDatasetFacet(datasetVersion: "sales.orders@r\(n)")))
                ])
        }
    }

    func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func anEventEncodesWithTheSpecsNamesAndNoEmptyFacets() throws {
        let json = try object(try Self.events(1)[0].json())
        #expect(json["eventType"] as? String == "START")
        #expect(json["eventTime"] as? String == "2026-11-23T10:15:00.000Z")
        #expect(json["schemaURL"] as? String == "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent")
        #expect(json["producer"] as? String == OpenLineage.producer)
        let run = try #require(json["run"] as? [String: Any])
        #expect(UUID(uuidString: run["runId"] as? String ?? "") != nil)
        let facets = try #require(run["facets"] as? [String: Any])
        #expect(facets.keys.sorted() == ["parent"])  // errorMessage is nil: left out, not null
        let parent = try #require(facets["parent"] as? [String: Any])
        #expect(parent["_producer"] as? String == OpenLineage.producer)
        #expect((parent["_schemaURL"] as? String)?.hasSuffix("ParentRunFacet.json#/$defs/ParentRunFacet") == true)
        let inputs = try #require(json["inputs"] as? [[String: Any]])
        #expect((inputs.first?["facets"] as? [String: Any])?.isEmpty == true)
    }

    @Test func theFileTransportAppendsOneLinePerEvent() async throws {
        let folder = try TemporaryDirectory()
        let file = folder.file("nested/events.jsonl")
        for round in 0..<2 {
            let emitter = OpenLineageEmitter(transport: FileTransport(file: file))
            for event in Self.events(3) { emitter.emit(event) }
            #expect(await emitter.finish(grace: .seconds(5)).isEmpty)
            let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 3 * (round + 1))
            #expect(try lines.allSatisfy { try object(Data($0.utf8))["eventType"] != nil })
        }
    }

    @Test func theHTTPTransportPostsEveryEventInOrderWithTheKey() async throws {
        let server = try await LineageServer.start()
        // Timeouts far above what a request takes: this test is about order and content, and the
        // whole suite running at once on two cores can keep a request waiting for seconds.
        let transport = try HTTPTransport(
            url: server.baseURL, endpoint: "api/v1/lineage", apiKey: "s3cret", timeout: 30)
        let emitter = OpenLineageEmitter(transport: transport)
        let events = Self.events(5)
        for event in events { emitter.emit(event) }
        #expect(await emitter.finish(grace: .seconds(120)).isEmpty)
        await server.stop()
        let requests = await server.log.entries
        #expect(requests.count == 5)
        #expect(requests.allSatisfy { $0.path == "/api/v1/lineage" })
        #expect(requests.allSatisfy { $0.headers["authorization"] == "Bearer s3cret" })
        #expect(requests.allSatisfy { $0.headers["content-type"] == "application/json" })
        let runIDs = try requests.map {
            try #require((try object($0.body)["run"] as? [String: Any])?["runId"] as? String)
        }
        #expect(runIDs == events.map(\.run.runId))
    }

    @Test func aFailingServerIsOneWarningWithTheURLAndNotTheKey() async throws {
        let server = try await LineageServer.start()
        let emitter = OpenLineageEmitter(
            transport: try HTTPTransport(url: server.baseURL + "/", endpoint: "/fail", apiKey: "s3cret", timeout: 30))
        for event in Self.events(4) { emitter.emit(event) }
        let warnings = await emitter.finish(grace: .seconds(120))
        await server.stop()
        #expect(
            warnings == ["OpenLineage: 4 of 4 events not sent to \(server.baseURL)/fail: the server answered HTTP 500"])
        #expect(await server.log.entries.count == 1)  // the rest were not tried
    }

    @Test func aDeadServerCostsNoTimeout() async throws {
        let server = try await LineageServer.start()
        let url = server.baseURL
        await server.stop()  // nothing listens on that port any more
        let emitter = OpenLineageEmitter(
            transport: try HTTPTransport(url: url, endpoint: "api/v1/lineage", apiKey: "s3cret", timeout: 60))
        for event in Self.events(20) { emitter.emit(event) }
        let warnings = await emitter.finish(grace: .seconds(300))
        // The refused connection ended it, not the 60 s timeout (the reason says which; a bound
        // on the time would fail on a machine busy enough to delay the emitter itself).
        #expect(warnings.first?.contains("could not connect") == true, "\(warnings)")
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("20 of 20 events not sent to \(url)/api/v1/lineage") == true, "\(warnings)")
        #expect(warnings.first?.contains("s3cret") == false)
    }

    @Test func aSlowServerIsCutOffByTheTimeout() async throws {
        let server = try await LineageServer.start()
        let emitter = OpenLineageEmitter(
            transport: try HTTPTransport(url: server.baseURL, endpoint: "slow", apiKey: nil, timeout: 1))
        let clock = ContinuousClock()
        let started = clock.now
        // 60 events: waiting for each would take 60 s at least, waiting once about 1 s; the bound
        // in between leaves room for a machine busy with the rest of the suite (17 s was seen
        // with three builds running beside it).
        for event in Self.events(60) { emitter.emit(event) }
        let warnings = await emitter.finish(grace: .seconds(300))
        #expect(clock.now - started >= .seconds(0.9))  // it did wait for the server…
        #expect(await server.log.count("/slow") == 1)  // …once, not once per event
        #expect(warnings.first?.contains("not sent to \(server.baseURL)/slow") == true, "\(warnings)")
        await server.stop()
    }

    @Test func aURLWithCredentialsIsNamedWithoutThem() throws {
        let transport = try HTTPTransport(
            url: "https://bob:pw@lineage.example:5000", endpoint: "api/v1/lineage", apiKey: "k", timeout: 1)
        #expect(transport.destination == "https://lineage.example:5000/api/v1/lineage")
        #expect(throws: TransportError.self) {
            try HTTPTransport(url: "ftp://x", endpoint: "y", apiKey: nil, timeout: 1)
        }
    }
}
