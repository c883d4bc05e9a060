/// One entry of `alerts:` in tessera.yaml or domain.yaml: a webhook and the events it receives.
///
/// The webhook URL is a credential — whoever has it can post to the channel — so it is kept as a
/// ``ConfigString`` and in ``Project/secretRedactor``, and ``description`` never shows it.
public struct AlertRule: Sendable, Hashable, CustomStringConvertible {
    /// How the message is laid out.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        /// A Slack-compatible `{"text": …}` body.
        case slack
        /// A generic JSON document with the event's fields.
        case json
    }

    /// What is worth telling a domain's owners.
    public enum Event: String, Sendable, Hashable, Codable, CaseIterable {
        case runFailed = "run_failed"
        case publishBlocked = "publish_blocked"
        case slaMissed = "sla_missed"
        case drift
        case warnChecks = "warn_checks"
    }

    public var webhook: ConfigString
    public var format: Format
    public var events: [Event]
    /// False when a variable the webhook names is not set: nothing is sent to it until it is.
    public var isDeliverable: Bool
    public var location: SourceLocation

    public init(
        webhook: ConfigString, format: Format = .json, events: [Event] = Event.allCases, isDeliverable: Bool = true,
        location: SourceLocation
    ) {
        self.webhook = webhook
        self.format = format
        self.events = events
        self.isDeliverable = isDeliverable
        self.location = location
    }

    /// `json webhook ${SLACK_WEBHOOK} (declared at tessera.yaml:4:5): run_failed, drift`; a
    /// webhook written literally shows as its host.
    public var description: String {
        "\(format.rawValue) webhook \(Self.display(webhook)) (declared at \(location)): "
            + events.map(\.rawValue).joined(separator: ", ")
    }

    /// The template when it names a variable, else the scheme and host only.
    static func display(_ webhook: ConfigString) -> String {
        if webhook.template.contains("${") { return webhook.template }
        guard let scheme = webhook.value.range(of: "://") else { return SecretRedactor.mask }
        let rest = webhook.value[scheme.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return "\(webhook.value[..<scheme.upperBound])\(host.split(separator: "@").last ?? "")/\(SecretRedactor.mask)"
    }
}
