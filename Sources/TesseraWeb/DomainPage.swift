import TesseraCore
import TesseraModel

/// One domain: its owner, members, and the products, models and sources the viewer may see, with
/// their schedules.
struct DomainPage {
    let report: CatalogShowReport
    let members: [Member]
    /// The domain's assets the viewer may see, for their schedules.
    let assets: [AssetMetadata]

    func render(_ layout: PageLayout) -> HTML {
        layout.render(title: "Domain \(report.name)") {
            el("h1") { "Domain \(report.name)" }
            if let description = report.description { el("p", ["class": "lede"]) { description } }
            el("div", ["class": "grid"]) {
                el("section", ["class": "card", "aria-labelledby": "about"]) {
                    el("h2", ["id": "about"]) { "About" }
                    el("dl", ["class": "facts"]) {
                        el("dt") { "Owner" }
                        el("dd") { report.owner ?? "—" }
                    }
                    Widgets.tags(report.tags)
                }
                membersCard()
            }
            assetsCard("Products", id: "products", report.members?.products ?? [], kind: "product")
            assetsCard("Models", id: "models", report.members?.models ?? [], kind: "model")
            assetsCard("Sources", id: "sources", report.members?.sources ?? [], kind: "source")
            schedulesCard()
        }
    }

    func membersCard() -> HTML {
        el("section", ["class": "card", "aria-labelledby": "members"]) {
            el("h2", ["id": "members"]) { "Members" }
            if members.isEmpty {
                el("p", ["class": "muted"]) { "No members declared." }
            } else {
                el("ul") { for member in members { el("li") { member.name + " — " + member.role.rawValue } } }
            }
        }
    }

    func assetsCard(_ title: String, id: StaticString, _ items: [CatalogShowReport.Member], kind: String) -> HTML {
        el("section", ["class": "card", "aria-labelledby": id.description]) {
            el("h2", ["id": id.description]) { "\(title) (\(items.count))" }
            if items.isEmpty {
                el("p", ["class": "muted"]) { "None you may see." }
            } else {
                el("ul") {
                    for item in items {
                        el("li") {
                            el("a", ["href": Self.link(item.name, kind: kind)]) { item.name }
                            if let description = item.description {
                                el("span", ["class": "muted"]) { " — " + description }
                            }
                        }
                    }
                }
            }
        }
    }

    /// A product's page; a model's or a source's lineage, which is where they are explained.
    static func link(_ name: String, kind: String) -> String {
        switch kind {
        case "product": WebPaths.page(forName: name, kind: kind)
        case "model": WebPaths.lineage("model.\(name)")
        default: WebPaths.lineage(name)
        }
    }

    func schedulesCard() -> HTML {
        let scheduled = assets.filter { $0.schedule != nil }
        return el("section", ["class": "card", "aria-labelledby": "schedules"]) {
            el("h2", ["id": "schedules"]) { "Schedules" }
            if scheduled.isEmpty {
                el("p", ["class": "muted"]) { "Nothing here runs on a schedule of its own." }
            } else {
                Widgets.table(
                    caption: "Cron schedules as written.", headers: ["Asset", "Schedule"],
                    rows: scheduled.map { asset in [.text(asset.id.displayName), el("code") { asset.schedule ?? "" }] })
            }
        }
    }
}
