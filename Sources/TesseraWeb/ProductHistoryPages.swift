import TesseraCore

/// Each check of a product across its latest snapshots, oldest on the left: when a check began
/// to fail, and whether it fails now and then.
struct CheckHistoryPage {
    let history: CheckHistory
    let domain: String
    let product: String

    func render(_ layout: PageLayout) -> HTML {
        layout.render(title: "Checks of \(history.product)") {
            el("h1") {
                "Checks of "; el("a", ["href": WebPaths.product(domain, product)]) { history.product }
            }
            el("section", ["class": "card", "aria-labelledby": "history"]) {
                el("h2", ["id": "history"]) { "History" }
                if history.checks.isEmpty {
                    el("p", ["class": "muted"]) { "No check has run on any snapshot yet." }
                } else {
                    Widgets.table(
                        caption:
                            "\(history.checks.count) checks on the latest \(history.snapshots.count) snapshots, oldest first; — where a check did not run.",
                        headers: ["Check", "Severity"]
                            + history.snapshots.map { "v\($0.version) \(Self.day($0.createdAt))" }
                            + ["Latest message"],
                        rows: history.checks.map { check in
                            [el("code") { check.name }, .text(check.severity)]
                                + check.statuses.map { status in status.map { Widgets.badge($0) } ?? .text("—") }
                                + [.text(check.lastMessage)]
                        })
                }
            }
        }
    }

    /// `2026-12-06` of an ISO 8601 time.
    static func day(_ iso: String) -> String { String(iso.prefix(10)) }
}

/// What changed in a product's contract between two of its snapshots, and two menus to pick
/// another pair (a GET form: a comparison is a shareable URL).
struct VersionComparePage {
    let comparison: VersionComparison
    let history: ProductHistory
    let domain: String
    let product: String

    func render(_ layout: PageLayout) -> HTML {
        layout.render(title: "Compare versions of \(comparison.product)") {
            el("h1") {
                "Compare versions of "; el("a", ["href": WebPaths.product(domain, product)]) { comparison.product }
            }
            VersionPicker(history: history, domain: domain, product: product).render(
                from: comparison.from.id, to: comparison.to.id)
            el("section", ["class": "card", "aria-labelledby": "changes"]) {
                el("h2", ["id": "changes"]) {
                    "From v\(comparison.from.version) to v\(comparison.to.version)"
                }
                changes()
            }
        }
    }

    func changes() -> HTML {
        guard let changes = comparison.changes else {
            return el("p", ["class": "muted"]) {
                "One of these snapshots was published before contracts were kept with snapshots: nothing to compare."
            }
        }
        guard !changes.isEmpty else { return el("p") { "The contract is the same in both." } }
        let breaking = changes.filter(\.breaking).count
        return fragment {
            el("p") {
                "\(changes.count) change\(changes.count == 1 ? "" : "s"), \(breaking) breaking for consumers."
            }
            el("ul", ["class": "changes"]) {
                for change in changes {
                    el("li") {
                        Widgets.badge(change.breaking ? "breaking" : "compatible"); " "; change.message
                    }
                }
            }
        }
    }
}

/// Two menus of a product's snapshots and a Compare button, leading to the comparison page.
struct VersionPicker {
    let history: ProductHistory
    let domain: String
    let product: String

    func render(from: String?, to: String?) -> HTML {
        let versions = history.versions
        guard versions.count >= 2 else { return .empty }
        return el("form", ["method": "get", "action": WebPaths.compare(domain, product), "class": "inline"]) {
            menu("from", label: "Compare", selected: from ?? versions[1].snapshot)
            menu("to", label: "with", selected: to ?? versions[0].snapshot)
            el("button", ["type": "submit"]) { "Compare" }
        }
    }

    private func menu(_ name: StaticString, label: String, selected: String) -> HTML {
        let id = "version-\(name)"
        return fragment {
            el("label", ["for": id]) { label }
            el("select", ["id": id, "name": "\(name)"]) {
                for version in history.versions {
                    el("option", ["value": version.snapshot, "selected": version.snapshot == selected ? "" : nil]) {
                        "v\(version.version) — \(version.createdAt.prefix(16)) (\(version.status))"
                    }
                }
            }
        }
    }
}
