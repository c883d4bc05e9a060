/// A message from a client, decoded: what the endpoint's state machine reacts to.
public enum FrontendRequest: Equatable, Sendable {
    /// Asks whether the server speaks TLS (answered with one byte, `S` or `N`).
    case sslRequest
    /// Asks for GSSAPI encryption, which the endpoint does not offer (answered `N`).
    case gssEncryptionRequest
    /// Sent alone on a new connection: stop what that session is running.
    case cancel(processID: Int32, secretKey: Int32)
    /// The first message of a session: the protocol version and the parameters (user, database …).
    case startup(protocolVersion: Int32, parameters: [String: String])
    /// `p`: a password, a SASLInitialResponse or a SASLResponse; which one depends on the
    /// authentication under way, so the body stays raw until then.
    case authenticationResponse([UInt8])
    case query(String)
    case parse(name: String, sql: String, parameterTypes: [UInt32])
    case bind(BindRequest)
    case describe(StatementOrPortal)
    case execute(portal: String, maxRows: Int)
    case close(StatementOrPortal)
    case sync
    case flush
    case terminate
    /// A message type the endpoint does not handle (COPY data, function calls …).
    case unsupported(type: UInt8)
}

/// `Describe` and `Close` name a prepared statement (`S`) or a portal (`P`).
public enum StatementOrPortal: Equatable, Sendable, Hashable {
    case statement(String)
    case portal(String)
}

/// The wire format of a value: text, or the type's binary form.
public enum ValueFormat: Int16, Equatable, Sendable {
    case text = 0
    case binary = 1
}

/// `Bind`: a statement's parameters, and the formats of its result columns, as a portal.
public struct BindRequest: Equatable, Sendable {
    public var portal: String
    public var statement: String
    /// One format for all parameters, one per parameter, or none (all text).
    public var parameterFormats: [ValueFormat]
    public var parameters: [[UInt8]?]
    /// The same convention for the result columns.
    public var resultFormats: [ValueFormat]

    public init(
        portal: String, statement: String, parameterFormats: [ValueFormat], parameters: [[UInt8]?],
        resultFormats: [ValueFormat]
    ) {
        self.portal = portal
        self.statement = statement
        self.parameterFormats = parameterFormats
        self.parameters = parameters
        self.resultFormats = resultFormats
    }

    /// The format of parameter (or column) `index` under the protocol's convention.
    public static func format(_ formats: [ValueFormat], at index: Int) -> ValueFormat {
        switch formats.count {
        case 0: .text
        case 1: formats[0]
        default: index < formats.count ? formats[index] : .text
        }
    }
}
