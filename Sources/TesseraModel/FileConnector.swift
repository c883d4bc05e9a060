/// csv, json and parquet: files matched by a glob.
public struct FileConnector: Sendable, Hashable {
    /// Relative to the project root, or absolute.
    public var path: ConfigString
    public var glob: Glob
    /// Reader options passed on to the engine (delimiter, header, quote, date_format, …).
    public var options: [ConnectorSetting]

    public init(path: ConfigString, glob: Glob, options: [ConnectorSetting] = []) {
        self.path = path
        self.glob = glob
        self.options = options
    }
}
