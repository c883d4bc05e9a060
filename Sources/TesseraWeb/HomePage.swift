import Foundation
import TesseraCore

/// The mesh at a glance, as the viewer may see it: domains, products with freshness and checks,
/// recent runs, and the products whose checks fail or whose SLA is missed.
struct HomePage {
    struct ProductLine {
        let name: String
        let owner: String?
        let freshness: String
        let age: Double?
        let failedChecks: Int
        let passedChecks: Int
    }

    let domains: [DomainMetadata]
    let products: [ProductLine]
    /// Products the viewer may see beyond those listed (the page lists at most a page of them).
    let moreProducts: Int
    let runs: [RunSummary]

    func render(_ layout: PageLayout) -> HTML {
        layout.render(title: "Home") {
            el("h1") { "The mesh at a glance" }
            attention()
            el("div", ["class": "grid"]) {
                domainsCard()
                runsCard()
            }
            productsCard()
        }
    }

    func attention() -> HTML {
        let failing = products.filter { $0.failedChecks > 0 }
        let stale = products.filter { $0.freshness == "stale" }
        guard !failing.isEmpty || !stale.isEmpty else {
            return el("p", ["class": "note"]) { "No failing checks and no missed SLA among the products you may see." }
        }
        return el("section", ["class": "card", "aria-labelledby": "attention"]) {
            el("h2", ["id": "attention"]) { "Needs attention" }
            el("ul") {
                for line in failing {
                    el("li") {
                        productLink(line.name)
                        " — \(line.failedChecks) failing check\(line.failedChecks == 1 ? "" : "s")"
                    }
                }
                for line in stale {
                    el("li") {
                        productLink(line.name)
                        " — SLA missed" + (line.age.map { " (last published \(Widgets.age(seconds: $0)) ago)" } ?? "")
                    }
                }
            }
        }
    }

    func domainsCard() -> HTML {
        el("section", ["class": "card", "aria-labelledby": "domains"]) {
            el("h2", ["id": "domains"]) { "Domains (\(domains.count))" }
            el("ul") {
                for domain in domains {
                    el("li") {
                        el("a", ["href": WebPaths.domain(domain.name)]) { domain.name }
                        if let owner = domain.owner { el("span", ["class": "muted"]) { " · " + owner } }
                    }
                }
            }
        }
    }

    func runsCard() -> HTML {
        el("section", ["class": "card", "aria-labelledby": "runs"]) {
            el("h2", ["id": "runs"]) { el("a", ["href": WebPaths.runs]) { "Recent runs" } }
            if runs.isEmpty {
                el("p", ["class": "muted"]) { "No run yet." }
            } else {
                el("ul") {
                    for summary in runs {
                        el("li") {
                            Widgets.badge(summary.run.status.rawValue)
                            " "
                            el("a", ["href": WebPaths.run(summary.run.id)]) {
                                el("code") { String(summary.run.id.prefix(12)) }
                            }
                            " · \(summary.run.command) · "
                            Widgets.time(summary.run.startedAt)
                            " · \(summary.nodeTotal) node\(summary.nodeTotal == 1 ? "" : "s")"
                        }
                    }
                }
            }
        }
    }

    func productsCard() -> HTML {
        el("section", ["class": "card", "aria-labelledby": "products"]) {
            el("h2", ["id": "products"]) { "Products you may read (\(products.count + moreProducts))" }
            Widgets.table(
                caption: "Each product's freshness against its SLA and its latest checks.",
                headers: ["Product", "Owner", "Freshness", "Checks"],
                rows: products.map { line in
                    [
                        productLink(line.name), .text(line.owner ?? "—"),
                        Widgets.badge(line.freshness)
                            + .text(line.age.map { " \(Widgets.age(seconds: $0)) old" } ?? ""),
                        line.failedChecks > 0
                            ? Widgets.badge("fail")
                                + .text(" \(line.failedChecks) of \(line.failedChecks + line.passedChecks)")
                            : .text(line.passedChecks > 0 ? "\(line.passedChecks) passed" : "—"),
                    ]
                })
            if moreProducts > 0 {
                el("p") {
                    "\(moreProducts) more: "
                    el("a", ["href": WebPaths.search("kind:product")]) { "search the products" }
                    "."
                }
            }
        }
    }

    func productLink(_ name: String) -> HTML {
        el("a", ["href": WebPaths.page(forName: name, kind: "product")]) { name }
    }
}
