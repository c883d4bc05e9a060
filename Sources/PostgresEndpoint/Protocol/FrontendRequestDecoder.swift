import PostgresWire

/// Splits a client's byte stream into requests. The first message of a connection (startup,
/// SSLRequest, CancelRequest) has no type byte; after a startup message every message has one.
public struct FrontendRequestDecoder {
    private var buffer: [UInt8] = []
    private var start = 0
    private var startedUp = false

    /// Larger than any query a client would send; anything bigger means the boundaries were lost.
    public static let maximumMessageLength = 1 << 27

    public init() {}

    public mutating func append(_ bytes: [UInt8]) {
        if start > 0 && start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start > 4096 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete request, or nil while only part of one has arrived.
    public mutating func next() throws(PostgresError) -> FrontendRequest? {
        let typed = startedUp
        let header = typed ? 5 : 4
        guard buffer.count - start >= header else { return nil }
        var length = 0
        for offset in (typed ? 1 : 0)..<header { length = length << 8 | Int(buffer[start + offset]) }
        guard length >= 4, length <= Self.maximumMessageLength else {
            throw .protocolViolation("a message claims a length of \(length) bytes")
        }
        let total = length + (typed ? 1 : 0)
        guard buffer.count - start >= total else { return nil }
        let body = buffer[(start + header)..<(start + total)]
        let type = typed ? buffer[start] : 0
        start += total
        if !typed {
            let request = try Self.decodeUntyped(body)
            if case .startup = request { startedUp = true }
            return request
        }
        return try Self.decode(type: type, body: body)
    }

    static func decodeUntyped(_ body: ArraySlice<UInt8>) throws(PostgresError) -> FrontendRequest {
        var reader = ByteReader(body)
        let code = try reader.readInt32()
        switch code {
        case StartupCode.sslRequest: return .sslRequest
        case StartupCode.gssEncryptionRequest: return .gssEncryptionRequest
        case StartupCode.cancelRequest:
            return .cancel(processID: try reader.readInt32(), secretKey: try reader.readInt32())
        default:
            var parameters: [String: String] = [:]
            while !reader.isAtEnd {
                let name = try reader.readCString()
                if name.isEmpty { break }
                parameters[name] = try reader.readCString()
            }
            return .startup(protocolVersion: code, parameters: parameters)
        }
    }

    static func decode(type: UInt8, body: ArraySlice<UInt8>) throws(PostgresError) -> FrontendRequest {
        var reader = ByteReader(body)
        switch type {
        case UInt8(ascii: "p"): return .authenticationResponse(Array(body))
        case UInt8(ascii: "Q"): return .query(try reader.readCString())
        case UInt8(ascii: "P"):
            let name = try reader.readCString()
            let sql = try reader.readCString()
            let count = Int(try reader.readInt16())
            var types: [UInt32] = []
            for _ in 0..<max(count, 0) { types.append(try reader.readUInt32()) }
            return .parse(name: name, sql: sql, parameterTypes: types)
        case UInt8(ascii: "B"): return .bind(try decodeBind(&reader))
        case UInt8(ascii: "D"): return .describe(try decodeTarget(&reader))
        case UInt8(ascii: "E"):
            let portal = try reader.readCString()
            return .execute(portal: portal, maxRows: Int(try reader.readInt32()))
        case UInt8(ascii: "C"): return .close(try decodeTarget(&reader))
        case UInt8(ascii: "S"): return .sync
        case UInt8(ascii: "H"): return .flush
        case UInt8(ascii: "X"): return .terminate
        default: return .unsupported(type: type)
        }
    }

    static func decodeBind(_ reader: inout ByteReader) throws(PostgresError) -> BindRequest {
        let portal = try reader.readCString()
        let statement = try reader.readCString()
        let parameterFormats = try decodeFormats(&reader)
        let count = Int(try reader.readInt16())
        var parameters: [[UInt8]?] = []
        for _ in 0..<max(count, 0) {
            let length = Int(try reader.readInt32())
            parameters.append(length < 0 ? nil : Array(try reader.readBytes(length)))
        }
        let resultFormats = try decodeFormats(&reader)
        return BindRequest(
            portal: portal, statement: statement, parameterFormats: parameterFormats, parameters: parameters,
            resultFormats: resultFormats)
    }

    static func decodeFormats(_ reader: inout ByteReader) throws(PostgresError) -> [ValueFormat] {
        let count = Int(try reader.readInt16())
        var formats: [ValueFormat] = []
        for _ in 0..<max(count, 0) {
            let code = try reader.readInt16()
            guard let format = ValueFormat(rawValue: code) else {
                throw .protocolViolation("a format code must be 0 (text) or 1 (binary), not \(code)")
            }
            formats.append(format)
        }
        return formats
    }

    static func decodeTarget(_ reader: inout ByteReader) throws(PostgresError) -> StatementOrPortal {
        let kind = try reader.readUInt8()
        let name = try reader.readCString()
        switch kind {
        case UInt8(ascii: "S"): return .statement(name)
        case UInt8(ascii: "P"): return .portal(name)
        default: throw .protocolViolation("Describe and Close name a statement (S) or a portal (P)")
        }
    }
}
