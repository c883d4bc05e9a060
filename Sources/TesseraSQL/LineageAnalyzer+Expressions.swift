import TesseraModel

extension LineageAnalyzer {
    /// Where an expression is evaluated, and how its result is used.
    struct Context {
        var scope: Scope?
        var ctes: CTEScope?
        /// How the value of the expression reaches the output: `.identity` at the top of a select
        /// item, an indirect kind in WHERE, JOIN, GROUP BY, …
        var kind: LineageKind
        /// The select items so far, for positional references (`GROUP BY 1`, `#2`).
        var items: [Slot]
        /// Integer constants are positions (GROUP BY, ORDER BY).
        var positional = false
        var lambdaParameters: Set<String> = []

        func with(_ kind: LineageKind) -> Context {
            var copy = self
            copy.kind = kind
            copy.positional = false
            return copy
        }

        /// One level down inside a direct expression: at least a transformation.
        var nested: Context { with(kind.composed(with: .transformation)) }
    }

    /// Names DuckDB reads as functions when no column has them.
    static let specialNames: Set<String> = [
        "current_date", "current_time", "current_timestamp", "localtime", "localtimestamp",
        "current_user", "session_user", "user", "current_role", "current_catalog", "current_schema", "rowid",
    ]

    /// Aggregate functions: their arguments flow into the output as `.aggregation`.
    static let aggregateFunctions: Set<String> = [
        "sum", "count", "count_star", "avg", "mean", "min", "max", "first", "last", "any_value", "arbitrary",
        "arg_max", "arg_min", "argmax", "argmin", "max_by", "min_by", "string_agg", "group_concat", "listagg",
        "array_agg", "list", "median", "mode", "quantile", "quantile_cont", "quantile_disc", "percentile_cont",
        "percentile_disc", "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp", "corr",
        "covar_pop", "covar_samp", "approx_count_distinct", "approx_quantile", "bit_and", "bit_or", "bit_xor",
        "bool_and", "bool_or", "every", "product", "histogram", "entropy", "kurtosis", "skewness", "fsum",
        "sumkahan", "kahan_sum", "favg", "count_if", "countif", "geomean", "mad", "reservoir_quantile",
        "json_group_array", "json_group_object", "map_agg", "bitstring_agg", "sem", "regr_avgx", "regr_avgy",
        "regr_count", "regr_intercept", "regr_r2", "regr_slope", "regr_sxx", "regr_sxy", "regr_syy",
    ]

    func lineage(of expression: JSONValue, _ context: Context) -> ExpressionLineage {
        switch expression.expressionClass {
        case "COLUMN_REF":
            let parts = (expression["column_names"]?.array ?? []).compactMap(\.string)
            return resolve(parts, at: expression.queryLocation, context).through(context.kind)
        case "CONSTANT":
            if context.positional,
                let index = expression["literal"]?["text"]?.string.flatMap(Int.init)
                    ?? expression["value"]?["value"]?.integer
            {
                return positional(index, context)
            }
            return .empty
        case "POSITIONAL_REFERENCE":
            return positional(expression["index"]?.integer ?? 0, context)
        case "PARAMETER", "DEFAULT", "TYPE":
            return .empty
        case "STAR":
            return starLineage(expression, context)
        case "FUNCTION":
            return functionLineage(expression, context)
        case "WINDOW":
            return windowLineage(expression, context)
        case "CASE":
            return caseLineage(expression, context)
        case "SUBQUERY":
            return subqueryLineage(expression, context)
        case "LAMBDA":
            var inner = context.nested
            inner.lambdaParameters.formUnion(Self.lambdaParameters(expression["lhs"]))
            return expression["expr"].map { lineage(of: $0, inner) } ?? .empty
        default:
            // Casts, operators, comparisons, conjunctions, BETWEEN, COLLATE, and any class this
            // code does not know: the columns in it are transformed into the result.
            return children(of: expression, skipping: [], context.nested)
        }
    }

    /// ORDER BY ALL, struct_pack(*), count(t.*): every column the star covers.
    private func starLineage(_ expression: JSONValue, _ context: Context) -> ExpressionLineage {
        let relation = expression["relation_name"]?.nonEmptyString?.lowercased()
        var result = ExpressionLineage.empty
        for binding in context.scope?.bindings ?? [] where relation == nil || binding.alias.lowercased() == relation {
            switch binding.columns {
            case .slots(let slots): for slot in slots { result.formUnion(slot.lineage) }
            case .opaque(let lineage): result.formUnion(lineage)
            case .unknown: break
            }
        }
        return result.through(context.kind.composed(with: .transformation))
    }

    /// An aggregate's arguments are aggregated, any other function's transformed; its `FILTER`
    /// is a condition and its `ORDER BY` a sort.
    private func functionLineage(_ expression: JSONValue, _ context: Context) -> ExpressionLineage {
        let name = expression["function_name"]?.string?.lowercased() ?? ""
        let inner =
            Self.aggregateFunctions.contains(name)
            ? context.with(context.kind.composed(with: .aggregation))
            : context.nested
        var result = children(of: expression, skipping: ["filter", "order_bys"], inner)
        if let filter = expression["filter"], filter.isObject {
            result.formUnion(lineage(of: filter, context.with(.conditional)))
        }
        for order in expression["order_bys"]?["orders"]?.array ?? [] {
            if let value = order["expression"] { result.formUnion(lineage(of: value, context.with(.sort))) }
        }
        return result
    }

    /// A window's arguments are aggregated; its partitions and orders shape the window.
    private func windowLineage(_ expression: JSONValue, _ context: Context) -> ExpressionLineage {
        let inner = context.with(context.kind.composed(with: .aggregation))
        var result = children(of: expression, skipping: ["partitions", "orders", "filter_expr"], inner)
        for partition in expression["partitions"]?.array ?? [] {
            result.formUnion(lineage(of: partition, context.with(.window)))
        }
        for order in expression["orders"]?.array ?? [] {
            if let value = order["expression"] { result.formUnion(lineage(of: value, context.with(.window))) }
        }
        if let filter = expression["filter_expr"], filter.isObject {
            result.formUnion(lineage(of: filter, context.with(.conditional)))
        }
        return result
    }

    /// `WHEN` conditions are conditional; `THEN` and `ELSE` values flow into the result.
    private func caseLineage(_ expression: JSONValue, _ context: Context) -> ExpressionLineage {
        var result = ExpressionLineage.empty
        for branch in expression["case_checks"]?.array ?? [] {
            if let condition = branch["when_expr"] {
                result.formUnion(lineage(of: condition, context.with(.conditional)))
            }
            if let value = branch["then_expr"] { result.formUnion(lineage(of: value, context.nested)) }
        }
        if let value = expression["else_expr"], value.isObject {
            result.formUnion(lineage(of: value, context.nested))
        }
        return result
    }

    /// A scalar subquery's first column flows into the result; `EXISTS` only conditions it; `IN`
    /// and comparisons take every column and the expression compared.
    private func subqueryLineage(_ expression: JSONValue, _ context: Context) -> ExpressionLineage {
        guard let body = expression["subquery"]?["node"] else { return .empty }
        let slots = querySlots(body, ctes: context.ctes, outer: context.scope)
        var result = ExpressionLineage.empty
        switch expression["subquery_type"]?.string {
        case "SCALAR":
            if let first = slots.first { result = first.lineage.through(context.nested.kind) }
        case "EXISTS", "NOT_EXISTS":
            for slot in slots { result.formUnion(slot.lineage.through(.conditional)) }
        default:
            for slot in slots { result.formUnion(slot.lineage.through(context.nested.kind)) }
            if let child = expression["child"], child.isObject {
                result.formUnion(lineage(of: child, context.nested))
            }
        }
        return result
    }

    /// The lineage of every expression nested in `expression`, through wrapper objects and arrays
    /// (`arguments: [{expression: …}]`), not descending past the first expression on each path.
    private func children(of expression: JSONValue, skipping: Set<String>, _ context: Context) -> ExpressionLineage {
        var result = ExpressionLineage.empty
        func visit(_ value: JSONValue) {
            switch value {
            case .array(let values):
                values.forEach(visit)
            case .object(let fields):
                if value.expressionClass != nil {
                    result.formUnion(lineage(of: value, context))
                } else {
                    for (key, field) in fields where key != "qualified_name" { visit(field) }
                }
            default:
                break
            }
        }
        if case .object(let fields) = expression {
            for (key, field) in fields where !skipping.contains(key) && key != "qualified_name" { visit(field) }
        }
        return result
    }

    private func positional(_ index: Int, _ context: Context) -> ExpressionLineage {
        guard index >= 1, index <= context.items.count else { return .empty }
        return context.items[index - 1].lineage.reused(as: context.kind)
    }

    private static func lambdaParameters(_ value: JSONValue?) -> Set<String> {
        guard let value else { return [] }
        if value.expressionClass == "COLUMN_REF" {
            return Set((value["column_names"]?.array ?? []).compactMap { $0.string?.lowercased() })
        }
        var names: Set<String> = []
        if case .object(let fields) = value {
            for field in fields.values {
                for element in field.array { names.formUnion(lambdaParameters(element)) }
                if field.isObject { names.formUnion(lambdaParameters(field)) }
            }
        }
        return names
    }

    // MARK: Column references

    private func resolve(_ parts: [String], at offset: Int?, _ context: Context) -> ExpressionLineage {
        guard let first = parts.first else { return .empty }
        let lowered = first.lowercased()
        if context.lambdaParameters.contains(lowered) { return .empty }
        let written = parts.joined(separator: ".")
        var scope = context.scope
        var innermost = true
        var visibleNames: [String] = []
        while let current = scope {
            switch current.resolve(parts) {
            case .found(let lineage):
                return lineage
            case .unchecked(let lineage):
                dependsOnUnknownColumns = true
                return lineage
            case .ambiguous(let aliases):
                diagnostics.append(
                    .error(
                        "column reference '\(written)' is ambiguous: \(aliases.map { "'\($0)'" }.joined(separator: " and ")) both have it",
                        at: locate(offset),
                        hint: aliases.first.map { "qualify it, e.g. \($0).\(first)" }
                    ))
                return .empty
            case .unresolved:
                dependsOnUnknownColumns = true
                return ExpressionLineage(unresolved: [written])
            case .missingColumn(let binding):
                let column = parts.count >= 3 && binding.alias.lowercased() != lowered ? parts[2] : parts[1]
                diagnostics.append(
                    .error(
                        "'\(binding.alias)' has no column '\(column)'",
                        at: locate(offset),
                        hint: closestName(to: column, among: binding.knownColumnNames).map {
                            "did you mean '\(binding.alias).\($0)'?"
                        }
                    ))
                return .empty
            case .notFound(let allKnown):
                if !allKnown {
                    dependsOnUnknownColumns = true
                    return ExpressionLineage(unresolved: [written])
                }
                visibleNames += current.bindings.flatMap(\.knownColumnNames)
            }
            if innermost, let alias = current.aliases[lowered] { return alias.reused(as: context.kind) }
            innermost = false
            scope = current.parent
        }
        if Self.specialNames.contains(lowered) || context.scope == nil { return .empty }
        diagnostics.append(
            .error(
                "column '\(written)' is not in any relation of the FROM clause",
                at: locate(offset),
                hint: closestName(to: first, among: visibleNames).map { "did you mean '\($0)'?" }
            ))
        return .empty
    }
}
