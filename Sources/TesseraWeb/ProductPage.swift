import TesseraCore
import TesseraModel

/// One product as the viewer may see it: what it is, who owns it, how the viewer reads it (in
/// clear or masked, and which columns), its contract, sample rows exactly as the viewer's queries
/// return them, checks, profile, versions and where it comes from and goes.
struct ProductPage {
    let report: CatalogShowReport
    let history: ProductHistory
    /// How the policy lets the viewer read it.
    let decision: ReadDecision
    /// The first rows as the viewer reads them (masked where the policy says); nil when there is
    /// nothing published yet, with `sampleProblem` saying why.
    let sample: Queries.Table?
    let sampleProblem: String?

    func render(_ layout: PageLayout) -> HTML {
        layout.render(title: report.name) {
            el("h1") {
                report.name
                if let version = report.version { el("span", ["class": "muted"]) { " v\(version)" } }
            }
            if let description = report.description { el("p", ["class": "lede"]) { description } }
            el("div", ["class": "grid"]) {
                factsCard()
                accessCard()
            }
            columnsCard()
            sampleCard()
            el("div", ["class": "grid"]) {
                checksCard()
                lineageCard()
            }
            profileCard()
            versionsCard()
        }
    }

    func factsCard() -> HTML {
        el("section", ["class": "card", "aria-labelledby": "facts"]) {
            el("h2", ["id": "facts"]) { "About" }
            el("dl", ["class": "facts"]) {
                el("dt") { "Domain" }
                el("dd") { el("a", ["href": WebPaths.domain(domainName)]) { domainName } }
                el("dt") { "Owner" }
                el("dd") { report.owner ?? "—" }
                el("dt") { "Freshness" }
                el("dd") { freshness() }
                if let schedule = report.schedule {
                    el("dt") { "Schedule" }
                    el("dd") { el("code") { schedule } }
                }
                if let snapshot = report.snapshot {
                    el("dt") { "Current snapshot" }
                    el("dd") {
                        "\(Widgets.count(snapshot.rows)) rows, published \(Timestamp.readable(snapshot.createdAt))"
                    }
                }
                if let file = report.file {
                    el("dt") { "Defined in" }
                    el("dd") { el("code") { file } }
                }
            }
            Widgets.tags(report.tags)
        }
    }

    var domainName: String { String(report.name.split(separator: ".").first ?? "") }
    var productName: String { String(report.name.split(separator: ".").dropFirst().first ?? "") }

    func freshness() -> HTML {
        guard let freshness = report.freshness else { return .text("—") }
        var detail = ""
        if let age = freshness.ageSeconds { detail += " \(Widgets.age(seconds: age)) old" }
        if let sla = freshness.sla { detail += ", SLA \(sla)" }
        return Widgets.badge(freshness.status) + .text(detail)
    }

    func accessCard() -> HTML {
        el("section", ["class": "card", "aria-labelledby": "access"]) {
            el("h2", ["id": "access"]) { "Your access" }
            switch decision {
            case .clear:
                el("p") {
                    Widgets.badge("clear"); " You read every value as published."
                }
            case .masked(let masks):
                el("p") {
                    Widgets.badge("masked"); " You read this product with these columns masked:"
                }
                el("ul") {
                    for mask in masks {
                        el("li") {
                            el("code") { mask.column }; " — \(mask.kind.rawValue)"
                        }
                    }
                }
            case .refused(let why):
                el("p") { why }
            }
            if let access = report.access {
                el("p", ["class": "muted"]) {
                    "Readers: "
                        + (access.readers.map { $0.isEmpty ? "the owning domain only" : $0.joined(separator: ", ") }
                            ?? "every domain")
                }
            }
        }
    }

    var maskedColumns: [String: String] {
        Dictionary(decision.masks.map { ($0.column, $0.kind.rawValue) }, uniquingKeysWith: { first, _ in first })
    }

    func columnsCard() -> HTML {
        let columns = report.columns ?? []
        return el("section", ["class": "card", "aria-labelledby": "contract"]) {
            el("h2", ["id": "contract"]) { "Contract" }
            Widgets.table(
                caption:
                    "\(columns.count) column\(columns.count == 1 ? "" : "s"); masks as declared, and as you see them.",
                headers: ["Column", "Type", "Nullable", "Classification", "Mask", "Description"],
                rows: columns.map { column in
                    [
                        el("code") { column.name }, .text(column.type ?? "—"),
                        .text(column.nullable.map { $0 ? "yes" : "no" } ?? "—"),
                        column.classification.map { Widgets.badge($0) } ?? .text("—"),
                        maskCell(column),
                        .text(column.description ?? ""),
                    ]
                })
        }
    }

    func maskCell(_ column: CatalogShowReport.Column) -> HTML {
        if let yours = maskedColumns[column.name] { return Widgets.badge("masked") + .text(" \(yours) for you") }
        return .text(column.mask ?? "—")
    }

    func sampleCard() -> HTML {
        el("section", ["class": "card", "aria-labelledby": "sample"]) {
            el("h2", ["id": "sample"]) { "Sample rows" }
            if let sample {
                if sample.rows.isEmpty {
                    el("p", ["class": "muted"]) { "The current snapshot has no rows." }
                } else {
                    Widgets.table(
                        caption: "The first \(sample.rows.count) rows, exactly as your queries read them"
                            + (maskedColumns.isEmpty ? "." : " (masked columns included)."),
                        headers: sample.columns,
                        rows: sample.rows.map { row in
                            row.map { value in value.map { HTML.text($0) } ?? el("span", ["class": "null"]) { "NULL" } }
                        })
                }
            } else {
                el("p", ["class": "muted"]) { sampleProblem ?? "No sample." }
            }
        }
    }

    func checksCard() -> HTML {
        el("section", ["class": "card", "aria-labelledby": "checks"]) {
            el("h2", ["id": "checks"]) { "Checks" }
            if let checks = report.checks {
                el("p") {
                    Widgets.badge(checks.failed > 0 ? "fail" : "pass")
                    " \(checks.passed) passed, \(checks.failed) failing, checked \(Timestamp.readable(checks.checkedAt))"
                }
                if !checks.failures.isEmpty {
                    el("ul") {
                        for failure in checks.failures {
                            el("li") {
                                el("code") { failure.name }
                                " — \(failure.status): \(failure.message) (\(Widgets.count(failure.failingRows)) rows)"
                            }
                        }
                    }
                }
            } else {
                el("p", ["class": "muted"]) { "No checks recorded yet." }
            }
        }
    }

    func lineageCard() -> HTML {
        el("section", ["class": "card", "aria-labelledby": "lineage"]) {
            el("h2", ["id": "lineage"]) { "Lineage" }
            el("p") { el("a", ["href": WebPaths.lineage(report.name)]) { "Open the lineage graph" } }
            el("h3") { "Reads from" }
            nameList(report.upstream ?? [])
            el("h3") { "Consumers" }
            nameList(report.consumers ?? [])
        }
    }

    func nameList(_ names: [String]) -> HTML {
        guard !names.isEmpty else { return el("p", ["class": "muted"]) { "None you may see." } }
        return el("ul") {
            for name in names {
                el("li") {
                    if let node = NodeID(id: name) {
                        el(
                            "a",
                            [
                                "href": node.kind == .product
                                    ? WebPaths.product(node.domain, node.name) : WebPaths.lineage(node.id)
                            ]
                        ) {
                            node.displayName
                        }
                        el("span", ["class": "muted"]) { " (\(node.kind.rawValue))" }
                    } else {
                        name
                    }
                }
            }
        }
    }

    func profileCard() -> HTML {
        guard let profile = report.profile else { return .empty }
        return el("section", ["class": "card", "aria-labelledby": "profile"]) {
            el("h2", ["id": "profile"]) { "Profile" }
            Widgets.table(
                caption:
                    "\(Widgets.count(profile.rows)) rows profiled; the most frequent values, or the distribution between the quantiles; values of pii and masked columns are never shown.",
                headers: ["Column", "Nulls", "Distinct", "Min", "Max", "Values"],
                rows: profile.columns.map { column in
                    [
                        el("code") { column.name }, .text(Widgets.count(column.nulls)),
                        .text(column.distinct.map(Widgets.count) ?? "—"), .text(column.min ?? "—"),
                        .text(column.max ?? "—"), ProfileCharts.figure(column),
                    ]
                }, numeric: [1, 2])
        }
    }

    func versionsCard() -> HTML {
        el("section", ["class": "card", "aria-labelledby": "versions"]) {
            el("h2", ["id": "versions"]) { "Versions" }
            if history.versions.isEmpty {
                el("p", ["class": "muted"]) { "Never published." }
            } else {
                el("p") {
                    el("a", ["href": WebPaths.checks(domainName, productName)]) { "Checks history" }
                }
                VersionPicker(history: history, domain: domainName, product: productName).render(from: nil, to: nil)
                Widgets.table(
                    caption: "Published snapshots, newest first.",
                    headers: ["Version", "Status", "Published", "Rows", "Checks", "Drift"],
                    rows: history.versions.map { version in
                        [
                            .text(version.version), Widgets.badge(version.status),
                            .text(Timestamp.readable(version.createdAt)), .text(Widgets.count(version.rows)),
                            .text(
                                version.checks.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(
                                    separator: ", ")),
                            .text(version.drift.map { $0.exceeded ? "exceeded" : "within limits" } ?? "—"),
                        ]
                    }, numeric: [3])
            }
        }
    }
}
