import Foundation

/// The web UI's URLs, in one place: every page has a stable address that can be shared, and every
/// name in a path is percent-encoded, so a link always leads where it says.
public enum WebPaths {
    public static let root = "/ui/"
    public static let signIn = "/ui/sign-in"
    public static let signOut = "/ui/sign-out"
    public static let search = "/ui/search"
    public static let runs = "/ui/runs"
    public static let sql = "/ui/sql"
    public static let sqlCSV = "/ui/sql/csv"
    public static let audit = "/ui/audit"
    public static let automation = "/ui/automation"
    public static let dashboards = "/ui/dashboards"

    /// A dashboard's page (`domain.name`).
    public static func dashboard(_ name: String) -> String { "/ui/dashboards/\(segment(name))" }

    /// A dashboard drawn as `format` (`svg`, `pdf`, `png`), with the page's parameters.
    public static func dashboardFile(_ name: String, _ format: String, query: String) -> String {
        dashboard(name) + "/" + format + (query.isEmpty ? "" : "?" + query)
    }

    /// `a=1&b=2`, names sorted, every value percent-encoded.
    static func queryString(_ values: [String: String]) -> String {
        values.sorted { $0.key < $1.key }.map { "\(queryValue($0.key))=\(queryValue($0.value))" }.joined(separator: "&")
    }

    public static func run(_ id: String) -> String { "/ui/runs/\(segment(id))" }

    /// One node's log in a run (`product.sales.orders`).
    public static func nodeLog(run id: String, node: String) -> String { run(id) + "/nodes/\(segment(node))" }

    public static func cancel(_ queuedRun: String) -> String { "/ui/queue/\(segment(queuedRun))/cancel" }

    public static func asset(_ name: String) -> String { "/ui/assets/\(segment(name))" }

    public static func domain(_ name: String) -> String { "/ui/domains/\(segment(name))" }

    public static func product(_ domain: String, _ name: String) -> String {
        "/ui/products/\(segment(domain))/\(segment(name))"
    }

    /// Each check of a product across its latest snapshots.
    public static func checks(_ domain: String, _ name: String) -> String { product(domain, name) + "/checks" }

    /// The contract changes between two snapshots of a product (the latest two without `from`/`to`).
    public static func compare(_ domain: String, _ name: String, from: String? = nil, to: String? = nil) -> String {
        let base = product(domain, name) + "/compare"
        guard let from, let to else { return base }
        return "\(base)?from=\(queryValue(from))&to=\(queryValue(to))"
    }

    /// The lineage around a node (`sales.orders`); the whole mesh for an empty name.
    public static func lineage(_ name: String) -> String {
        name.isEmpty ? "/ui/lineage" : "/ui/lineage/\(segment(name))"
    }

    public static func search(_ query: String) -> String { "\(search)?q=\(queryValue(query))" }

    /// A catalog name (`sales.orders`, `sales.src.orders`) to the page that shows it: products
    /// and domains have pages; anything else is searched for.
    public static func page(forName name: String, kind: String) -> String {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        switch (kind, parts.count) {
        case ("domain", 1): return domain(parts[0])
        case ("product", 2): return product(parts[0], parts[1])
        default: return search(name)
        }
    }

    /// The sign-in page, coming back to `next` afterwards.
    public static func signIn(next: String) -> String { "\(signIn)?next=\(queryValue(next))" }

    /// Where a sign-in may send the browser: a path of this UI, never another site (`//evil`,
    /// `https://…`, `/\evil`).
    public static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/ui/"), !next.contains("\\"), !next.contains("//"),
            !next.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { return root }
        return next
    }

    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    static func queryValue(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    private static let unreserved = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
}
