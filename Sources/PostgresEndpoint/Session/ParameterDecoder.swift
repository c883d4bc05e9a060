import DuckDB
import Foundation
import PostgresWire

/// A Bind's parameter values as DuckDB values: text as the type the client declared (DuckDB
/// casts it where the statement needs another), binary forms of the common types decoded.
enum ParameterDecoder {
    static func value(_ bytes: [UInt8]?, format: ValueFormat, typeOID: UInt32) throws(EndpointError) -> DuckDBValue {
        guard let bytes else { return .null }
        switch format {
        case .text: return text(String(decoding: bytes, as: UTF8.self), typeOID: typeOID)
        case .binary: return try binary(bytes, typeOID: typeOID)
        }
    }

    static func text(_ text: String, typeOID: UInt32) -> DuckDBValue {
        switch typeOID {
        case PostgresType.int2.oid, PostgresType.int4.oid, PostgresType.int8.oid:
            return Int64(text).map { .bigint($0) } ?? .varchar(text)
        case PostgresType.float4.oid, PostgresType.float8.oid:
            return Double(text).map { .double($0) } ?? .varchar(text)
        case PostgresType.bool.oid:
            switch text.lowercased() {
            case "t", "true", "1", "yes", "on", "y": return .boolean(true)
            case "f", "false", "0", "no", "off", "n": return .boolean(false)
            default: return .varchar(text)
            }
        default: return .varchar(text)
        }
    }

    static func binary(_ bytes: [UInt8], typeOID: UInt32) throws(EndpointError) -> DuckDBValue {
        func integer() -> Int64 {
            var value: Int64 = bytes.first.map { $0 & 0x80 != 0 ? -1 : 0 } ?? 0
            for byte in bytes { value = value << 8 | Int64(byte) }
            return value
        }
        switch (typeOID, bytes.count) {
        case (PostgresType.int2.oid, 2), (PostgresType.int4.oid, 4), (PostgresType.int8.oid, 8):
            return .bigint(integer())
        case (PostgresType.float4.oid, 4):
            return .double(Double(Float(bitPattern: UInt32(truncatingIfNeeded: integer()))))
        case (PostgresType.float8.oid, 8): return .double(Double(bitPattern: UInt64(bitPattern: integer())))
        case (PostgresType.bool.oid, 1): return .boolean(bytes[0] != 0)
        case (PostgresType.text.oid, _), (PostgresType.varchar.oid, _), (0, _), (19, _), (1042, _):
            return .varchar(String(decoding: bytes, as: UTF8.self))
        case (PostgresType.bytea.oid, _): return .blob(Data(bytes))
        case (PostgresType.date.oid, 4): return .date(DuckDBDate(days: Int32(integer()) + ValueEncoder.epochDays))
        case (PostgresType.timestamp.oid, 8):
            return .timestamp(DuckDBTimestamp(microseconds: integer() + ValueEncoder.epochMicroseconds))
        case (PostgresType.timestamptz.oid, 8):
            return .timestampTZ(DuckDBTimestamp(microseconds: integer() + ValueEncoder.epochMicroseconds))
        case (PostgresType.uuid.oid, 16):
            let id = UUID(
                uuid: (
                    bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                    bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
                ))
            return .uuid(id)
        default:
            throw EndpointError(
                EndpointError.Code.featureNotSupported,
                "a binary parameter of type \(PostgresTypeNames.name(for: typeOID) ?? "oid \(typeOID)") is not supported",
                hint: "send it in text format")
        }
    }
}
