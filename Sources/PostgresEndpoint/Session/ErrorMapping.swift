import DuckDB
import TesseraCore

/// The SQLSTATE a client gets for what the core or DuckDB said.
enum ErrorMapping {
    static func error(_ error: any Error) -> EndpointError {
        if let error = error as? EndpointError { return error }
        if let error = error as? CoreError { return core(error) }
        if let error = error as? DuckDBError { return duckDB(String(describing: error)) }
        return EndpointError(EndpointError.Code.internalError, "\(error)")
    }

    static func core(_ error: CoreError) -> EndpointError {
        let message = error.message
        let code: String
        switch error.kind {
        case .forbidden: code = EndpointError.Code.insufficientPrivilege
        case .notFound: code = EndpointError.Code.undefinedTable
        case .internalError: code = EndpointError.Code.internalError
        case .usage:
            if message.contains("read-only SELECT") {
                code = EndpointError.Code.readOnlyTransaction
            } else if message.contains("was refused") {
                code = EndpointError.Code.insufficientPrivilege
            } else {
                code = duckDB(message).sqlState
            }
        }
        return EndpointError(code, message, hint: error.hint)
    }

    static func duckDB(_ message: String) -> EndpointError {
        let code = sqlState(ofDuckDB: message)
        if code == EndpointError.Code.queryCanceled {
            return EndpointError(code, "canceling statement due to user request")
        }
        return EndpointError(code, message)
    }

    /// DuckDB says what kind of error it met in the message's first words (`Catalog Error: Table
    /// with name x does not exist!`); drivers and BI tools act on the SQLSTATE PostgreSQL would
    /// send for the same mistake, so the finer kinds are told apart before the broad ones.
    static func sqlState(ofDuckDB message: String) -> String {
        if message.contains("INTERRUPT") || message.localizedCaseInsensitiveContains("interrupted") {
            return EndpointError.Code.queryCanceled
        }
        for (needle, code) in finerKinds where message.contains(needle) { return code }
        for (needle, code) in broadKinds where message.contains(needle) { return code }
        return EndpointError.Code.internalError
    }

    private static let finerKinds: [(String, String)] = [
        ("Function with name", EndpointError.Code.undefinedFunction),
        ("No function matches", EndpointError.Code.undefinedFunction),
        ("Schema with name", EndpointError.Code.invalidSchemaName),
        ("Referenced column", EndpointError.Code.undefinedColumn),
        ("Division by zero", EndpointError.Code.divisionByZero),
        ("Out of Range", EndpointError.Code.numericValueOutOfRange),
    ]

    private static let broadKinds: [(String, String)] = [
        ("Parser Error", EndpointError.Code.syntaxError),
        ("Catalog Error", EndpointError.Code.undefinedTable),
        ("Binder Error", EndpointError.Code.undefinedColumn),
        ("Conversion Error", EndpointError.Code.invalidTextRepresentation),
        ("Invalid Input", EndpointError.Code.invalidTextRepresentation),
        ("Permission Error", EndpointError.Code.insufficientPrivilege),
    ]
}
