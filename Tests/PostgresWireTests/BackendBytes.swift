@testable import PostgresWire

/// Builds the bytes a server would send, so tests can replay exchanges without a network.
enum BackendBytes {
    static func frame(_ type: Unicode.Scalar, _ body: [UInt8] = []) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: type)]
        out.appendInt32(Int32(body.count + 4))
        return out + body
    }

    static func int32(_ value: Int32) -> [UInt8] {
        var out: [UInt8] = []
        out.appendInt32(value)
        return out
    }

    static func int16(_ value: Int16) -> [UInt8] {
        let bits = UInt16(bitPattern: value)
        return [UInt8(bits >> 8), UInt8(bits & 0xFF)]
    }

    static func cString(_ text: String) -> [UInt8] { Array(text.utf8) + [0] }

    static func authentication(_ code: Int32, _ rest: [UInt8] = []) -> [UInt8] {
        frame("R", int32(code) + rest)
    }

    static let authenticationOK = authentication(0)

    static func parameterStatus(_ name: String, _ value: String) -> [UInt8] {
        frame("S", cString(name) + cString(value))
    }

    static func backendKeyData(_ processID: Int32, _ secret: Int32) -> [UInt8] {
        frame("K", int32(processID) + int32(secret))
    }

    static let readyForQuery = frame("Z", [UInt8(ascii: "I")])

    static func error(_ code: String, _ message: String, severity: String = "ERROR", detail: String? = nil) -> [UInt8] {
        var body: [UInt8] = []
        body += [UInt8(ascii: "S")] + cString(severity)
        body += [UInt8(ascii: "V")] + cString(severity)
        body += [UInt8(ascii: "C")] + cString(code)
        body += [UInt8(ascii: "M")] + cString(message)
        if let detail { body += [UInt8(ascii: "D")] + cString(detail) }
        return frame("E", body + [0])
    }

    static func notice(_ message: String) -> [UInt8] {
        frame(
            "N",
            [UInt8(ascii: "V")] + cString("NOTICE") + [UInt8(ascii: "C")] + cString("00000")
                + [UInt8(ascii: "M")] + cString(message) + [0])
    }

    static func rowDescription(_ columns: [(String, Int32)]) -> [UInt8] {
        var body = int16(Int16(columns.count))
        for (name, oid) in columns {
            body += cString(name) + int32(0) + int16(0) + int32(oid) + int16(-1) + int32(-1) + int16(0)
        }
        return frame("T", body)
    }

    static func dataRow(_ values: [String?]) -> [UInt8] {
        var body = int16(Int16(values.count))
        for value in values {
            if let value { body += int32(Int32(value.utf8.count)) + Array(value.utf8) } else { body += int32(-1) }
        }
        return frame("D", body)
    }

    static func commandComplete(_ tag: String) -> [UInt8] { frame("C", cString(tag)) }

    static func copyOutResponse(columns: Int16, binary: Bool = false) -> [UInt8] {
        var body: [UInt8] = [binary ? 1 : 0] + int16(columns)
        for _ in 0..<columns { body += int16(binary ? 1 : 0) }
        return frame("H", body)
    }

    static func copyData(_ text: String) -> [UInt8] { frame("d", Array(text.utf8)) }
    static let copyDone = frame("c")

    /// The usual end of startup: parameters, the key, ReadyForQuery.
    static let startupTail =
        parameterStatus("server_version", "15.18") + parameterStatus("client_encoding", "UTF8")
        + backendKeyData(4242, 99) + readyForQuery
}

/// Feeds bytes through the real decoder into a state machine, in chunks of a chosen size (so
/// messages split across reads are exercised), and collects every action.
struct Harness {
    var machine: ConnectionStateMachine
    var decoder = BackendMessageDecoder()
    var chunkSize = 7

    init(user: String = "tessera", password: String? = "secret", database: String = "tessera", nonce: String = "nonce")
    {
        machine = ConnectionStateMachine(
            credentials: .init(user: user, password: password, database: database), scramNonce: nonce
        )
    }

    /// Feeds `bytes` and returns the actions the machine took, `.read` excluded.
    mutating func feed(_ bytes: [UInt8]) throws -> [ConnectionStateMachine.Action] {
        var actions: [ConnectionStateMachine.Action] = []
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + chunkSize, bytes.count)
            decoder.append(Array(bytes[offset..<end]))
            offset = end
            while let message = try decoder.next() {
                let action = machine.receive(message)
                if action != .read { actions.append(action) }
            }
        }
        return actions
    }

    /// Starts and completes a trust-authenticated startup.
    mutating func connect() throws {
        _ = machine.start()
        let actions = try feed(BackendBytes.authenticationOK + BackendBytes.startupTail)
        guard actions.last == .connected else { throw HarnessError.notConnected(actions) }
    }

    enum HarnessError: Error { case notConnected([ConnectionStateMachine.Action]) }
}

extension ConnectionStateMachine.Action {
    /// The error of a `.fail` or `.queryFailed` action.
    var error: PostgresError? {
        switch self {
        case .fail(let error), .queryFailed(let error): error
        default: nil
        }
    }

    var isFatal: Bool {
        if case .fail = self { return true }
        return false
    }
}
