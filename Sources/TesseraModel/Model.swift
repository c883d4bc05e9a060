/// domains/<domain>/models/<model>.sql and its optional <model>.yaml.
public struct Model: Sendable, Hashable {
    public struct Column: Sendable, Hashable {
        public var name: String
        public var description: String?
        /// Column checks, each with `column` filled in.
        public var checks: [Check]
        public var location: SourceLocation

        public init(name: String, description: String? = nil, checks: [Check] = [], location: SourceLocation) {
            self.name = name
            self.description = description
            self.checks = checks
            self.location = location
        }
    }

    public var name: String
    public var domain: String
    /// The SELECT exactly as read from the .sql file.
    public var sql: String
    /// Path of the .sql file, relative to the project root.
    public var sqlFile: String
    /// Path of the .yaml file when there is one.
    public var configFile: String?
    public var description: String?
    public var materialization: Materialization
    public var tags: [String]
    public var columns: [Column]
    /// Table-level checks (`checks:`).
    public var checks: [Check]
    /// When it builds by itself, with the domain's defaults applied.
    public var automation: Automation
    /// The start of the .sql file.
    public var location: SourceLocation

    public init(
        name: String, domain: String, sql: String, sqlFile: String, configFile: String? = nil,
        description: String? = nil, materialization: Materialization = .table, tags: [String] = [],
        columns: [Column] = [], checks: [Check] = [], automation: Automation = .init(), location: SourceLocation
    ) {
        self.name = name
        self.domain = domain
        self.sql = sql
        self.sqlFile = sqlFile
        self.configFile = configFile
        self.description = description
        self.materialization = materialization
        self.tags = tags
        self.columns = columns
        self.checks = checks
        self.automation = automation
        self.location = location
    }

    /// Every check of the model: the table-level ones, then each column's.
    public var allChecks: [Check] { checks + columns.flatMap(\.checks) }
}
