/// A column of a relation the SQL reads.
public struct ColumnInput: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var relation: RelationName
    public var column: String

    public init(relation: RelationName, column: String) {
        self.relation = relation
        self.column = column
    }

    public var description: String { "\(relation).\(column)" }

    public static func == (lhs: ColumnInput, rhs: ColumnInput) -> Bool {
        lhs.relation == rhs.relation && lhs.column.lowercased() == rhs.column.lowercased()
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(relation)
        hasher.combine(column.lowercased())
    }

    public static func < (lhs: ColumnInput, rhs: ColumnInput) -> Bool {
        if lhs.relation != rhs.relation { return lhs.relation < rhs.relation }
        return lhs.column.lowercased() < rhs.column.lowercased()
    }
}

/// How an output column depends on an input column.
///
/// Direct kinds carry the input's value into the output; indirect kinds decide which rows, groups
/// or branches there are without being copied (the distinction OpenLineage draws too).
public enum LineageKind: String, Hashable, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    /// The value, unchanged (possibly renamed).
    case identity
    /// The value, computed on: functions, operators, casts, CASE branches, COALESCE.
    case transformation
    /// The value, aggregated: `sum(x)`, `count(x)`, the argument of a window function.
    case aggregation
    /// A join condition or `USING` column.
    case join
    /// `WHERE`, `HAVING`, `QUALIFY`.
    case filter
    /// `GROUP BY`, `DISTINCT ON`.
    case groupBy
    /// `ORDER BY` of the query.
    case sort
    /// `PARTITION BY` / `ORDER BY` of a window.
    case window
    /// A `CASE WHEN` condition, an aggregate's `FILTER`, an `EXISTS` subquery.
    case conditional

    public var isDirect: Bool { self == .identity || self == .transformation || self == .aggregation }

    public var description: String { rawValue }

    public static func < (lhs: LineageKind, rhs: LineageKind) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }

    /// The kind of a dependency of kind `inner` seen through a use of kind `self`. An indirect
    /// dependency keeps its kind (a filter inside a CTE still filters); a direct one takes the
    /// kind of an indirect use (a column joined on is a join input), or the strongest direct kind.
    func composed(with inner: LineageKind) -> LineageKind {
        if !inner.isDirect { return inner }
        if !isDirect { return self }
        return max(self, inner)
    }
}

/// One input of an output column.
public struct LineageEdge: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var input: ColumnInput
    public var kind: LineageKind

    public init(_ input: ColumnInput, _ kind: LineageKind) {
        self.input = input
        self.kind = kind
    }

    public var description: String { "\(input) (\(kind))" }

    public static func < (lhs: LineageEdge, rhs: LineageEdge) -> Bool {
        (lhs.input, lhs.kind) < (rhs.input, rhs.kind)
    }
}

/// A column of the model's result, with the input columns it derives from.
public struct OutputColumn: Hashable, Sendable, CustomStringConvertible {
    /// The alias, else the column name, else DuckDB's own name for the expression (`(x + 1)`,
    /// `count_star()`). For an unresolved star, the star as written: `*` or `t.*`.
    public var name: String
    /// Sorted, without duplicates.
    public var lineage: [LineageEdge]
    /// True for a `*` / `t.*` / `COLUMNS(…)` whose columns are not known (no schema for a
    /// relation it covers): it stands for zero or more columns.
    public var isUnresolvedStar: Bool
    /// Column names the analysis could not attribute to one relation (several relations of
    /// unknown schema were in scope), sorted.
    public var unresolvedReferences: [String]

    public init(
        name: String, lineage: [LineageEdge], isUnresolvedStar: Bool = false, unresolvedReferences: [String] = []
    ) {
        self.name = name
        self.lineage = lineage
        self.isUnresolvedStar = isUnresolvedStar
        self.unresolvedReferences = unresolvedReferences
    }

    /// The inputs whose values flow into this column.
    public var directInputs: [ColumnInput] { Array(Set(lineage.filter(\.kind.isDirect).map(\.input))).sorted() }

    /// The inputs that only filter, join, group, sort or partition.
    public var indirectInputs: [ColumnInput] { Array(Set(lineage.filter { !$0.kind.isDirect }.map(\.input))).sorted() }

    public var description: String {
        "\(name)\(isUnresolvedStar ? " (unresolved)" : ""): " + lineage.map(\.description).joined(separator: ", ")
    }
}
