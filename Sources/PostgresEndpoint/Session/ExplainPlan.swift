import Foundation

/// DuckDB's plan of a query (its `EXPLAIN (FORMAT JSON)`), told in PostgreSQL's shape: one line
/// per operator, `Name  (cost=A..B rows=N width=W)`, children indented under `->`. Only each
/// operator's name and estimated row count are kept: DuckDB's details name the files read, the
/// expressions of masks and other internals a principal is not to see. A scan is named by the
/// product the query names when it names one, as the principal wrote it.
///
/// The costs are not PostgreSQL's (DuckDB has no cost model to report): a scan costs one per
/// row it reads, any other operator its inputs' costs and a hundredth per row it passes on;
/// startup is 0. Enough for a client that compares estimates, as BI tools do.
enum ExplainPlan {
    struct Node {
        var name: String
        var rows: Int
        var children: [Node]

        var cost: Double {
            children.isEmpty ? Double(rows) : children.map(\.cost).reduce(0, +) + Double(rows) * 0.01
        }
    }

    static func lines(json: String, columnTypes: [String], products: Set<String>?) -> [String] {
        let parsed = try? JSONSerialization.jsonObject(with: Data(json.utf8))
        let roots = (parsed as? [Any] ?? [parsed as Any]).compactMap(node)
        let width = width(of: columnTypes)
        let scanned = products?.count == 1 ? products?.first : nil
        var lines: [String] = []
        for root in roots { render(root, depth: 0, width: width, product: scanned, into: &lines) }
        return lines.isEmpty ? ["Result  (cost=0.00..0.00 rows=0 width=\(width))"] : lines
    }

    static func node(_ object: Any) -> Node? {
        guard let object = object as? [String: Any], let name = object["name"] as? String else { return nil }
        let extra = object["extra_info"] as? [String: Any]
        let estimate = (extra?["Estimated Cardinality"] as? String).map { $0.filter(\.isNumber) }
        let children = (object["children"] as? [Any] ?? []).compactMap(node)
        return Node(name: name, rows: estimate.flatMap { Int($0) } ?? 0, children: children)
    }

    private static func render(_ node: Node, depth: Int, width: Int, product: String?, into lines: inout [String]) {
        let prefix = depth == 0 ? "" : String(repeating: " ", count: 6 * (depth - 1) + 2) + "->  "
        let cost = String(format: "%.2f", node.cost)
        lines.append("\(prefix)\(label(node, product: product))  (cost=0.00..\(cost) rows=\(node.rows) width=\(width))")
        for child in node.children { render(child, depth: depth + 1, width: width, product: product, into: &lines) }
    }

    /// `HASH_GROUP_BY` as `Hash Group By`; a scan of the products as `Seq Scan on sales.orders`.
    static func label(_ node: Node, product: String?) -> String {
        switch node.name {
        case "READ_PARQUET", "PARQUET_SCAN", "TABLE_SCAN", "SEQ_SCAN":
            return product.map { "Seq Scan on \($0)" } ?? "Seq Scan"
        default:
            return node.name.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }
                .joined(separator: " ")
        }
    }

    /// A result row's width in bytes, as PostgreSQL estimates it: the fixed size of each column's
    /// type, 32 for one of variable size.
    static func width(of types: [String]) -> Int {
        types.map { type in
            switch type.uppercased() {
            case "BOOLEAN", "TINYINT", "UTINYINT": 1
            case "SMALLINT", "USMALLINT": 2
            case "INTEGER", "UINTEGER", "DATE", "FLOAT": 4
            case "BIGINT", "UBIGINT", "DOUBLE", "TIME", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE": 8
            case "HUGEINT", "UHUGEINT", "UUID", "INTERVAL": 16
            default: type.uppercased().hasPrefix("DECIMAL") ? 8 : 32
            }
        }.reduce(0, +)
    }
}
