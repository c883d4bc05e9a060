import TesseraCore

/// What the state machine asks its edge to do. The edge performs each in order and, for `run`,
/// tells the machine how it went (`workSucceeded`, `workFailed`).
public enum EndpointAction: Equatable, Sendable {
    case send([BackendReply])
    /// Answer an SSLRequest: `S` and a TLS handshake when the endpoint has a certificate, else `N`.
    case answerSSLRequest
    /// Answer a GSSENCRequest: always `N`.
    case refuseGSSEncryption
    /// Find the SCRAM credentials of this user, then call `credentialsFound`.
    case lookUpCredentials(user: String)
    /// Sign-in succeeded: open the principal's session, then call `sessionOpened` (or `workFailed`).
    case openSession(principal: Principal, parameters: [String: String])
    /// Cancel what another session runs (from a CancelRequest); the connection then closes.
    case cancel(processID: Int32, secretKey: Int32)
    /// A failed sign-in, for the throttle.
    case signInFailed(user: String)
    /// Statement work for the session (queries run there).
    case run(EndpointWork)
    /// Flush what was written.
    case flush
    case closeConnection
}

/// The work a session does with DuckDB for one message.
public enum EndpointWork: Equatable, Sendable {
    case simpleQuery(String)
    case parse(name: String, sql: String, parameterTypes: [UInt32])
    case bind(BindRequest)
    case describe(StatementOrPortal)
    case execute(portal: String, maxRows: Int)
    case close(StatementOrPortal)
}
