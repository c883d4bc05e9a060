internal import CDuckDB

/// An error reported by DuckDB, or by this wrapper when it refuses a call before reaching DuckDB.
///
/// `message` is DuckDB's own text, unchanged, so that it can be shown to a user as it is.
/// `kind` comes from the C API where it reports one (`duckdb_result_error_type`,
/// `duckdb_error_data_error_type`); where it does not (opening a database, preparing a statement),
/// it is read from the category prefix DuckDB puts in front of its messages ("Parser Error: …").
public struct DuckDBError: Error, Hashable, Sendable, CustomStringConvertible {
    public var kind: Kind
    public var message: String
    /// The SQL text the failing call ran, when there was one.
    public var sql: String?

    public init(kind: Kind, message: String, sql: String? = nil) {
        self.kind = kind
        self.message = message
        self.sql = sql
    }

    public var description: String { message }

    /// The category of an error. The cases up to `resourceInUse` mirror DuckDB's `duckdb_error_type`;
    /// the last ones are raised by the wrapper itself.
    public enum Kind: Hashable, Sendable {
        case unknown
        case outOfRange, conversion, unknownType, decimal, mismatchType, divideByZero, objectSize
        case invalidType, serialization, transaction, notImplemented, expression, catalog, parser
        case planner, scheduler, executor, constraint, index, stat, connection, syntax, settings
        case binder, network, optimizer, nullPointer, io, interrupt, fatal, `internal`, invalidInput
        case outOfMemory, permission, parameterNotResolved, parameterNotAllowed, dependency, http
        case missingExtension, autoload, sequence, invalidConfiguration, dataCorruption, resourceInUse
        /// A value could not be bound or appended, or a parameter index or count was wrong.
        case invalidArgument
        /// A typed column read asked for a Swift type that does not match the column's DuckDB type.
        case typeMismatch
        /// The column's DuckDB type has no decoder here (e.g. UNION, BIT, VARIANT); cast it in SQL.
        case unsupportedType
        /// The object was already closed.
        case closed
    }
}

extension DuckDBError.Kind {
    init(_ type: duckdb_error_type) {
        switch type {
        case DUCKDB_ERROR_OUT_OF_RANGE: self = .outOfRange
        case DUCKDB_ERROR_CONVERSION: self = .conversion
        case DUCKDB_ERROR_UNKNOWN_TYPE: self = .unknownType
        case DUCKDB_ERROR_DECIMAL: self = .decimal
        case DUCKDB_ERROR_MISMATCH_TYPE: self = .mismatchType
        case DUCKDB_ERROR_DIVIDE_BY_ZERO: self = .divideByZero
        case DUCKDB_ERROR_OBJECT_SIZE: self = .objectSize
        case DUCKDB_ERROR_INVALID_TYPE: self = .invalidType
        case DUCKDB_ERROR_SERIALIZATION: self = .serialization
        case DUCKDB_ERROR_TRANSACTION: self = .transaction
        case DUCKDB_ERROR_NOT_IMPLEMENTED: self = .notImplemented
        case DUCKDB_ERROR_EXPRESSION: self = .expression
        case DUCKDB_ERROR_CATALOG: self = .catalog
        case DUCKDB_ERROR_PARSER: self = .parser
        case DUCKDB_ERROR_PLANNER: self = .planner
        case DUCKDB_ERROR_SCHEDULER: self = .scheduler
        case DUCKDB_ERROR_EXECUTOR: self = .executor
        case DUCKDB_ERROR_CONSTRAINT: self = .constraint
        case DUCKDB_ERROR_INDEX: self = .index
        case DUCKDB_ERROR_STAT: self = .stat
        case DUCKDB_ERROR_CONNECTION: self = .connection
        case DUCKDB_ERROR_SYNTAX: self = .syntax
        case DUCKDB_ERROR_SETTINGS: self = .settings
        case DUCKDB_ERROR_BINDER: self = .binder
        case DUCKDB_ERROR_NETWORK: self = .network
        case DUCKDB_ERROR_OPTIMIZER: self = .optimizer
        case DUCKDB_ERROR_NULL_POINTER: self = .nullPointer
        case DUCKDB_ERROR_IO: self = .io
        case DUCKDB_ERROR_INTERRUPT: self = .interrupt
        case DUCKDB_ERROR_FATAL: self = .fatal
        case DUCKDB_ERROR_INTERNAL: self = .internal
        case DUCKDB_ERROR_INVALID_INPUT: self = .invalidInput
        case DUCKDB_ERROR_OUT_OF_MEMORY: self = .outOfMemory
        case DUCKDB_ERROR_PERMISSION: self = .permission
        case DUCKDB_ERROR_PARAMETER_NOT_RESOLVED: self = .parameterNotResolved
        case DUCKDB_ERROR_PARAMETER_NOT_ALLOWED: self = .parameterNotAllowed
        case DUCKDB_ERROR_DEPENDENCY: self = .dependency
        case DUCKDB_ERROR_HTTP: self = .http
        case DUCKDB_ERROR_MISSING_EXTENSION: self = .missingExtension
        case DUCKDB_ERROR_AUTOLOAD: self = .autoload
        case DUCKDB_ERROR_SEQUENCE: self = .sequence
        case DUCKDB_INVALID_CONFIGURATION: self = .invalidConfiguration
        case DUCKDB_ERROR_DATA_CORRUPTION: self = .dataCorruption
        case DUCKDB_ERROR_RESOURCE_IN_USE: self = .resourceInUse
        default: self = .unknown
        }
    }

    /// DuckDB prefixes messages with the category of its exception ("Catalog Error: …"). Some C calls
    /// only hand back the text, so the prefix is the one place the category can still be found.
    init(messagePrefixOf message: String) {
        guard let colon = message.firstIndex(of: ":") else {
            self = .unknown
            return
        }
        switch message[..<colon] {
        case "Parser Error": self = .parser
        case "Catalog Error": self = .catalog
        case "Binder Error": self = .binder
        case "Constraint Error": self = .constraint
        case "Conversion Error": self = .conversion
        case "Invalid Input Error": self = .invalidInput
        case "IO Error": self = .io
        case "Out of Range Error": self = .outOfRange
        case "Syntax Error": self = .syntax
        case "Transaction Error": self = .transaction
        case "Not implemented Error": self = .notImplemented
        case "Permission Error": self = .permission
        case "Invalid Error": self = .unknown
        case "Invalid Configuration Error": self = .invalidConfiguration
        case "Internal Error", "INTERNAL Error": self = .internal
        case "Interrupt Error", "INTERRUPT Error": self = .interrupt
        case "Dependency Error": self = .dependency
        case "Sequence Error": self = .sequence
        case "Out of Memory Error": self = .outOfMemory
        default: self = .unknown
        }
    }
}

extension DuckDBError {
    /// An error whose category is only known from its message.
    init(message: String, sql: String? = nil) {
        self.init(kind: Kind(messagePrefixOf: message), message: message, sql: sql)
    }

    /// Reads an error out of a `duckdb_error_data` and releases it.
    static func take(_ data: duckdb_error_data?, sql: String? = nil, fallback: String) -> DuckDBError? {
        guard let owner = ErrorData(data), owner.hasError else { return nil }
        return DuckDBError(kind: owner.kind, message: owner.message ?? fallback, sql: sql)
    }
}
