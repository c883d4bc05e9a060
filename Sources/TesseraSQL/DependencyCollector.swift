/// Finds every table reference in DuckDB's JSON tree, with CTE scoping.
///
/// It walks the whole tree generically, not field by field, so a subquery in any position (select
/// list, WHERE, JOIN, set operation branch, CTE body, lateral join, function argument, a node type
/// this code has never seen) is found. A `cte_map` makes its names visible to the node that owns it;
/// CTE *i* sees CTEs 0..<i of the same WITH (DuckDB's rule), a recursive CTE also sees itself.
struct DependencyCollector {
    struct Found {
        var relation: RelationName
        var offset: Int?
    }

    private(set) var found: [Found] = []
    /// Relations user SQL may not read (files, the engine's catalog): refused, not dependencies.
    private(set) var refused: [SQLRefusal] = []
    private(set) var usesThis = false

    mutating func collect(_ node: JSONValue) {
        walk(node, visible: [])
    }

    private mutating func walk(_ node: JSONValue, visible: Set<String>) {
        switch node {
        case .array(let values):
            for value in values { walk(value, visible: visible) }
        case .object(let fields):
            var visible = visible
            if let cteMap = fields["cte_map"] {
                for entry in cteMap["map"]?.array ?? [] {
                    if let body = entry["value"]?["query_node"] { walk(body, visible: visible) }
                    if let name = entry["key"]?.string { visible.insert(name.lowercased()) }
                }
            }
            if node.nodeType == "RECURSIVE_CTE_NODE", let name = node["cte_name"]?.string {
                visible.insert(name.lowercased())
            }
            if node.nodeType == "BASE_TABLE", let name = node["table_name"]?.string {
                record(node, name: name, visible: visible)
            }
            for (key, value) in fields where key != "cte_map" {
                walk(value, visible: visible)
            }
        default:
            return
        }
    }

    private mutating func record(_ node: JSONValue, name: String, visible: Set<String>) {
        let schema = node["schema_name"]?.nonEmptyString
        let catalog = node["catalog_name"]?.nonEmptyString
        if schema == nil && catalog == nil {
            if visible.contains(name.lowercased()) { return }
            if name == MacroValues.thisPlaceholder { usesThis = true; return }
        }
        let relation = RelationName(catalog: catalog, schema: schema, name: name)
        if let refusal = UserSQLGuard.refusal(for: relation, offset: node.queryLocation) {
            refused.append(refusal)
            return
        }
        found.append(Found(relation: relation, offset: node.queryLocation))
    }
}
