import PostgresWire

/// An error (or notice) as the client sees it: a SQLSTATE code a driver can act on, and a
/// message a person can. Never a stack trace, never a secret.
public struct EndpointError: Error, Equatable, Sendable, CustomStringConvertible {
    public var severity: String
    public var sqlState: String
    public var message: String
    public var detail: String?
    public var hint: String?

    public init(
        _ sqlState: String, _ message: String, detail: String? = nil, hint: String? = nil,
        severity: String = "ERROR"
    ) {
        self.severity = severity
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
    }

    public var description: String { "\(sqlState): \(message)" }

    /// The SQLSTATE codes the endpoint uses (PostgreSQL's Appendix A).
    public enum Code {
        public static let invalidPassword = "28P01"
        public static let invalidAuthorization = "28000"
        public static let readOnlyTransaction = "25006"
        public static let insufficientPrivilege = "42501"
        public static let syntaxError = "42601"
        public static let undefinedTable = "42P01"
        public static let undefinedFunction = "42883"
        public static let undefinedColumn = "42703"
        public static let invalidSchemaName = "3F000"
        public static let divisionByZero = "22012"
        public static let numericValueOutOfRange = "22003"
        public static let invalidTextRepresentation = "22P02"
        public static let featureNotSupported = "0A000"
        public static let protocolViolation = "08P01"
        public static let queryCanceled = "57014"
        public static let invalidStatementName = "26000"
        public static let invalidCursorName = "34000"
        public static let inFailedTransaction = "25P02"
        public static let tooManyConnections = "53300"
        public static let idleSessionTimeout = "57P05"
        public static let idleInTransactionTimeout = "25P03"
        public static let invalidParameterValue = "22023"
        public static let internalError = "XX000"
        public static let dataException = "22000"
    }

    public static func protocolViolation(_ message: String) -> EndpointError {
        EndpointError(Code.protocolViolation, message, severity: "FATAL")
    }

    /// What every failed sign-in says, whatever failed (unknown user, wrong password, expired
    /// token): telling them apart would let a stranger find out who exists.
    public static func authenticationFailed(user: String) -> EndpointError {
        EndpointError(
            Code.invalidPassword, "password authentication failed for user \"\(user)\"",
            hint:
                "the password is one of the principal's tokens (`tessera token create`) or its password; tokens made before the PostgreSQL endpoint existed do not work here: make a new one",
            severity: "FATAL")
    }

    func encode(into body: inout [UInt8]) {
        func field(_ code: Unicode.Scalar, _ value: String) {
            body.append(UInt8(ascii: code))
            body.appendCString(value)
        }
        field("S", severity)
        field("V", severity)
        field("C", sqlState)
        field("M", message)
        if let detail { field("D", detail) }
        if let hint { field("H", hint) }
        body.append(0)
    }
}
