import Foundation
import Testing
import TesseraCore
import TesseraServer

/// Run triggers and cancellation through the API: the owners and developers of a domain queue its
/// runs (once per idempotency key) and cancel them; a `reader` member and other domains' people are
/// refused with 403; every request is in the audit log.
@Suite(.serialized) struct QueueRoutesTests {
    @Test func anOwnerQueuesAndCancelsARunAndAReaderIsRefused() async throws {
        let mesh = try await APITestMesh()
        let ana = try await mesh.token("ana@acme.example")
        let mia = try await mesh.token("mia@acme.example")
        try await mesh.serving { base in
            let ask = #"{"select": ["sales.orders"], "idempotencyKey": "nightly-1"}"#
            let queued = try await Curl.call("\(base)/api/v1/runs", token: ana, method: "POST", body: ask)
            #expect(queued.status == 202, "\(queued.body)")
            let run = try queued.json()
            let id = try #require(run["id"] as? String)
            #expect(run["state"] as? String == "queued")
            #expect(run["trigger"] as? String == "api")
            #expect(run["requestedBy"] as? String == "ana@acme.example")
            #expect(run["nodes"] as? [String] == ["model.sales.orders", "product.sales.orders"])
            // The same key gives back the same run.
            let again = try await Curl.call("\(base)/api/v1/runs", token: ana, method: "POST", body: ask)
            #expect(try again.json()["id"] as? String == id)

            // mia reads sales.customers but runs nothing: not sales', and a reader in marketing.
            for selection in ["sales.orders", "marketing.campaigns"] {
                let refused = try await Curl.call(
                    "\(base)/api/v1/runs", token: mia, method: "POST", body: #"{"select": ["\#(selection)"]}"#)
                #expect(refused.status == 403, "\(selection): \(refused.body)")
                #expect(refused.errorCode == "forbidden")
            }
            // Nor does she see or cancel sales' run.
            #expect(try await Curl.call("\(base)/api/v1/queue/\(id)", token: mia).status == 404)
            #expect(try await Curl.call("\(base)/api/v1/queue/\(id)/cancel", token: mia, method: "POST").status == 404)

            let cancelled = try await Curl.call("\(base)/api/v1/queue/\(id)/cancel", token: ana, method: "POST")
            #expect(cancelled.status == 200, "\(cancelled.body)")
            #expect(try cancelled.json()["state"] as? String == "cancelled")
            let status = try await Curl.call("\(base)/api/v1/automation", token: ana)
            #expect(status.status == 200, "\(status.body)")
        }
        let audited = try await mesh.workspace.audit.entries(limit: 20, action: nil)
        #expect(
            audited.filter { $0.action == "run.trigger" }.map(\.outcome).sorted() == [
                "queued", "queued", "refused", "refused",
            ])
        #expect(audited.contains { $0.action == "run.cancel" && $0.outcome == "cancelled" })
    }
}
