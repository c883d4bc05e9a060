import TesseraModel

/// A dashboard ready to lay out: what the header says and each chart with its rows.
public struct DashboardDocument: Sendable {
    public struct Entry: Sendable {
        public var chart: Chart
        public var outcome: ChartOutcome
        public init(chart: Chart, outcome: ChartOutcome) {
            self.chart = chart
            self.outcome = outcome
        }
    }

    public var title: String
    public var description: String?
    /// `name = value` of each parameter as used.
    public var parameters: [String]
    /// Whom the numbers are shown to, e.g. `domain finance`.
    public var viewer: String
    /// `<product> <snapshot id>` of every snapshot a chart read.
    public var snapshots: [String]
    /// When it was rendered, as text (UTC).
    public var renderedAt: String
    public var columns: Int
    public var entries: [Entry]

    public init(
        title: String, description: String?, parameters: [String], viewer: String, snapshots: [String],
        renderedAt: String, columns: Int, entries: [Entry]
    ) {
        self.title = title
        self.description = description
        self.parameters = parameters
        self.viewer = viewer
        self.snapshots = snapshots
        self.renderedAt = renderedAt
        self.columns = columns
        self.entries = entries
    }
}

/// The paper a dashboard is paged for, in points.
public enum Paper: String, Sendable, CaseIterable {
    case a4, letter

    public var size: (width: Double, height: Double) {
        switch self {
        case .a4: (595.28, 841.89)
        case .letter: (612, 792)
        }
    }
}
