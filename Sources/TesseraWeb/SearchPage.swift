import TesseraCore
import TesseraModel

/// The catalog's search: words plus facets (domain, kind, tag, owner, classification), the hits
/// the viewer may see, and counts by domain and kind that narrow the search in one click. The
/// result list is also served alone (`partial`), for search as you type.
struct SearchPage {
    struct Request {
        var words = ""
        var domain = ""
        var kind = ""
        var tag = ""
        var owner = ""
        var classification = ""

        init(_ values: [String: String]) {
            words = values["q"] ?? ""
            domain = values["domain"] ?? ""
            kind = values["kind"] ?? ""
            tag = values["tag"] ?? ""
            owner = values["owner"] ?? ""
            classification = values["classification"] ?? ""
        }

        /// The catalog's query text: the words, then a filter for each facet chosen. A facet value
        /// with a space or a quote is left out rather than let it change the query's meaning.
        var queryText: String {
            let facets: [(String, String)] = [
                ("domain", domain), ("kind", kind), ("tag", tag), ("owner", owner), ("classification", classification),
            ]
            let filters = facets.compactMap { field, value -> String? in
                let value = value.trimmingCharacters(in: .whitespaces)
                guard !value.isEmpty, !value.contains(where: { $0.isWhitespace || $0 == "\"" }) else { return nil }
                return "\(field):\(value)"
            }
            return ([words.trimmingCharacters(in: .whitespaces)] + filters).filter { !$0.isEmpty }.joined(
                separator: " ")
        }
    }

    let request: Request
    let domains: [String]
    let hits: [CatalogSearchHit]
    /// Why the query could not be run (its syntax), said to the viewer.
    let problem: String?

    func render(_ layout: PageLayout) -> HTML {
        layout.render(title: request.queryText.isEmpty ? "Search" : "Search: \(request.queryText)") {
            el("h1") { "Search the catalog" }
            form()
            el("div", ["id": "results", "aria-live": "polite", "aria-busy": "false"]) { results() }
        }
    }

    func form() -> HTML {
        el(
            "form",
            [
                "class": "card search", "method": "get", "action": WebPaths.search, "role": "search",
                "data-live-search": "",
            ]
        ) {
            el("div", ["class": "q"]) {
                el("label", ["for": "q"]) { "Words" }
                HTML.void(
                    "input",
                    [
                        "id": "q", "name": "q", "type": "search", "value": request.words, "autocomplete": "off",
                        "placeholder": "e.g. revenue, orders, customer email",
                    ])
            }
            select("domain", "Domain", [""] + domains, chosen: request.domain)
            select("kind", "Kind", [""] + CatalogQuery.kinds, chosen: request.kind)
            select(
                "classification", "Classification", [""] + Classification.allCases.map(\.rawValue),
                chosen: request.classification)
            textField("tag", "Tag", request.tag)
            textField("owner", "Owner", request.owner)
            el("div") { el("button", ["type": "submit"]) { "Search" } }
        }
    }

    func select(_ name: StaticString, _ label: String, _ options: [String], chosen: String) -> HTML {
        el("div") {
            el("label", ["for": name.description]) { label }
            el("select", ["id": name.description, "name": name.description]) {
                for option in options {
                    el("option", ["value": option, "selected": option == chosen ? "" : nil]) {
                        option.isEmpty ? "any" : option
                    }
                }
            }
        }
    }

    func textField(_ name: StaticString, _ label: String, _ value: String) -> HTML {
        el("div") {
            el("label", ["for": name.description]) { label }
            HTML.void(
                "input",
                ["id": name.description, "name": name.description, "type": "text", "value": value, "size": "12"])
        }
    }

    /// The hits, or why there are none: the part search as you type replaces.
    func results() -> HTML {
        if let problem { return el("p", ["class": "error", "role": "alert"]) { problem } }
        if request.queryText.isEmpty {
            return el("p", ["class": "muted"]) { "Type words or choose a facet; only what you may read is found." }
        }
        if hits.isEmpty { return el("p") { "Nothing you may read matches “\(request.queryText)”." } }
        return fragment {
            el("p", ["class": "muted"]) {
                "\(hits.count) result\(hits.count == 1 ? "" : "s") for “\(request.queryText)”"
            }
            facetCounts()
            el("ul", ["class": "hits"]) { for hit in hits { hitItem(hit) } }
        }
    }

    func facetCounts() -> HTML {
        let byDomain = Dictionary(grouping: hits) {
            $0.asset?.domain ?? $0.name.split(separator: ".").first.map(String.init) ?? ""
        }
        let byKind = Dictionary(grouping: hits, by: \.kind)
        return el("div", ["class": "facets"]) {
            facetList("By domain", byDomain.mapValues(\.count)) {
                var narrowed = request; narrowed.domain = $0; return narrowed
            }
            facetList("By kind", byKind.mapValues(\.count)) {
                var narrowed = request; narrowed.kind = $0; return narrowed
            }
        }
    }

    func facetList(_ title: String, _ counts: [String: Int], narrow: (String) -> Request) -> HTML {
        el("div") {
            el("span", ["class": "muted"]) { title + ": " }
            el("ul") {
                for (value, count) in counts.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) })
                where !value.isEmpty {
                    el("li") { el("a", ["href": Self.url(narrow(value))]) { "\(value) (\(count))" } }
                }
            }
        }
    }

    func hitItem(_ hit: CatalogSearchHit) -> HTML {
        el("li") {
            el("div", ["class": "hit-head"]) {
                Widgets.badge(hit.kind)
                el("a", ["href": Self.link(hit)]) { el("strong") { hit.name } }
                if let classification = hit.classification { Widgets.badge(classification) }
            }
            if let description = hit.description { el("div") { description } }
            el("div", ["class": "muted"]) {
                if let owner = hit.owner { "owner \(owner)" }
                if !hit.matched.isEmpty { " · matched in \(hit.matched.joined(separator: ", "))" }
            }
            Widgets.tags(hit.tags)
        }
    }

    /// A product's page for the product and its columns; a domain's for the domain; the
    /// lineage of a model or a source (and of their columns), which is where they are explained.
    static func link(_ hit: CatalogSearchHit) -> String {
        if hit.kind == "domain" { return WebPaths.domain(hit.name) }
        guard let asset = hit.asset else { return WebPaths.search(hit.name) }
        if asset.kind == .product { return WebPaths.product(asset.domain, asset.name) }
        return WebPaths.lineage(asset.id) + (hit.column.map { "?column=\(WebPaths.queryValue($0))" } ?? "")
    }

    static func url(_ request: Request) -> String {
        var parts = ["q=\(WebPaths.queryValue(request.words))"]
        for (name, value) in [
            ("domain", request.domain), ("kind", request.kind), ("tag", request.tag), ("owner", request.owner),
            ("classification", request.classification),
        ] where !value.isEmpty {
            parts.append("\(name)=\(WebPaths.queryValue(value))")
        }
        return WebPaths.search + "?" + parts.joined(separator: "&")
    }
}
