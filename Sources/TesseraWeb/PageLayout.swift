import TesseraModel

/// The chrome every page shares: a skip link, the bar with the mesh's name, the main sections and
/// who is signed in (with a sign-out form that carries the session's CSRF token), then the page.
struct PageLayout {
    enum Section: String { case home, search, lineage, runs, automation, dashboards, sql, audit, none }

    let mesh: String
    /// Nil on the sign-in page.
    let viewer: Viewer?
    var section: Section = .none

    struct Viewer {
        let name: String
        let csrfToken: String
        /// Whether the audit page is theirs to see (the core decides; this only hides the link).
        var isAdmin = false
    }

    func render(title: String, @HTMLBuilder content: () -> HTML) -> HTML {
        HTML(trusted: "<!doctype html>")
            + el("html", ["lang": "en"]) {
                el("head") {
                    HTML.void("meta", ["charset": "utf-8"])
                    HTML.void("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
                    el("title") { "\(title) · \(mesh) · Tessera" }
                    HTML.void("link", ["rel": "stylesheet", "href": WebAssets.url("app.css")])
                    el("script", ["src": WebAssets.url("app.js"), "defer": ""])
                }
                el("body") {
                    el("a", ["class": "skip", "href": "#main"]) { "Skip to content" }
                    header()
                    el("main", ["id": "main", "tabindex": "-1"]) { content() }
                    el("footer") { "Tessera · mesh \(mesh)" }
                }
            }
    }

    func header() -> HTML {
        el("header", ["class": "top"]) {
            el("div", ["class": "bar"]) {
                el("a", ["class": "brand", "href": WebPaths.root]) { "Tessera · \(mesh)" }
                if let viewer {
                    el("nav", ["class": "main", "aria-label": "Main"]) {
                        el("ul") {
                            link("Home", WebPaths.root, current: section == .home)
                            link("Search", WebPaths.search, current: section == .search)
                            link("Lineage", WebPaths.lineage(""), current: section == .lineage)
                            link("Runs", WebPaths.runs, current: section == .runs)
                            link("Automation", WebPaths.automation, current: section == .automation)
                            link("Dashboards", WebPaths.dashboards, current: section == .dashboards)
                            link("SQL lab", WebPaths.sql, current: section == .sql)
                            if viewer.isAdmin { link("Audit", WebPaths.audit, current: section == .audit) }
                        }
                    }
                    el("div", ["class": "who"]) {
                        el("span") { "Signed in as " + viewer.name }
                        el("form", ["method": "post", "action": WebPaths.signOut]) {
                            HTML.void("input", ["type": "hidden", "name": "csrf", "value": viewer.csrfToken])
                            el("button", ["type": "submit"]) { "Sign out" }
                        }
                    }
                }
            }
        }
    }

    func link(_ text: String, _ href: String, current: Bool) -> HTML {
        el("li") { el("a", ["href": href, "aria-current": current ? "page" : nil]) { text } }
    }
}

extension Principal {
    /// How the UI names the signed-in principal.
    var webName: String {
        switch self {
        case .person(let name): name
        case .service(let name): "service \(name)"
        case .domain(let name): "domain \(name)"
        case .meshOperator: "the operator"
        }
    }
}
