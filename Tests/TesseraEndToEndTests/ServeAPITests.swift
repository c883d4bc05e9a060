import Foundation
import Testing

/// The HTTP API of `tessera serve` through the real binary on a free port: each way a token fails
/// is a 401 with its code, a reader of marketing finds no trace of sales' private product and is
/// refused a query over it, the owner reads it, and serve.json says where the API listens.
@Suite(.serialized) struct ServeAPITests {
    static let files: [String: String] = [
        "tessera.yaml": """
        mesh: acme
        governance: {require_description: false, require_classification: false}

        """,
        "domains/sales/domain.yaml": """
        owner: sales@acme.example
        members:
          - {name: ana@acme.example, role: owner}

        """,
        "domains/sales/models/orders.sql": "select 1 as order_id, 10.5::DOUBLE as amount\n",
        "domains/sales/products/orders.yaml": """
        contract:
          columns:
            - {name: order_id, type: INTEGER}
            - {name: amount, type: DOUBLE}
        access:
          readers: []

        """,
        "domains/marketing/domain.yaml": """
        owner: marketing@acme.example
        members:
          - {name: mia@acme.example, role: reader}

        """,
        "domains/marketing/models/campaigns.sql": "select 1 as campaign_id\n",
    ]

    /// `tessera token create … --format json` → (id, token).
    func token(_ principal: String, expires: String? = nil, in dir: TemporaryDirectory) async throws -> (String, String)
    {
        let outcome = try await TesseraBinary.run(
            ["token", "create", "--principal", principal, "--format", "json"]
                + (expires.map { ["--expires", $0] } ?? []),
            in: dir.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        return (try #require(json["id"] as? String), try #require(json["token"] as? String))
    }

    /// curl's status code and body.
    func call(_ url: String, _ authorization: String?, method: String = "GET", body: String? = nil) async throws -> (
        Int, String
    ) {
        var arguments = ["-s", "-S", "-o", "-", "-w", "\n%{http_code}", "-X", method, "--max-time", "30"]
        if let authorization { arguments += ["-H", "Authorization: \(authorization)"] }
        if let body { arguments += ["-H", "Content-Type: application/json", "--data-binary", body] }
        let outcome = try await ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/curl"), arguments + [url])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let status = Int(outcome.stdout.split(separator: "\n").last ?? "") ?? 0
        return (status, String(outcome.stdout.split(separator: "\n").dropLast().joined(separator: "\n")))
    }

    @Test func tokensAndPolicyThroughTheRunningService() async throws {
        let dir = try TemporaryDirectory()
        for (path, text) in Self.files { try dir.write(path, text) }
        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 0)
        let (_, ana) = try await token("ana@acme.example", in: dir)
        let (_, mia) = try await token("mia@acme.example", in: dir)
        let (_, expiring) = try await token("ana@acme.example", expires: "1s", in: dir)
        let (revokedID, revoked) = try await token("ana@acme.example", in: dir)
        await #expect(try TesseraBinary.run(["token", "revoke", revokedID], in: dir.url).status == 0)

        let service = try ServeTests.Service(dir, clock: "2026-12-06T05:00:00Z")
        defer { _ = service.stop() }
        try await service.waitFor("listening")
        let line = try #require(service.lines("listening").first)
        let base = try #require(line.split(separator: "url=").last.map(String.init))
        let info =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: dir.url.appendingPathComponent(".tessera/dev/serve.json"))) as? [String: Any]
        #expect(info?["host"] as? String == "127.0.0.1")
        #expect(base.hasSuffix(":\(info?["port"] as? Int ?? -1)"))
        try await Task.sleep(for: .seconds(1.2))  // the 1 s token expires

        let url = "\(base)/api/v1/products/sales/orders"
        for (header, code) in [
            (nil, "token_missing"), ("Bearer tsr_wrong", "token_malformed"),
            ("Bearer \(ana.dropLast(3))xyz", "token_unknown"), ("Bearer \(expiring)", "token_expired"),
            ("Bearer \(revoked)", "token_revoked"),
        ] as [(String?, String)] {
            let (status, body) = try await call(url, header)
            #expect(status == 401, "\(code): \(body)")
            #expect(body.contains("\"code\":\"\(code)\""), "\(body)")
        }
        let (owner, page) = try await call(url, "Bearer \(ana)")
        #expect(owner == 200, "\(page)")
        #expect(page.contains("\"name\":\"sales.orders\""))
        let (reader, hidden) = try await call(url, "Bearer \(mia)")
        #expect(reader == 404, "\(hidden)")
        let query = #"{"sql": "select * from sales.orders"}"#
        let (refused, why) = try await call("\(base)/api/v1/query", "Bearer \(mia)", method: "POST", body: query)
        #expect(refused == 403, "\(why)")
        let (allowed, rows) = try await call("\(base)/api/v1/query", "Bearer \(ana)", method: "POST", body: query)
        #expect(allowed == 200)
        #expect(rows == #"{"order_id":1,"amount":10.5}"#)
        await #expect(try call("\(base)/healthz", nil).0 == 200)

        #expect(service.stop() == 0, "\(service.text)")
        #expect(!service.text.contains(ana), "a token in the log")
    }

    @Test func aTakenPortStopsServeWithTheReason() async throws {
        let dir = try TemporaryDirectory()
        for (path, text) in Self.files { try dir.write(path, text) }
        let blocker = try ServeTests.Service(dir, clock: "2026-12-06T05:00:00Z")
        defer { _ = blocker.stop() }
        let other = try TemporaryDirectory()
        for (path, text) in Self.files { try other.write(path, text) }
        // Wait until the first one listens, then ask for its port.
        var port: String?
        for _ in 0..<600 where port == nil {
            port = blocker.lines("listening").first?.split(separator: ":").last.map(String.init)
            if port == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        let taken = try #require(port)
        let outcome = try await TesseraBinary.run(["serve", "--port", taken], in: other.url)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("cannot listen on 127.0.0.1:\(taken)"), "\(outcome.stderr)")
    }
}
