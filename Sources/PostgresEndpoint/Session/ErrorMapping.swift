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
        let code =
            if message.contains("INTERRUPT") || message.localizedCaseInsensitiveContains("interrupted") {
                EndpointError.Code.queryCanceled
            } else if message.contains("Parser Error") {
                EndpointError.Code.syntaxError
            } else if message.contains("Catalog Error") {
                EndpointError.Code.undefinedTable
            } else if message.contains("Binder Error") {
                "42703"
            } else if message.contains("Conversion Error") || message.contains("Invalid Input") {
                "22P02"
            } else if message.contains("Permission Error") {
                EndpointError.Code.insufficientPrivilege
            } else {
                EndpointError.Code.internalError
            }
        if code == EndpointError.Code.queryCanceled {
            return EndpointError(code, "canceling statement due to user request")
        }
        return EndpointError(code, message)
    }
}
