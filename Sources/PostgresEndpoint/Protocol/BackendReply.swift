import PostgresWire

/// A message the endpoint sends, and its encoding. Data rows of large results are encoded
/// straight into the output buffer (`DataRowWriter`) rather than through this enum.
public enum BackendReply: Equatable, Sendable {
    case authenticationOk
    case authenticationSASL(mechanisms: [String])
    case authenticationSASLContinue([UInt8])
    case authenticationSASLFinal([UInt8])
    case parameterStatus(name: String, value: String)
    case backendKeyData(processID: Int32, secretKey: Int32)
    case readyForQuery(TransactionStatus)
    case rowDescription([FieldDescription])
    case dataRow([[UInt8]?])
    case commandComplete(String)
    case emptyQueryResponse
    case error(EndpointError)
    case notice(EndpointError)
    case parseComplete
    case bindComplete
    case closeComplete
    case noData
    case portalSuspended
    case parameterDescription([UInt32])

    /// `I` idle, `T` in a transaction block, `E` in a failed one.
    public enum TransactionStatus: UInt8, Equatable, Sendable {
        case idle = 73
        case inTransaction = 84
        case failed = 69
    }

    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        encode(into: &out)
        return out
    }

    public func encode(into out: inout [UInt8]) {
        switch self {
        case .authenticationOk: Self.frame("R", &out) { $0.appendInt32(0) }
        case .authenticationSASL(let mechanisms):
            Self.frame("R", &out) { body in
                body.appendInt32(10)
                for mechanism in mechanisms { body.appendCString(mechanism) }
                body.append(0)
            }
        case .authenticationSASLContinue(let data):
            Self.frame("R", &out) {
                $0.appendInt32(11); $0.append(contentsOf: data)
            }
        case .authenticationSASLFinal(let data):
            Self.frame("R", &out) {
                $0.appendInt32(12); $0.append(contentsOf: data)
            }
        case .parameterStatus(let name, let value):
            Self.frame("S", &out) {
                $0.appendCString(name); $0.appendCString(value)
            }
        case .backendKeyData(let processID, let secretKey):
            Self.frame("K", &out) {
                $0.appendInt32(processID); $0.appendInt32(secretKey)
            }
        case .readyForQuery(let status): Self.frame("Z", &out) { $0.append(status.rawValue) }
        case .rowDescription(let fields): Self.frame("T", &out) { FieldDescription.encode(fields, into: &$0) }
        case .dataRow(let values): Self.frame("D", &out) { Self.encodeValues(values, into: &$0) }
        case .commandComplete(let tag): Self.frame("C", &out) { $0.appendCString(tag) }
        case .emptyQueryResponse: Self.frame("I", &out) { _ in }
        case .error(let error): Self.frame("E", &out) { error.encode(into: &$0) }
        case .notice(let notice): Self.frame("N", &out) { notice.encode(into: &$0) }
        case .parseComplete: Self.frame("1", &out) { _ in }
        case .bindComplete: Self.frame("2", &out) { _ in }
        case .closeComplete: Self.frame("3", &out) { _ in }
        case .noData: Self.frame("n", &out) { _ in }
        case .portalSuspended: Self.frame("s", &out) { _ in }
        case .parameterDescription(let types):
            Self.frame("t", &out) { body in
                body.appendInt16(Int16(clamping: types.count))
                for type in types { body.appendInt32(Int32(bitPattern: type)) }
            }
        }
    }

    static func encodeValues(_ values: [[UInt8]?], into body: inout [UInt8]) {
        body.appendInt16(Int16(clamping: values.count))
        for value in values {
            if let value {
                body.appendInt32(Int32(clamping: value.count))
                body.append(contentsOf: value)
            } else {
                body.appendInt32(-1)
            }
        }
    }

    /// The type byte, then an Int32 length that counts itself and the body.
    static func frame(_ type: Unicode.Scalar, _ out: inout [UInt8], body: (inout [UInt8]) -> Void) {
        out.append(UInt8(ascii: type))
        let lengthAt = out.count
        out.appendInt32(0)
        body(&out)
        out.patchLength(at: lengthAt)
    }
}

/// One column of a RowDescription.
public struct FieldDescription: Equatable, Sendable {
    public var name: String
    public var typeOID: UInt32
    /// The type's size in bytes, -1 for variable-length types.
    public var typeSize: Int16
    public var typeModifier: Int32
    public var format: ValueFormat
    /// The table and column the value comes from, when it comes straight from one (0 otherwise).
    public var tableOID: UInt32 = 0
    public var columnNumber: Int16 = 0

    public init(name: String, typeOID: UInt32, typeSize: Int16, typeModifier: Int32 = -1, format: ValueFormat) {
        self.name = name
        self.typeOID = typeOID
        self.typeSize = typeSize
        self.typeModifier = typeModifier
        self.format = format
    }

    static func encode(_ fields: [FieldDescription], into body: inout [UInt8]) {
        body.appendInt16(Int16(clamping: fields.count))
        for field in fields {
            body.appendCString(field.name)
            body.appendInt32(Int32(bitPattern: field.tableOID))
            body.appendInt16(field.columnNumber)
            body.appendInt32(Int32(bitPattern: field.typeOID))
            body.appendInt16(field.typeSize)
            body.appendInt32(field.typeModifier)
            body.appendInt16(field.format.rawValue)
        }
    }
}
