/// The profile of one snapshot: what its columns held when it was published. Stored as JSON in
/// the catalog and compared with the next snapshot's profile to find drift.
public struct Profile: Codable, Sendable, Hashable {
    /// The format written by this code. Fields added later are optional, so older profiles
    /// still decode; a reader can tell from this number which fields it may expect.
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var rowCount: Int64
    public var columns: [ColumnProfile]

    public init(rowCount: Int64, columns: [ColumnProfile], schemaVersion: Int = Profile.currentSchemaVersion) {
        self.schemaVersion = schemaVersion
        self.rowCount = rowCount
        self.columns = columns
    }

    public subscript(column name: String) -> ColumnProfile? {
        columns.first { $0.name == name }
    }
}
