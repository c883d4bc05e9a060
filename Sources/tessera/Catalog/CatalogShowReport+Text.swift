import Foundation
import TesseraCore
import TesseraModel

// `tessera catalog show` as text: a heading, then one short section per thing a consumer asks.
extension CatalogShowReport {
    func render(_ console: Console) {
        renderHeading(console)
        renderMembers(console)
        renderColumns(console)
        renderState(console)
        renderLinks(console)
        renderAccess(console)
        if let query { section(console, "Query it", [("", query)]) }
    }

    /// The name, kind and version, the description, and the short facts.
    private func renderHeading(_ console: Console) {
        var heading = console.styled("\(name)", .bold) + "  \(kind)"
        if let version { heading += " v\(version)" }
        console.result(heading)
        if let description { console.result("  " + description.replacingOccurrences(of: "\n", with: "\n  ")) }
        var facts: [(String, String)] = []
        if let owner { facts.append(("owner", owner)) }
        if !tags.isEmpty { facts.append(("tags", tags.joined(separator: ", "))) }
        if let file { facts.append(("file", file)) }
        // A schedule in another zone is recorded with it, in parentheses; the rest are in UTC.
        if let schedule { facts.append(("schedule", schedule.hasSuffix(")") ? schedule : "\(schedule) (UTC)")) }
        if let column {
            facts.append(("type", (column.type ?? "unknown") + (column.nullable == false ? " not null" : "")))
            if let classification = column.classification { facts.append(("class", classification)) }
            if let mask = column.mask { facts.append(("mask", "\(mask) for readers outside the domain")) }
        }
        section(console, nil, facts)
    }

    /// A domain's products, models and sources.
    private func renderMembers(_ console: Console) {
        guard let members else { return }
        for (label, list) in [
            ("Products", members.products), ("Models", members.models), ("Sources", members.sources),
        ] where !list.isEmpty {
            console.result(console.styled(label, .bold))
            let width = list.map(\.name.count).max() ?? 0
            for member in list {
                console.result(
                    "  \(member.name.catalogPadded(to: width))  \(member.description.map { CatalogSearchReport.oneLine($0, limit: 80) } ?? "")"
                )
            }
        }
    }

    /// The contract (or a node's columns), one line per column.
    private func renderColumns(_ console: Console) {
        guard let columns, !columns.isEmpty else { return }
        console.result(console.styled(kind == "product" ? "Contract" : "Columns", .bold))
        let nameWidth = columns.map(\.name.count).max() ?? 0
        let typeWidth = columns.map { ($0.type ?? "").count + ($0.nullable == false ? 9 : 0) }.max() ?? 0
        let maskWidth = columns.compactMap { $0.mask.map { "masked: \($0)".count } }.max() ?? 0
        for column in columns {
            let type = (column.type ?? "") + (column.nullable == false ? " not null" : "")
            var line = "  \(column.name.catalogPadded(to: nameWidth))  \(type.catalogPadded(to: typeWidth))"
            if let classification = column.classification { line += "  " + classification.catalogPadded(to: 12) }
            if maskWidth > 0 {
                line += "  " + (column.mask.map { "masked: \($0)" } ?? "").catalogPadded(to: maskWidth)
            }
            if let description = column.description {
                line += "  " + CatalogSearchReport.oneLine(description, limit: 70)
            }
            console.result(line)
        }
    }

    /// Freshness, the current snapshot, checks and the profile.
    private func renderState(_ console: Console) {
        if let freshness {
            var line = freshness.status
            if let age = freshness.ageSeconds { line += ", published \(Self.duration(age)) ago" }
            if let sla = freshness.sla { line += " (sla: \(sla))" }
            let style: Console.Style =
                freshness.status == "fresh" ? .green : (freshness.status == "stale" ? .red : .yellow)
            section(console, "Freshness", [("status", console.styled(line, style))])
        }
        if let snapshot {
            section(
                console, "Current snapshot",
                [
                    ("id", "\(snapshot.id) (v\(snapshot.version))"),
                    (
                        "size",
                        "\(snapshot.rows) rows, \(snapshot.bytes) bytes in \(snapshot.files) file\(snapshot.files == 1 ? "" : "s")"
                    ),
                    ("created", snapshot.createdAt + (snapshot.runId.map { " by run \($0)" } ?? "")),
                ])
        }
        if let checks {
            console.result(
                console.styled("Checks", .bold)
                    + "  \(checks.passed) passed, \(checks.failed) failed (\(checks.checkedAt))")
            for failure in checks.failures {
                console.result("  " + console.styled("✗", .red) + " \(failure.name): \(failure.message)")
            }
        }
        if let profile {
            console.result(console.styled("Profile", .bold) + "  \(counted(profile.rows, "row"))")
            let width = profile.columns.map(\.name.count).max() ?? 0
            for column in profile.columns {
                var line = "  \(column.name.catalogPadded(to: width))  \(column.nulls) nulls"
                if let distinct = column.distinct { line += ", ~\(distinct) distinct" }
                if let min = column.min, let max = column.max { line += ", \(min) … \(max)" }
                console.result(line)
            }
        }
    }

    /// Lineage, what it reads, who reads it.
    private func renderLinks(_ console: Console) {
        if let lineage {
            section(
                console, "Lineage",
                [
                    ("from", lineage.upstream.isEmpty ? "—" : lineage.upstream.joined(separator: ", ")),
                    ("to", lineage.downstream.isEmpty ? "—" : lineage.downstream.joined(separator: ", ")),
                ])
        }
        if let upstream, !upstream.isEmpty {
            section(console, "Reads", [("from", upstream.map(Self.node).joined(separator: ", "))])
        }
        if let consumers {
            section(
                console, "Consumers",
                [("read by", consumers.isEmpty ? "nobody yet" : consumers.map(Self.node).joined(separator: ", "))])
        }
    }

    private func renderAccess(_ console: Console) {
        guard let access else { return }
        var facts = [
            (
                "readers",
                access.readers.map {
                    $0.isEmpty ? "its own domain only" : $0.joined(separator: ", ") + " (and its own domain)"
                } ?? "every domain"
            )
        ]
        if !access.roles.isEmpty { facts.append(("roles", access.roles.joined(separator: ", "))) }
        if !access.masks.isEmpty {
            facts.append(("masks", access.masks.map { "\($0.column): \($0.kind)" }.joined(separator: ", ")))
        }
        section(console, "Access", facts)
    }

    private func section(_ console: Console, _ title: String?, _ facts: [(String, String)]) {
        guard !facts.isEmpty else { return }
        if let title { console.result(console.styled(title, .bold)) }
        let width = facts.map(\.0.count).max() ?? 0
        for (label, value) in facts {
            console.result(label.isEmpty ? "  \(value)" : "  \(label.catalogPadded(to: width))  \(value)")
        }
    }

    /// `finance.revenue (model)`: models and products often share a name.
    static func node(_ id: String) -> String {
        guard let node = NodeID(id: id) else { return id }
        return node.kind == .model ? "\(node.displayName) (model)" : node.displayName
    }

    static func duration(_ seconds: Double) -> String {
        switch seconds {
        case ..<120: "\(Int(seconds)) s"
        case ..<7200: "\(Int(seconds / 60)) min"
        case ..<172_800: "\(Int(seconds / 3600)) h"
        default: "\(Int(seconds / 86400)) d"
        }
    }
}
