import Foundation
import Testing
import TesseraAlerts
import TesseraModel

/// What a webhook receives: Slack's `{"text": …}` one-liner, or the event's fields as JSON.
@Suite struct WebhookBodyTests {
    static let event = AlertEvent(
        kind: .runFailed, domain: "sales", node: "sales.orders", runID: "20261206-1405-abcd", environment: "dev",
        time: Date(timeIntervalSince1970: 1_796_565_900), message: "sales.orders failed (build): no such table")

    func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func slackIsOneReadableLineNamingDomainNodeAndRun() throws {
        let body = try object(WebhookBody.render(Self.event, as: .slack))
        #expect(body.keys.sorted() == ["text"])
        #expect(
            body["text"] as? String
                == "[tessera] run failed in sales: sales.orders: sales.orders failed (build): no such table "
                + "(environment dev, run 20261206-1405-abcd)")
    }

    @Test func jsonCarriesTheEventsFieldsAndReadsBack() throws {
        let data = WebhookBody.render(Self.event, as: .json)
        let body = try object(data)
        #expect(body["event"] as? String == "run_failed")
        #expect(body["domain"] as? String == "sales")
        #expect(body["node"] as? String == "sales.orders")
        #expect(body["runId"] as? String == "20261206-1405-abcd")
        #expect(body["environment"] as? String == "dev")
        #expect(body["time"] as? String == "2026-12-06T14:05:00.000Z")
        #expect(body["message"] as? String == Self.event.message)
        #expect(try JSONDecoder().decode(AlertEvent.self, from: data) == Self.event)
    }

    @Test func anSLAMissHasNoRunAndSaysHowOldTheDataIs() throws {
        let event = AlertEvent.slaMissed(
            node: NodeID(.product, "sales", "orders"), freshness: TimeSpan(seconds: 86_400),
            lastData: Date(timeIntervalSince1970: 1_796_479_500), environment: "prod",
            time: Date(timeIntervalSince1970: 1_796_565_900))
        let body = try object(WebhookBody.render(event, as: .json))
        #expect(body["event"] as? String == "sla_missed")
        #expect(body["runId"] is NSNull, "every key is present, absent values as null")
        #expect(
            event.message == "sales.orders is past its freshness SLA of 1d: its data is from 2026-12-05 14:05:00 UTC")
    }
}
