import Foundation
import Yams

extension ParseSession {
    static let deliveryKeys = ["schedule", "as", "format", "paper", "params", "to", "retries"]
    static let destinationKeys = ["folder", "webhook", "headers"]

    /// A dashboard's `deliver:`. What the file alone can tell is checked here, at its place:
    /// the schedule, that `as` is a domain the dashboard is shown to, that each parameter exists
    /// (a date range's value parses), the destinations.
    func readDeliveries(_ root: MappingReader, of dashboard: Dashboard) -> [DashboardDelivery] {
        guard let items = root.list("deliver") else { return [] }
        return items.enumerated().compactMap { index, node in
            root.reader.mapping(node, path: "deliver[\(index + 1)]").flatMap {
                readDelivery($0, index: index + 1, of: dashboard)
            }
        }
    }

    private func readDelivery(_ mapping: MappingReader, index: Int, of dashboard: Dashboard) -> DashboardDelivery? {
        let reader = mapping.reader
        mapping.allowKeys(ParseSession.deliveryKeys)
        let scheduleNode = mapping.required("schedule", hint: "a cron schedule, e.g. `schedule: \"0 7 * * 1\"` (UTC)")
        let schedule = scheduleNode.flatMap { readSchedule($0, path: mapping.qualified("schedule"), reader: reader) }
        let viewer = mapping.identifier("as") ?? dashboard.domain
        if viewer != dashboard.domain, !dashboard.readers.contains(viewer) {
            reader.error(
                "'\(mapping.qualified("as"))': domain \(viewer) may not be shown this dashboard",
                at: mapping.value("as"),
                hint: "a delivery is rendered as the owning domain (\(dashboard.domain)) or one of `readers:`"
                    + (dashboard.readers.isEmpty ? "" : " (\(dashboard.readers.joined(separator: ", ")))"))
        }
        let format = mapping.enumeration("format", as: DashboardDelivery.Format.self) ?? .pdf
        let paper = mapping.identifier("paper") ?? "a4"
        if !["a4", "letter"].contains(paper) {
            reader.error("invalid paper '\(paper)'", at: mapping.value("paper"), hint: "a4 or letter")
        }
        let parameters = readDeliveryParameters(mapping, of: dashboard)
        let destinations = readDestinations(mapping)
        let retries = mapping.mapping("retries").flatMap(readRetries) ?? RetryPolicy()
        guard let schedule, !destinations.isEmpty else { return nil }
        return DashboardDelivery(
            index: index, schedule: schedule, viewer: viewer, format: format, paper: paper, parameters: parameters,
            destinations: destinations, retries: retries, location: mapping.location)
    }

    /// `params: {period: last_7_days, region: north}`: each one of the dashboard's parameters.
    private func readDeliveryParameters(_ mapping: MappingReader, of dashboard: Dashboard) -> [String: String] {
        guard let block = mapping.mapping("params") else { return [:] }
        var values: [String: String] = [:]
        for entry in block.entries {
            guard let parameter = dashboard.parameter(named: entry.key) else {
                let known = dashboard.parameters.map(\.name)
                mapping.reader.error(
                    "'\(block.qualified(entry.key))': the dashboard has no parameter '\(entry.key)'", at: entry.keyNode,
                    hint: known.isEmpty
                        ? "it takes no parameters"
                        : didYouMean(entry.key, among: known) ?? "its parameters: \(known.joined(separator: ", "))")
                continue
            }
            guard let value = mapping.reader.text(entry.value, path: block.qualified(entry.key)) else { continue }
            if case .dateRange = parameter.kind,
                DateRangeText.parse(value, today: DateRangeText.Day(year: 2000, month: 1, day: 1)) == nil
            {
                mapping.reader.error("invalid date range '\(value)'", at: entry.value, hint: DateRangeText.hint)
                continue
            }
            values[entry.key] = value
        }
        return values
    }

    /// `to:` one destination or a list of them.
    private func readDestinations(_ mapping: MappingReader) -> [DashboardDelivery.Destination] {
        let hint = "e.g. `to: [{folder: reports/}, {webhook: \"${REPORTS_WEBHOOK}\"}]`"
        guard let node = mapping.required("to", hint: hint) else { return [] }
        let path = mapping.qualified("to")
        let nodes: [(Node, String)]
        if case .sequence(let sequence) = node {
            nodes = sequence.enumerated().map { ($0.element, "\(path)[\($0.offset + 1)]") }
        } else {
            nodes = [(node, path)]
        }
        if nodes.isEmpty { mapping.reader.error("'\(path)' is empty", at: node, hint: hint) }
        return nodes.compactMap { readDestination($0.0, path: $0.1, reader: mapping.reader) }
    }

    private func readDestination(_ node: Node, path: String, reader: YAMLReader) -> DashboardDelivery.Destination? {
        guard let block = reader.mapping(node, path: path) else { return nil }
        block.allowKeys(ParseSession.destinationKeys)
        switch (block.value("folder"), block.value("webhook")) {
        case (let folder?, nil):
            if block.has("headers") {
                reader.error("'\(block.qualified("headers"))' is for a webhook", at: block.value("headers"))
            }
            guard let text = reader.text(folder, path: block.qualified("folder")) else { return nil }
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                reader.error("'\(block.qualified("folder"))' is empty", at: folder, hint: "a folder, e.g. reports/")
                return nil
            }
            return .folder(text)
        case (nil, let webhook?):
            guard
                let (url, deliverable) = readWebhook(
                    webhook, path: block.qualified("webhook"), reader: reader, receives: "reports")
            else { return nil }
            let (headers, headersSet) = readDeliveryHeaders(block)
            return .webhook(url: url, headers: headers, isDeliverable: deliverable && headersSet)
        default:
            reader.error(
                "'\(path)' must name one destination: `folder:` or `webhook:`", at: node,
                hint: "write one destination per list item")
            return nil
        }
    }

    /// A webhook's `headers:`; their values may name variables (an unset one is a warning: the
    /// webhook is then not sent to, as an alert's webhook whose variable is unset).
    private func readDeliveryHeaders(_ block: MappingReader) -> ([DashboardDelivery.Header], Bool) {
        guard let headers = block.mapping("headers") else { return ([], true) }
        var result: [DashboardDelivery.Header] = []
        var allSet = true
        for entry in headers.entries {
            guard case .scalar(let scalar) = entry.value else {
                block.reader.error("'\(headers.qualified(entry.key))' must be a string", at: entry.value)
                continue
            }
            let (value, problems) = ConfigString.resolve(scalar.string, environment: environment)
            for problem in problems {
                guard case .unset(let name) = problem else {
                    block.reader.error(
                        "'\(headers.qualified(entry.key))' is not a valid `${NAME}` reference", at: entry.value,
                        hint: "names are letters, digits and '_'; write $$ for a literal $")
                    continue
                }
                allSet = false
                block.reader.warning(
                    "environment variable '\(name)' is not set (used by '\(headers.qualified(entry.key))'): this webhook receives no reports",
                    at: entry.value, hint: "set \(name) in the environment that runs `tessera serve`")
            }
            result.append(.init(name: entry.key, value: value))
        }
        return (result, allSet)
    }
}
