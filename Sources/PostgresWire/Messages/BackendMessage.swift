/// A message from the server, decoded. Bodies that can be large (`CopyData`) stay slices of the
/// read buffer, so streaming a COPY copies each byte once: from the socket buffer to the sink.
enum BackendMessage: Equatable {
    case authentication(AuthenticationRequest)
    case backendKeyData(processID: Int32, secretKey: Int32)
    case commandComplete(tag: String)
    case copyData(ArraySlice<UInt8>)
    case copyDone
    case copyInResponse
    case copyOutResponse(CopyOutFormat)
    case copyBothResponse
    case dataRow([String?])
    case emptyQueryResponse
    case errorResponse(PostgresServerError)
    case noticeResponse(PostgresServerError)
    case notificationResponse
    case parameterStatus(name: String, value: String)
    case readyForQuery(TransactionStatus)
    case rowDescription([PostgresColumn])
    case negotiateProtocolVersion
    /// A message type this client never expects in the simple-query protocol (Bind/Parse completions …).
    case unexpected(type: UInt8)

    enum TransactionStatus: UInt8, Equatable {
        case idle = 73  // I
        case inTransaction = 84  // T
        case failedTransaction = 69  // E
    }

    /// Overall format of a COPY OUT: text (incl. CSV) or binary, and how many columns.
    struct CopyOutFormat: Equatable {
        var isBinary: Bool
        var columnCount: Int
    }
}

/// The `Authentication*` family: what the server wants from us next.
enum AuthenticationRequest: Equatable {
    case ok
    case cleartextPassword
    case md5Password(salt: [UInt8])
    case sasl(mechanisms: [String])
    case saslContinue([UInt8])
    case saslFinal([UInt8])
    /// Kerberos (2), SCM credentials (6), GSSAPI (7/8), SSPI (9): not implemented.
    case unsupported(code: Int32)
}
