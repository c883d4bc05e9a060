/// domains/<domain>/dashboards/<name>.yaml: charts over products, owned by the domain, shown to
/// the domains it names as readers, each as that reader may see the data.
public struct Dashboard: Sendable, Hashable {
    public var name: String
    public var domain: String
    public var title: String
    public var description: String?
    /// Who may be shown it besides the owning domain (`readers:`): validation checks that each
    /// may read every product a chart reads.
    public var readers: [String]
    public var parameters: [DashboardParameter]
    public var charts: [Chart]
    /// How many columns the page's grid has (`columns:`, 1 to 4; 2 by default).
    public var columns: Int
    /// When and where it is rendered and sent by `tessera serve` (`deliver:`).
    public var deliveries: [DashboardDelivery] = []
    public var location: SourceLocation

    public init(
        name: String, domain: String, title: String, description: String? = nil, readers: [String] = [],
        parameters: [DashboardParameter] = [], charts: [Chart] = [], columns: Int = 2, location: SourceLocation
    ) {
        self.name = name
        self.domain = domain
        self.title = title
        self.description = description
        self.readers = readers
        self.parameters = parameters
        self.charts = charts
        self.columns = columns
        self.location = location
    }

    /// `<domain>.<name>`, how commands name it.
    public var qualifiedName: String { "\(domain).\(name)" }

    public func parameter(named name: String) -> DashboardParameter? { parameters.first { $0.name == name } }
}

/// A value a viewer chooses when the dashboard is rendered; charts' SQL names it `@name`
/// (a date range's ends: `@name.start`, `@name.end`).
public struct DashboardParameter: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// `default`: `last_<N>_days` or `<start>..<end>` (ISO dates).
        case dateRange(default: String)
        /// The values are the first column of `query` (SQL over products, as the viewer reads
        /// them); `default` nil means the first of them.
        case category(query: String, queryLocation: TextLocation, default: String?)
    }

    public var name: String
    public var label: String?
    public var kind: Kind
    public var location: SourceLocation

    public init(name: String, label: String? = nil, kind: Kind, location: SourceLocation) {
        self.name = name
        self.label = label
        self.kind = kind
        self.location = location
    }
}
