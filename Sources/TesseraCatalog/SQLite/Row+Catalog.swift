internal import GRDB

extension Row {
    /// A stored enum's raw string, refused (not trapped) when this binary does not know it.
    func decodeEnum<E: RawRepresentable>(_ type: E.Type, _ column: String, table: String) throws -> E
    where E.RawValue == String {
        let text: String = try decode(forColumn: column)
        guard let value = E(rawValue: text) else { throw StoredValueError(column: "\(table).\(column)", value: text) }
        return value
    }
}
