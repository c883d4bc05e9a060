import Foundation

/// A Swift type that has a natural SQL value, so it can be bound or appended directly.
public protocol DuckDBValueConvertible {
    var duckDBValue: DuckDBValue { get }
}

extension DuckDBValue: DuckDBValueConvertible {
    public var duckDBValue: DuckDBValue { self }
}

extension Bool: DuckDBValueConvertible { public var duckDBValue: DuckDBValue { .boolean(self) } }
extension Int8: DuckDBValueConvertible { public var duckDBValue: DuckDBValue { .tinyint(self) } }
extension Int16: DuckDBValueConvertible { public var duckDBValue: DuckDBValue { .smallint(self) } }
extension Int32: DuckDBValueConvertible { public var duckDBValue: DuckDBValue { .integer(self) } }
extension Int64: DuckDBValueConvertible { public var duckDBValue: DuckDBValue { .bigint(self) } }
extension Int: DuckDBValueConvertible { public var duckDBValue: DuckDBValue { .bigint(Int64(self)) } }
extension UInt8: DuckDBValueConvertible { public var duckDBValue: DuckDBValue { .utinyint(self) } }
extension UInt16: DuckDBValueConvertible { public var duckDBValue: DuckDBValue { .usmallint(self) } }
extension UInt32: DuckDBValueConvertible { public var duckDBValue: DuckDBValue { .uinteger(self) } }
extension UInt64: DuckDBValueConvertible { public var duckDBValue: DuckDBValue { .ubigint(self) } }
extension UInt: DuckDBValueConvertible { public var duckDBValue: DuckDBValue { .ubigint(UInt64(self)) } }
extension Float: DuckDBValueConvertible { public var duckDBValue: DuckDBValue { .float(self) } }
extension Double: DuckDBValueConvertible { public var duckDBValue: DuckDBValue { .double(self) } }
extension String: DuckDBValueConvertible { public var duckDBValue: DuckDBValue { .varchar(self) } }
extension Substring: DuckDBValueConvertible { public var duckDBValue: DuckDBValue { .varchar(String(self)) } }
extension Data: DuckDBValueConvertible { public var duckDBValue: DuckDBValue { .blob(self) } }
extension UUID: DuckDBValueConvertible { public var duckDBValue: DuckDBValue { .uuid(self) } }
extension DuckDBHugeInt: DuckDBValueConvertible { public var duckDBValue: DuckDBValue { .hugeint(self) } }
extension DuckDBUHugeInt: DuckDBValueConvertible { public var duckDBValue: DuckDBValue { .uhugeint(self) } }
extension DuckDBDecimal: DuckDBValueConvertible { public var duckDBValue: DuckDBValue { .decimal(self) } }
extension DuckDBDate: DuckDBValueConvertible { public var duckDBValue: DuckDBValue { .date(self) } }
extension DuckDBTime: DuckDBValueConvertible { public var duckDBValue: DuckDBValue { .time(self) } }
extension DuckDBTimestamp: DuckDBValueConvertible { public var duckDBValue: DuckDBValue { .timestamp(self) } }
extension DuckDBInterval: DuckDBValueConvertible { public var duckDBValue: DuckDBValue { .interval(self) } }

/// A `Date` is an instant, so it becomes a TIMESTAMP WITH TIME ZONE (microsecond precision).
extension Date: DuckDBValueConvertible {
    public var duckDBValue: DuckDBValue { .timestampTZ(DuckDBTimestamp(self)) }
}

/// `[UInt8]` is a BLOB.
extension Array: DuckDBValueConvertible where Element == UInt8 {
    public var duckDBValue: DuckDBValue { .blob(Data(self)) }
}

extension Optional: DuckDBValueConvertible where Wrapped: DuckDBValueConvertible {
    public var duckDBValue: DuckDBValue { self?.duckDBValue ?? .null }
}
