extension BackendMessage {
    /// Decodes one message from its type byte and its body (the bytes after the length).
    static func decode(type: UInt8, body: ArraySlice<UInt8>) throws(PostgresError) -> BackendMessage {
        var reader = ByteReader(body)
        switch type {
        case UInt8(ascii: "d"):
            return .copyData(body)
        case UInt8(ascii: "D"):
            let count = Int(try reader.readInt16())
            var values: [String?] = []
            values.reserveCapacity(max(count, 0))
            for _ in 0..<max(count, 0) {
                let length = Int(try reader.readInt32())
                values.append(length < 0 ? nil : String(decoding: try reader.readBytes(length), as: UTF8.self))
            }
            return .dataRow(values)
        case UInt8(ascii: "R"):
            return .authentication(try AuthenticationRequest.decode(&reader))
        case UInt8(ascii: "K"):
            return .backendKeyData(processID: try reader.readInt32(), secretKey: try reader.readInt32())
        case UInt8(ascii: "C"):
            return .commandComplete(tag: try reader.readCString())
        case UInt8(ascii: "c"):
            return .copyDone
        case UInt8(ascii: "G"):
            return .copyInResponse
        case UInt8(ascii: "H"):
            let overall = try reader.readUInt8()
            let columns = Int(try reader.readInt16())
            return .copyOutResponse(CopyOutFormat(isBinary: overall == 1, columnCount: columns))
        case UInt8(ascii: "W"):
            return .copyBothResponse
        case UInt8(ascii: "I"):
            return .emptyQueryResponse
        case UInt8(ascii: "E"):
            return .errorResponse(try PostgresServerError.decode(&reader))
        case UInt8(ascii: "N"):
            return .noticeResponse(try PostgresServerError.decode(&reader))
        case UInt8(ascii: "A"):
            return .notificationResponse
        case UInt8(ascii: "S"):
            return .parameterStatus(name: try reader.readCString(), value: try reader.readCString())
        case UInt8(ascii: "Z"):
            let status = try reader.readUInt8()
            guard let transaction = TransactionStatus(rawValue: status) else {
                throw .protocolViolation("ReadyForQuery with an unknown transaction status \(status)")
            }
            return .readyForQuery(transaction)
        case UInt8(ascii: "T"):
            return .rowDescription(try PostgresColumn.decodeRowDescription(&reader))
        case UInt8(ascii: "v"):
            return .negotiateProtocolVersion
        default:
            return .unexpected(type: type)
        }
    }
}

extension AuthenticationRequest {
    static func decode(_ reader: inout ByteReader) throws(PostgresError) -> AuthenticationRequest {
        let code = try reader.readInt32()
        switch code {
        case 0: return .ok
        case 3: return .cleartextPassword
        case 5: return .md5Password(salt: Array(try reader.readBytes(4)))
        case 10:
            var mechanisms: [String] = []
            while true {
                let name = try reader.readCString()
                if name.isEmpty { break }
                mechanisms.append(name)
            }
            return .sasl(mechanisms: mechanisms)
        case 11: return .saslContinue(Array(reader.readRest()))
        case 12: return .saslFinal(Array(reader.readRest()))
        default: return .unsupported(code: code)
        }
    }
}

extension PostgresServerError {
    /// ErrorResponse / NoticeResponse body: (field type byte, string)* then a zero byte.
    static func decode(_ reader: inout ByteReader) throws(PostgresError) -> PostgresServerError {
        var fields: [UInt8: String] = [:]
        while true {
            let field = try reader.readUInt8()
            if field == 0 { break }
            fields[field] = try reader.readCString()
        }
        func field(_ code: Unicode.Scalar) -> String? { fields[UInt8(ascii: code)] }
        return PostgresServerError(
            severity: field("V") ?? field("S") ?? "ERROR",
            sqlState: field("C") ?? "XX000",
            message: field("M") ?? "(the server gave no message)",
            detail: field("D"),
            hint: field("H"),
            position: field("P").flatMap { Int($0) }
        )
    }
}

extension PostgresColumn {
    static func decodeRowDescription(_ reader: inout ByteReader) throws(PostgresError) -> [PostgresColumn] {
        let count = Int(try reader.readInt16())
        var columns: [PostgresColumn] = []
        columns.reserveCapacity(max(count, 0))
        for _ in 0..<max(count, 0) {
            let name = try reader.readCString()
            _ = try reader.readInt32()  // table OID
            _ = try reader.readInt16()  // column number in that table
            let typeOID = try reader.readUInt32()
            _ = try reader.readInt16()  // type size
            let modifier = try reader.readInt32()
            _ = try reader.readInt16()  // format: always text in the simple-query protocol
            columns.append(PostgresColumn(name: name, typeOID: typeOID, typeModifier: modifier))
        }
        return columns
    }
}
