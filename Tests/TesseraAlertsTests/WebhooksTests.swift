import Foundation
import Testing
import TesseraAlerts
import TesseraModel

/// Which webhooks an event goes to: tessera.yaml's for every domain, a domain's for its own; each
/// only for the events its `on` lists; one whose variable is not set for none. A webhook's key
/// follows its URL and format, so a changed URL is another webhook.
@Suite struct WebhooksTests {
    static func rule(_ url: String, _ events: [AlertRule.Event] = AlertRule.Event.allCases, set: Bool = true)
        -> AlertRule
    {
        AlertRule(
            webhook: ConfigString(template: "${HOOK}", value: set ? url : "", variables: ["HOOK"]), events: events,
            isDeliverable: set, location: SourceLocation(file: "tessera.yaml"))
    }

    static func event(_ kind: AlertRule.Event, domain: String) -> AlertEvent {
        AlertEvent(
            kind: kind, domain: domain, node: "\(domain).x", runID: "r", environment: "dev", time: Date(),
            message: "m")
    }

    @Test func eventsGoToTheMeshsAndTheirDomainsWebhooksThatWantThem() {
        let mesh = Webhook(
            place: "tessera.yaml alerts[1]", rule: Self.rule("https://a.example/1", [.runFailed]), domain: nil)
        let sales = Webhook(
            place: "domains/sales/domain.yaml alerts[1]", rule: Self.rule("https://b.example/2"), domain: "sales")
        let unset = Webhook(place: "tessera.yaml alerts[2]", rule: Self.rule("", set: false), domain: nil)
        #expect(mesh.receives(Self.event(.runFailed, domain: "finance")))
        #expect(!mesh.receives(Self.event(.drift, domain: "sales")))
        #expect(sales.receives(Self.event(.drift, domain: "sales")))
        #expect(!sales.receives(Self.event(.drift, domain: "finance")))
        let webhooks = Webhooks([mesh, sales, unset])
        #expect(webhooks.routes(Self.event(.runFailed, domain: "sales")).map(\.place) == [mesh.place, sales.place])
        #expect(webhooks.routes(Self.event(.warnChecks, domain: "finance")).isEmpty)
        #expect(webhooks.webhook(key: sales.key)?.place == sales.place)
        #expect(webhooks.webhook(key: unset.key) == nil && webhooks.isUnset(at: unset.place))
    }

    @Test func theKeyFollowsTheURLAndFormatAndHidesThem() {
        let one = Webhook(place: "p", rule: Self.rule("https://hooks.example.com/T/B/secret"), domain: nil)
        let same = Webhook(place: "q", rule: Self.rule("https://hooks.example.com/T/B/secret"), domain: "d")
        var slack = Self.rule("https://hooks.example.com/T/B/secret")
        slack.format = .slack
        let other = Webhook(place: "p", rule: Self.rule("https://hooks.example.com/T/B/rotated"), domain: nil)
        #expect(one.key == same.key)
        #expect(one.key != Webhook(place: "p", rule: slack, domain: nil).key)
        #expect(one.key != other.key)
        #expect(one.key.count == 16 && !one.key.contains("secret"))
        #expect(one.host == "hooks.example.com")
    }
}
