/// Everything that can go wrong talking to PostgreSQL, as a value with a message a person can act on.
///
/// The message names the server (`host:port/db`) but never the password: it is built only from the
/// parsed URL's parts and from what the server says, and the server never echoes a password.
public struct PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The connection URL cannot be understood.
        case invalidURL
        /// The URL asks for TLS (`sslmode=require` or `verify-*`), which this client does not speak yet.
        case tlsNotSupported
        /// The host name does not resolve.
        case unknownHost
        /// Nothing listens at the address (or no socket file at the path).
        case connectionRefused
        /// Connecting or authenticating took longer than the timeout.
        case timeout
        /// The server closed the connection when it should not have (for example in the middle of a COPY).
        case connectionClosed
        /// A socket or file operation failed; the message carries the system's reason.
        case io
        /// The server rejected the credentials (SQLSTATE class 28), or its SCRAM proof was wrong.
        case authenticationFailed
        /// The server asks for an authentication method this client does not implement (GSSAPI, SSPI …).
        case unsupportedAuthentication
        /// The server reported an error for a statement or for the connection.
        case server(PostgresServerError)
        /// The server sent something the protocol does not allow at that point.
        case protocolViolation
        /// The API was used in a way that cannot work (a closed connection, `copyOut` with a non-COPY statement …).
        case misuse
    }

    public let kind: Kind
    /// What went wrong, without the server's location.
    public let reason: String
    /// `host:port/database` of the server, when the error concerns one.
    public internal(set) var endpoint: String?

    public init(_ kind: Kind, _ reason: String, endpoint: String? = nil) {
        self.kind = kind
        self.reason = reason
        self.endpoint = endpoint
    }

    /// The full message: the reason, and where.
    public var message: String {
        guard let endpoint else { return reason }
        return "PostgreSQL at \(endpoint): \(reason)"
    }

    public var description: String { message }

    /// The server's fields when the server reported the error.
    public var serverError: PostgresServerError? {
        if case .server(let error) = kind { return error }
        return nil
    }

    /// The same error, located at `endpoint` unless it already names one.
    func at(_ endpoint: String) -> PostgresError {
        var copy = self
        if copy.endpoint == nil { copy.endpoint = endpoint }
        return copy
    }
}

extension PostgresError {
    public static func protocolViolation(_ reason: String) -> PostgresError {
        PostgresError(.protocolViolation, "protocol violation: \(reason)")
    }

    static func misuse(_ reason: String) -> PostgresError {
        PostgresError(.misuse, reason)
    }

    /// An ErrorResponse turned into an error. Class 28 (invalid authorization) is an authentication
    /// failure whatever the server's wording.
    static func fromServer(_ error: PostgresServerError) -> PostgresError {
        if error.sqlState.hasPrefix("28") {
            return PostgresError(.authenticationFailed, "\(error.message) [\(error.sqlState)]")
        }
        return PostgresError(.server(error), error.summary)
    }
}
