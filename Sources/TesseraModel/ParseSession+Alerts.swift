import Foundation
import Yams

extension ParseSession {
    /// `alerts:` of tessera.yaml or domain.yaml: a list of `{webhook, format, on}`.
    func readAlerts(_ root: MappingReader) -> [AlertRule] {
        guard let items = root.list("alerts") else { return [] }
        return items.enumerated().compactMap { index, item in
            readAlert(item, path: "alerts[\(index + 1)]", reader: root.reader)
        }
    }

    private func readAlert(_ node: Node, path: String, reader: YAMLReader) -> AlertRule? {
        guard let block = reader.mapping(node, path: path) else { return nil }
        block.allowKeys(ParseSession.alertKeys)
        let format = block.enumeration("format", as: AlertRule.Format.self) ?? .json
        var events = AlertRule.Event.allCases
        if let list = block.strings("on") {
            events = []
            for (_, eventNode) in list {
                guard let event = reader.enumeration(eventNode, path: "\(path).on", as: AlertRule.Event.self) else {
                    continue
                }
                if !events.contains(event) { events.append(event) }
            }
            if list.isEmpty {
                reader.error(
                    "'\(path).on' is empty", at: block.value("on"),
                    hint: "list the events, or leave `on` out for all of them: "
                        + AlertRule.Event.allCases.map(\.rawValue).joined(separator: ", "))
            }
        }
        guard
            let webhookNode = block.required(
                "webhook", hint: "the URL to post to, from the environment: `webhook: \"${SLACK_WEBHOOK}\"`"),
            let (webhook, deliverable) = readWebhook(webhookNode, path: "\(path).webhook", reader: reader)
        else { return nil }
        return AlertRule(
            webhook: webhook, format: format, events: events, isDeliverable: deliverable, location: block.location)
    }

    /// A webhook URL: `${NAME}` (best: the URL is a credential and stays out of git) or an http(s)
    /// URL. A variable that is not set is a warning, not an error: alerts matter only to the
    /// service, and every other command must keep working without its secrets. Messages never
    /// show the URL.
    func readWebhook(_ node: Node, path: String, reader: YAMLReader, receives: String = "alerts") -> (
        ConfigString, Bool
    )? {
        guard case let .scalar(scalar) = node else {
            reader.error("'\(path)' must be a string, found \(node.kindDescription)", at: node)
            return nil
        }
        let hint = "write `webhook: \"${SLACK_WEBHOOK}\"` and set SLACK_WEBHOOK to the URL (https://…)"
        let (resolved, problems) = ConfigString.resolve(scalar.string, environment: environment)
        var unset: [String] = []
        for problem in problems {
            switch problem {
            case let .unset(name): unset.append(name)
            case let .invalidReference(name):
                reader.error(
                    "'${\(name)}' in '\(path)' is not a valid environment variable reference", at: node, hint: hint)
                return nil
            case .unterminated:
                reader.error("'${' without a closing '}' in '\(path)'", at: node, hint: hint)
                return nil
            }
        }
        if !unset.isEmpty {
            reader.warning(
                "environment variable '\(unset[0])' is not set (used by '\(path)'): this webhook receives no \(receives)",
                at: node, hint: "set \(unset[0]) in the environment that runs `tessera serve`")
            return (resolved, false)
        }
        guard Self.isWebURL(resolved.value) else {
            let subject =
                resolved.isSecret
                ? "the value of \(resolved.variables.map { "${\($0)}" }.joined(separator: ", ")) in '\(path)'"
                : "'\(path)'"
            reader.error("\(subject) is not an http:// or https:// URL", at: node, hint: hint)
            return nil
        }
        return (resolved, true)
    }

    static func isWebURL(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host
        else { return false }
        return !host.isEmpty
    }
}
