import TesseraModel

/// Column-level lineage over DuckDB's JSON tree of one SELECT.
///
/// Each query node yields its output columns as ``Slot``s, each with the base-relation columns it
/// derives from. FROM clauses become ``Binding``s (base tables through the schema provider, CTEs
/// and subqueries through their own slots), expressions are walked for column references, and
/// query-wide inputs (WHERE, JOIN, GROUP BY, HAVING, QUALIFY, ORDER BY) are added to every column
/// as indirect edges.
final class LineageAnalyzer {
    private let schemas: ColumnsProvider
    let locate: (Int?) -> SourceLocation
    private let render: (JSONValue) -> String?
    var diagnostics: [Diagnostic] = []
    /// See ``SQLAnalysis/dependsOnUnknownColumns``.
    var dependsOnUnknownColumns = false

    init(
        schemas: @escaping ColumnsProvider, locate: @escaping (Int?) -> SourceLocation,
        render: @escaping (JSONValue) -> String?
    ) {
        self.schemas = schemas
        self.locate = locate
        self.render = render
    }

    func outputColumns(of node: JSONValue) -> [OutputColumn] {
        querySlots(node, ctes: nil, outer: nil).map { slot in
            OutputColumn(
                name: slot.name,
                lineage: slot.lineage.edges.sorted(),
                isUnresolvedStar: slot.star != nil,
                unresolvedReferences: slot.lineage.unresolved.sorted()
            )
        }
    }

    // MARK: Query nodes

    func querySlots(_ node: JSONValue, ctes: CTEScope?, outer: Scope?) -> [Slot] {
        var ctes = ctes
        for entry in node["cte_map"]?["map"]?.array ?? [] {
            guard let name = entry["key"]?.string, let body = entry["value"]?["query_node"] else { continue }
            let aliases = (entry["value"]?["aliases"]?.array ?? []).compactMap(\.string)
            let slots = renamed(querySlots(body, ctes: ctes, outer: nil), to: aliases)
            ctes = CTEScope(name: name, slots: slots, parent: ctes)
        }
        switch node.nodeType {
        case "SELECT_NODE":
            return selectSlots(node, ctes: ctes, outer: outer)
        case "SET_OPERATION_NODE":
            var children = node["children"]?.array ?? []
            if children.isEmpty { children = [node["left"], node["right"]].compactMap { $0 } }
            let branches = children.map { querySlots($0, ctes: ctes, outer: outer) }
            let byName = node["setop_type"]?.string?.hasSuffix("BY_NAME") == true
            return byName ? mergedByName(branches) : mergedByPosition(branches)
        case "RECURSIVE_CTE_NODE":
            guard let left = node["left"], let right = node["right"] else { return [] }
            let aliases = (node["aliases"]?.array ?? []).compactMap(\.string)
            let anchor = renamed(querySlots(left, ctes: ctes, outer: outer), to: aliases)
            let name = node["cte_name"]?.string ?? ""
            let recursive = querySlots(right, ctes: CTEScope(name: name, slots: anchor, parent: ctes), outer: outer)
            return mergedByPosition([anchor, recursive])
        default:
            return [Slot(star: UnresolvedStar(text: "*", fallback: []))]
        }
    }

    private func selectSlots(_ node: JSONValue, ctes: CTEScope?, outer: Scope?) -> [Slot] {
        var joinLineage = ExpressionLineage.empty
        var merged: [String: ExpressionLineage] = [:]
        let bindings = bind(
            node["from_table"], ctes: ctes, outer: outer, left: [], merged: &merged, joinLineage: &joinLineage)
        let scope = Scope(bindings: bindings, merged: merged, parent: outer)
        let items = selectItems(node, scope: scope, ctes: ctes)
        var queryWide = joinLineage
        queryWide.formUnion(clauseLineage(node, scope: scope, ctes: ctes, items: items))
        return items.map { item in
            guard item.star == nil else { return item }
            var item = item
            item.lineage.formUnion(queryWide)
            return item
        }
    }

    /// The select list's items, stars expanded; an item's alias is known to the items after it.
    private func selectItems(_ node: JSONValue, scope: Scope, ctes: CTEScope?) -> [Slot] {
        var items: [Slot] = []
        for expression in node["select_list"]?.array ?? [] {
            if expression.expressionClass == "STAR" {
                items += expandStar(expression, scope: scope, ctes: ctes, items: items)
                continue
            }
            let context = Context(scope: scope, ctes: ctes, kind: .identity, items: items)
            let lineage = self.lineage(of: expression, context)
            let name = outputName(of: expression, position: items.count)
            items.append(Slot(name: name, lineage: lineage))
            if let alias = expression["alias"]?.nonEmptyString { scope.aliases[alias.lowercased()] = lineage }
        }
        return items
    }

    /// What every output column depends on besides its own expression: filters, grouping,
    /// `DISTINCT ON` and `ORDER BY`.
    private func clauseLineage(_ node: JSONValue, scope: Scope, ctes: CTEScope?, items: [Slot]) -> ExpressionLineage {
        var queryWide = ExpressionLineage.empty
        func add(_ expression: JSONValue?, _ kind: LineageKind) {
            guard let expression, expression.isObject else { return }
            queryWide.formUnion(
                lineage(of: expression, Context(scope: scope, ctes: ctes, kind: kind, items: items, positional: true)))
        }
        // ORDER BY and DISTINCT ON read a bare name as the select item of that name first, as
        // DuckDB does (`order by k` is the item `a.k + b.k as k`, even if a and b both have k).
        func addPreferringItems(_ expression: JSONValue?, _ kind: LineageKind) {
            if let item = Self.selectItem(named: expression, in: items) {
                queryWide.formUnion(item.lineage.reused(as: kind))
            } else {
                add(expression, kind)
            }
        }
        add(node["where_clause"], .filter)
        add(node["having"], .filter)
        add(node["qualify"], .filter)
        for expression in node["group_expressions"]?.array ?? [] { add(expression, .groupBy) }
        if node["aggregate_handling"]?.string == "FORCE_AGGREGATES" {
            // GROUP BY ALL groups by every select item that aggregates nothing.
            for item in items where item.star == nil && !item.lineage.edges.contains(where: { $0.kind == .aggregation })
            {
                queryWide.formUnion(
                    ExpressionLineage(edges: Set(item.lineage.edges.filter(\.kind.isDirect))).through(.groupBy))
            }
        }
        for modifier in node["modifiers"]?.array ?? [] {
            switch modifier.nodeType {
            case "DISTINCT_MODIFIER":
                for target in modifier["distinct_on_targets"]?.array ?? [] { addPreferringItems(target, .groupBy) }
            case "ORDER_MODIFIER":
                for order in modifier["orders"]?.array ?? [] { addPreferringItems(order["expression"], .sort) }
            default:
                break
            }
        }
        return queryWide
    }

    /// The select item an unqualified column reference names, if any.
    private static func selectItem(named expression: JSONValue?, in items: [Slot]) -> Slot? {
        guard let expression, expression.expressionClass == "COLUMN_REF",
            let parts = expression["column_names"]?.array, parts.count == 1,
            let name = parts.first?.string?.lowercased()
        else { return nil }
        return items.first { $0.star == nil && $0.name.lowercased() == name }
    }

    private func mergedByPosition(_ branches: [[Slot]]) -> [Slot] {
        guard let first = branches.first else { return [] }
        let known = branches.map { $0.firstIndex(where: { $0.star != nil }) ?? $0.count }.min() ?? 0
        var result: [Slot] = []
        for index in 0..<known {
            var slot = first[index]
            for branch in branches.dropFirst() where index < branch.count {
                slot.lineage.formUnion(branch[index].lineage)
            }
            result.append(slot)
        }
        if branches.contains(where: { $0.count != known }) {
            let stars = branches.flatMap { $0.compactMap(\.star) }
            result.append(
                Slot(star: UnresolvedStar(text: stars.first?.text ?? "*", fallback: stars.flatMap(\.fallback))))
        }
        return result
    }

    private func mergedByName(_ branches: [[Slot]]) -> [Slot] {
        var result: [Slot] = []
        for slot in branches.joined() {
            if slot.star == nil,
                let index = result.firstIndex(where: {
                    $0.star == nil && $0.name.lowercased() == slot.name.lowercased()
                })
            {
                result[index].lineage.formUnion(slot.lineage)
            } else {
                result.append(slot)
            }
        }
        return result
    }

    private func renamed(_ slots: [Slot], to aliases: [String]) -> [Slot] {
        var slots = slots
        for (index, alias) in aliases.enumerated() where index < slots.count && slots[index].star == nil {
            slots[index].name = alias
        }
        return slots
    }

    // MARK: FROM

    private func bind(
        _ reference: JSONValue?, ctes: CTEScope?, outer: Scope?, left: [Binding],
        merged: inout [String: ExpressionLineage], joinLineage: inout ExpressionLineage
    ) -> [Binding] {
        guard let reference, reference.isObject else { return [] }
        let alias = reference["alias"]?.nonEmptyString
        let columnAliases = (reference["column_name_alias"]?.array ?? []).compactMap(\.string)
        // Subqueries and table functions may read the relations to their left (LATERAL).
        let lateral = Scope(bindings: left, merged: merged, parent: outer)

        switch reference.nodeType {
        case "EMPTY", nil:
            return []
        case "BASE_TABLE":
            return [bindTable(reference, alias: alias, columnAliases: columnAliases, ctes: ctes)]
        case "SUBQUERY":
            guard let body = reference["subquery"]?["node"] else { return [] }
            let slots = renamed(querySlots(body, ctes: ctes, outer: lateral), to: columnAliases)
            return [Binding(alias: alias ?? "unnamed_subquery", relation: nil, columns: .slots(slots))]
        case "TABLE_FUNCTION":
            let function = reference["function"]
            let inputs =
                function.map { lineage(of: $0, Context(scope: lateral, ctes: ctes, kind: .transformation, items: [])) }
                ?? .empty
            let columns: Columns =
                columnAliases.isEmpty
                ? .opaque(inputs)
                : .slots(columnAliases.map { Slot(name: $0, lineage: inputs) })
            return [Binding(alias: alias ?? function?["function_name"]?.string ?? "", relation: nil, columns: columns)]
        case "EXPRESSION_LIST":
            let slots = valuesSlots(reference, columnAliases: columnAliases, scope: lateral, ctes: ctes)
            return [Binding(alias: alias ?? "valueslist", relation: nil, columns: .slots(slots))]
        case "JOIN":
            return bindJoin(
                reference, ctes: ctes, outer: outer, left: left, merged: &merged, joinLineage: &joinLineage)
        default:
            // PIVOT, SHOW_REF and anything newer: dependencies are still found, columns are not.
            return [Binding(alias: alias ?? "", relation: nil, columns: .opaque(.empty))]
        }
    }

    /// A table, view or CTE named in FROM (`this`, the model's own earlier rows, included).
    private func bindTable(_ reference: JSONValue, alias: String?, columnAliases: [String], ctes: CTEScope?)
        -> Binding
    {
        let name = reference["table_name"]?.string ?? ""
        let schema = reference["schema_name"]?.nonEmptyString
        let catalog = reference["catalog_name"]?.nonEmptyString
        if schema == nil, catalog == nil, let cte = ctes?.find(name) {
            return Binding(alias: alias ?? name, relation: nil, columns: .slots(renamed(cte.slots, to: columnAliases)))
        }
        let relation =
            schema == nil && catalog == nil && name == MacroValues.thisPlaceholder
            ? RelationName.this
            : RelationName(catalog: catalog, schema: schema, name: name)
        let bound = alias ?? name
        return Binding(
            alias: bound, relation: relation, columns: columns(of: relation, alias: bound, aliases: columnAliases))
    }

    /// `VALUES (…), (…)`: each column reads what its expressions in every row read.
    private func valuesSlots(_ reference: JSONValue, columnAliases: [String], scope: Scope, ctes: CTEScope?)
        -> [Slot]
    {
        let rows = (reference["values"]?.array ?? []).map(\.array)
        let width = rows.first?.count ?? 0
        let names = columnAliases + (columnAliases.count..<max(width, columnAliases.count)).map { "col\($0)" }
        var slots = (0..<width).map { Slot(name: names[$0], lineage: .empty) }
        for row in rows {
            for (index, expression) in row.enumerated() where index < width {
                slots[index].lineage.formUnion(
                    lineage(of: expression, Context(scope: scope, ctes: ctes, kind: .identity, items: [])))
            }
        }
        return slots
    }

    /// Both sides of a join; its condition and `USING`/`NATURAL` columns are join lineage of the
    /// whole query, and a `USING` column is one merged column, hidden on the right.
    private func bindJoin(
        _ reference: JSONValue, ctes: CTEScope?, outer: Scope?, left: [Binding],
        merged: inout [String: ExpressionLineage], joinLineage: inout ExpressionLineage
    ) -> [Binding] {
        let leftBindings = bind(
            reference["left"], ctes: ctes, outer: outer, left: left, merged: &merged, joinLineage: &joinLineage)
        var rightBindings = bind(
            reference["right"], ctes: ctes, outer: outer, left: left + leftBindings, merged: &merged,
            joinLineage: &joinLineage)
        let both = Scope(bindings: left + leftBindings + rightBindings, merged: merged, parent: outer)
        if let condition = reference["condition"], condition.isObject {
            joinLineage.formUnion(lineage(of: condition, Context(scope: both, ctes: ctes, kind: .join, items: [])))
        }
        var using = (reference["using_columns"]?.array ?? []).compactMap(\.string)
        // A column known on both sides is joined on, whatever else either side may have.
        if reference["ref_type"]?.string == "NATURAL" {
            let rightNames = Set(rightBindings.flatMap(\.knownColumnNames).map { $0.lowercased() })
            using = leftBindings.flatMap(\.knownColumnNames).filter { rightNames.contains($0.lowercased()) }
        }
        for column in using {
            var combined = ExpressionLineage.empty
            for side in [leftBindings, rightBindings] {
                switch Scope(bindings: side, parent: nil).resolve([column]) {
                case .found(let lineage), .unchecked(let lineage): combined.formUnion(lineage)
                default: break
                }
            }
            merged[column.lowercased()] = combined
            joinLineage.formUnion(combined.through(.join))
        }
        for index in rightBindings.indices { rightBindings[index].hidden.formUnion(using.map { $0.lowercased() }) }
        return leftBindings + rightBindings
    }

    /// A base table's columns: slots for the known ones, and for a relation known in part a
    /// star over the relation itself, so that other names are still taken to be its columns.
    private func columns(of relation: RelationName, alias: String, aliases: [String]) -> Columns {
        guard let known = schemas(relation) else { return .unknown(relation) }
        var slots = known.names.map {
            Slot(name: $0, lineage: ExpressionLineage(ColumnInput(relation: relation, column: $0), .identity))
        }
        if !known.isComplete {
            let rest = Binding(alias: alias, relation: relation, columns: .unknown(relation))
            slots.append(Slot(star: UnresolvedStar(text: "\(alias).*", fallback: [rest])))
        }
        return .slots(renamed(slots, to: aliases))
    }

    // MARK: Stars

    private func expandStar(_ star: JSONValue, scope: Scope, ctes: CTEScope?, items: [Slot]) -> [Slot] {
        let relation = star["relation_name"]?.nonEmptyString
        let written = relation.map { "\($0).*" } ?? "*"
        if star["columns"]?.bool == true || star["expr"]?.isObject == true {
            return [Slot(star: UnresolvedStar(text: render(star) ?? "COLUMNS(…)", fallback: scope.bindings))]
        }
        let excluded = Set((star["exclude_list"]?.array ?? []).compactMap(Self.excludedName).map { $0.lowercased() })
        var replacements: [String: JSONValue] = [:]
        for entry in star["replace_list"]?.array ?? [] {
            if let key = entry["key"]?.string, let value = entry["value"] { replacements[key.lowercased()] = value }
        }
        var targets = scope.bindings
        if let relation {
            targets = scope.bindings.filter { $0.alias.lowercased() == relation.lowercased() }
            if targets.isEmpty {
                diagnostics.append(
                    .error(
                        "'\(written)' names no relation of this FROM clause",
                        at: locate(star.queryLocation),
                        hint: closestName(to: relation, among: scope.bindings.map(\.alias)).map {
                            "did you mean '\($0).*'?"
                        }
                    ))
                return []
            }
        }
        var result: [Slot] = []
        for binding in targets {
            switch binding.columns {
            case .slots(let slots):
                for slot in slots {
                    if slot.star != nil { result.append(slot); continue }
                    let lowered = slot.name.lowercased()
                    if excluded.contains(lowered) || (relation == nil && binding.hidden.contains(lowered)) { continue }
                    var lineage = relation == nil ? (scope.merged[lowered] ?? slot.lineage) : slot.lineage
                    if let replacement = replacements[lowered] {
                        lineage = self.lineage(
                            of: replacement, Context(scope: scope, ctes: ctes, kind: .identity, items: items))
                    }
                    result.append(Slot(name: slot.name, lineage: lineage))
                }
            case .unknown, .opaque:
                let text = binding.alias.isEmpty ? written : "\(binding.alias).*"
                result.append(Slot(star: UnresolvedStar(text: text, fallback: [binding])))
            }
        }
        return result
    }

    private static func excludedName(_ value: JSONValue) -> String? {
        if let name = value.string { return name }
        if let last = (value["column_names"] ?? value["path"])?.array.last?.string { return last }
        return value["qualified_name"]?["path"]?.array.last?.string
    }

    // MARK: Names

    private func outputName(of expression: JSONValue, position: Int) -> String {
        if let alias = expression["alias"]?.nonEmptyString { return alias }
        if expression.expressionClass == "COLUMN_REF", let last = expression["column_names"]?.array.last?.string {
            return last
        }
        return render(expression) ?? "column\(position)"
    }
}
