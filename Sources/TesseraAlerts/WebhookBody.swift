import Foundation
import TesseraModel

/// What is posted to a webhook: `slack`, a `{"text": …}` one-liner Slack (and Mattermost, Teams'
/// incoming webhooks, Discord's `/slack` endpoint) shows as a message; `json`, the event's fields.
public enum WebhookBody {
    public static func render(_ event: AlertEvent, as format: AlertRule.Format) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        switch format {
        case .json:
            return (try? encoder.encode(event)) ?? Data()
        case .slack:
            return (try? encoder.encode(["text": text(event)])) ?? Data()
        }
    }

    /// `[tessera] run failed in sales: sales.orders: <message> (environment dev, run 20261206…)`.
    public static func text(_ event: AlertEvent) -> String {
        let title = event.kind.rawValue.replacingOccurrences(of: "_", with: " ")
        var place = ["environment \(event.environment)"]
        if let run = event.runID { place.append("run \(run)") }
        let node = event.node.map { "\($0): " } ?? ""
        return "[tessera] \(title) in \(event.domain): \(node)\(event.message) (\(place.joined(separator: ", ")))"
    }
}
