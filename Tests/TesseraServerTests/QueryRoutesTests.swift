import Foundation
import Testing
import TesseraCore
import TesseraServer

/// `POST /api/v1/query`: SQL over products as the caller, streamed as JSON lines, CSV or JSON;
/// refused with 403 for a product the caller may not read; masked outside the owning domain;
/// audited.
@Suite(.serialized) struct QueryRoutesTests {
    static func body(_ sql: String, _ format: String? = nil) -> String {
        let object: [String: String] = format.map { ["sql": sql, "format": $0] } ?? ["sql": sql]
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func anOwnerStreamsAWholeResultAsJSONLines() async throws {
        let mesh = try await APITestMesh()
        let ana = try await mesh.token("ana@acme.example")
        try await mesh.serving { base in
            let answer = try await Curl.call(
                "\(base)/api/v1/query", token: ana, method: "POST",
                body: Self.body("select order_id, amount from sales.orders order by order_id"))
            #expect(answer.status == 200, "\(answer.body.prefix(300))")
            #expect(answer.headers["content-type"]?.hasPrefix("application/jsonl") == true)
            // Streamed: chunked, with no length known beforehand.
            #expect(answer.headers["transfer-encoding"] == "chunked")
            let lines = answer.body.split(separator: "\n")
            #expect(lines.count == 30000)
            #expect(lines.first == #"{"order_id":0,"amount":0.0}"#)
            #expect(lines.last == #"{"order_id":29999,"amount":74997.5}"#)

            let csv = try await Curl.call(
                "\(base)/api/v1/query", token: ana, method: "POST",
                body: Self.body("select customer_id, email from sales.customers order by 1", "csv"))
            #expect(csv.body == "customer_id,email\n1,ann@example.com\n2,bob@example.com\n")
        }
        // The query went to the audit log as ana's.
        let audited = try await mesh.workspace.audit.entries(limit: 10, action: "query")
        #expect(audited.contains { $0.detail.contains("ana@acme.example") })
    }

    @Test func aReaderOfAnotherDomainIsRefusedAndReadsMasked() async throws {
        let mesh = try await APITestMesh()
        let mia = try await mesh.token("mia@acme.example")
        try await mesh.serving { base in
            let refused = try await Curl.call(
                "\(base)/api/v1/query", token: mia, method: "POST", body: Self.body("select * from sales.orders"))
            #expect(refused.status == 403, "\(refused.body)")
            #expect(refused.errorCode == "forbidden")
            let masked = try await Curl.call(
                "\(base)/api/v1/query", token: mia, method: "POST",
                body: Self.body("select email from sales.customers order by customer_id", "json"))
            #expect(masked.status == 200)
            #expect(!masked.body.contains("ann@example.com"))
            let wrong = try await Curl.call(
                "\(base)/api/v1/query", token: mia, method: "POST", body: Self.body("select nope from sales.customers"))
            #expect(wrong.status == 400)
            #expect(wrong.errorCode == "bad_request")
            let notJSON = try await Curl.call("\(base)/api/v1/query", token: mia, method: "POST", body: "select 1")
            #expect(notJSON.status == 400)
        }
    }

    @Test func aClientThatStopsReadingDoesNotStopTheServer() async throws {
        let mesh = try await APITestMesh()
        let ana = try await mesh.token("ana@acme.example")
        try await mesh.serving { base in
            // curl gives up after the first bytes (--max-filesize is checked as it receives).
            for _ in 0..<3 {
                _ = try? await Curl.call(
                    "\(base)/api/v1/query", token: ana, method: "POST",
                    body: Self.body("select a.order_id from sales.orders a, sales.orders b where b.order_id < 40"),
                    extra: ["--limit-rate", "100K", "--max-time", "1"])
            }
            #expect(try await Curl.call("\(base)/healthz").status == 200)
            let count = try await Curl.call(
                "\(base)/api/v1/query", token: ana, method: "POST",
                body: Self.body("select count(*) as n from sales.orders"))
            #expect(count.body == "{\"n\":30000}\n")
        }
    }
}
