import Crypto
import Foundation
import TesseraModel

/// One webhook the project declares, where it is declared and a key for its URL. The outbox
/// names a webhook by these two, never by its URL (a credential); delivery finds the webhook again
/// by its key, so a URL that changed in between is a webhook that is gone.
public struct Webhook: Sendable, Hashable {
    /// `tessera.yaml alerts[1]` or `domains/sales/domain.yaml alerts[2]`.
    public var place: String
    /// The first 16 hex digits of SHA-256 over the format and the URL.
    public var key: String
    public var rule: AlertRule
    /// The domain whose events it receives; nil for tessera.yaml's, which receive every domain's.
    public var domain: String?

    public init(place: String, rule: AlertRule, domain: String?) {
        self.place = place
        self.rule = rule
        self.domain = domain
        let digest = SHA256.hash(data: Data("\(rule.format.rawValue)\n\(rule.webhook.value)".utf8))
        key = String(digest.map { String(format: "%02x", $0) }.joined().prefix(16))
    }

    /// The webhook's host, the one part of its URL a message may name.
    public var host: String { URL(string: rule.webhook.value)?.host ?? "the webhook" }

    /// Whether this webhook wants `event`: its domain (or every domain) and its `on`.
    public func receives(_ event: AlertEvent) -> Bool {
        (domain == nil || domain == event.domain) && rule.events.contains(event.kind)
    }
}

/// Every webhook of a project, in the order declared: tessera.yaml's, then each domain's.
public struct Webhooks: Sendable {
    public let all: [Webhook]

    public init(_ all: [Webhook]) { self.all = all }

    public init(_ project: Project) {
        var all: [Webhook] = []
        for (index, rule) in project.mesh.alerts.enumerated() {
            all.append(Webhook(place: "tessera.yaml alerts[\(index + 1)]", rule: rule, domain: nil))
        }
        for domain in project.domains {
            for (index, rule) in domain.alerts.enumerated() {
                all.append(
                    Webhook(
                        place: "domains/\(domain.name)/domain.yaml alerts[\(index + 1)]", rule: rule,
                        domain: domain.name))
            }
        }
        self.init(all)
    }

    /// The webhooks an event goes to. A webhook whose variable is not set receives nothing (the
    /// project's validation warns about it).
    public func routes(_ event: AlertEvent) -> [Webhook] {
        all.filter { $0.rule.isDeliverable && $0.receives(event) }
    }

    /// The deliverable webhook with this key; nil when the project no longer declares it.
    public func webhook(key: String) -> Webhook? {
        all.first { $0.key == key && $0.rule.isDeliverable }
    }

    /// Whether a webhook is declared at `place` but waits for its variable to be set.
    public func isUnset(at place: String) -> Bool {
        all.contains { $0.place == place && !$0.rule.isDeliverable }
    }
}
