/// The messages this client sends. Only the simple-query subset of the protocol is needed: the
/// startup and authentication exchange, `Query`, `CopyFail` and `Terminate`.
enum FrontendMessage: Equatable {
    /// The first message: protocol 3.0 and the session parameters (user, database …).
    case startup(parameters: [(String, String)])
    /// `PasswordMessage`: a cleartext password or an `md5…` hash.
    case password(String)
    /// `SASLInitialResponse`: the chosen mechanism and the client-first-message.
    case saslInitialResponse(mechanism: String, data: [UInt8])
    /// `SASLResponse`: the client-final-message.
    case saslResponse([UInt8])
    case query(String)
    /// Aborts a COPY FROM STDIN the server started unasked.
    case copyFail(String)
    case terminate
    /// Sent alone on a new connection: asks the server to cancel what that backend is running.
    case cancelRequest(processID: Int32, secretKey: Int32)

    static let protocolVersion3 = StartupCode.protocolVersion3
    static let cancelRequestCode = StartupCode.cancelRequest

    static func == (lhs: FrontendMessage, rhs: FrontendMessage) -> Bool { lhs.encoded() == rhs.encoded() }

    func encoded() -> [UInt8] {
        var out: [UInt8] = []
        encode(into: &out)
        return out
    }

    func encode(into out: inout [UInt8]) {
        switch self {
        case .startup(let parameters):
            Self.frame(type: nil, into: &out) { body in
                body.appendInt32(Self.protocolVersion3)
                for (name, value) in parameters {
                    body.appendCString(name)
                    body.appendCString(value)
                }
                body.append(0)
            }
        case .password(let password):
            Self.frame(type: "p", into: &out) { $0.appendCString(password) }
        case .saslInitialResponse(let mechanism, let data):
            Self.frame(type: "p", into: &out) { body in
                body.appendCString(mechanism)
                body.appendInt32(Int32(data.count))
                body.append(contentsOf: data)
            }
        case .saslResponse(let data):
            Self.frame(type: "p", into: &out) { $0.append(contentsOf: data) }
        case .query(let sql):
            Self.frame(type: "Q", into: &out) { $0.appendCString(sql) }
        case .copyFail(let reason):
            Self.frame(type: "f", into: &out) { $0.appendCString(reason) }
        case .terminate:
            Self.frame(type: "X", into: &out) { _ in }
        case .cancelRequest(let processID, let secretKey):
            Self.frame(type: nil, into: &out) { body in
                body.appendInt32(Self.cancelRequestCode)
                body.appendInt32(processID)
                body.appendInt32(secretKey)
            }
        }
    }

    /// Type byte (none for the startup message), then an Int32 length that counts itself and the body.
    private static func frame(type: Unicode.Scalar?, into out: inout [UInt8], body: (inout [UInt8]) -> Void) {
        if let type { out.append(UInt8(ascii: type)) }
        let lengthAt = out.count
        out.appendInt32(0)
        body(&out)
        out.patchLength(at: lengthAt)
    }
}

/// The codes that open a connection's first message, which has no type byte.
public enum StartupCode {
    public static let protocolVersion3: Int32 = 196_608
    public static let cancelRequest: Int32 = 80_877_102
    public static let sslRequest: Int32 = 80_877_103
    public static let gssEncryptionRequest: Int32 = 80_877_104
}
