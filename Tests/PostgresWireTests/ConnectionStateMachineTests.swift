import Testing
@testable import PostgresWire

@Suite struct StartupTests {
    @Test func startupMessageCarriesUserDatabaseAndSessionSettings() throws {
        var harness = Harness(user: "alice", database: "shop")
        guard case .send(let bytes) = harness.machine.start() else { Issue.record("no startup message"); return }
        #expect(Array(bytes[4..<8]) == [0, 3, 0, 0])
        let text = String(decoding: bytes[8...], as: UTF8.self)
        #expect(text.contains("user\0alice\0database\0shop\0"))
        #expect(text.contains("client_encoding\0UTF8\0"))
        #expect(text.contains("DateStyle\0ISO, MDY\0"))
        #expect(bytes.last == 0)
        #expect(Int(bytes[3]) | Int(bytes[2]) << 8 == bytes.count)
    }

    @Test func trust() throws {
        var harness = Harness()
        _ = harness.machine.start()
        let actions = try harness.feed(BackendBytes.authenticationOK + BackendBytes.startupTail)
        #expect(
            actions == [
                .parameterStatus(name: "server_version", value: "15.18"),
                .parameterStatus(name: "client_encoding", value: "UTF8"),
                .backendKeyData(processID: 4242, secretKey: 99),
                .connected,
            ])
        #expect(harness.machine.isReady)
    }

    @Test func cleartextPassword() throws {
        var harness = Harness(password: "secret")
        _ = harness.machine.start()
        #expect(
            try harness.feed(BackendBytes.authentication(3)) == [.send(FrontendMessage.password("secret").encoded())])
        #expect(try harness.feed(BackendBytes.authenticationOK + BackendBytes.startupTail).last == .connected)
    }

    @Test func md5Password() throws {
        var harness = Harness(user: "tessera", password: "secret")
        _ = harness.machine.start()
        let actions = try harness.feed(BackendBytes.authentication(5, [1, 2, 3, 4]))
        #expect(actions == [.send(FrontendMessage.password("md5403a0df3dc8aa2e33e5df01f51668344").encoded())])
        #expect(try harness.feed(BackendBytes.authenticationOK + BackendBytes.startupTail).last == .connected)
    }

    @Test func scramWithRFC7677Vector() throws {
        var harness = Harness(user: "user", password: "pencil", nonce: AuthenticationTests.clientNonce)
        _ = harness.machine.start()
        let offer = BackendBytes.authentication(
            10, BackendBytes.cString("SCRAM-SHA-256-PLUS") + BackendBytes.cString("SCRAM-SHA-256") + [0])
        #expect(
            try harness.feed(offer) == [
                .send(
                    FrontendMessage.saslInitialResponse(
                        mechanism: "SCRAM-SHA-256", data: Array("n,,n=user,r=rOprNGfwEbeRWgbNEkqO".utf8)
                    ).encoded())
            ])
        #expect(
            try harness.feed(BackendBytes.authentication(11, Array(AuthenticationTests.serverFirst.utf8)))
                == [.send(FrontendMessage.saslResponse(Array(AuthenticationTests.clientFinal.utf8)).encoded())])
        #expect(try harness.feed(BackendBytes.authentication(12, Array(AuthenticationTests.serverFinal.utf8))) == [])
        #expect(try harness.feed(BackendBytes.authenticationOK + BackendBytes.startupTail).last == .connected)
    }

    @Test func scramWithAWrongServerSignatureFails() throws {
        var harness = Harness(user: "user", password: "pencil", nonce: AuthenticationTests.clientNonce)
        _ = harness.machine.start()
        _ = try harness.feed(BackendBytes.authentication(10, BackendBytes.cString("SCRAM-SHA-256") + [0]))
        _ = try harness.feed(BackendBytes.authentication(11, Array(AuthenticationTests.serverFirst.utf8)))
        let actions = try harness.feed(BackendBytes.authentication(12, Array("v=AAAA".utf8)))
        #expect(actions.first?.error?.kind == .authenticationFailed)
        #expect(actions.first?.isFatal == true)
    }

    @Test func serverThatSkipsSCRAMsFinalStepIsRefused() throws {
        var harness = Harness(user: "user", password: "pencil", nonce: AuthenticationTests.clientNonce)
        _ = harness.machine.start()
        _ = try harness.feed(BackendBytes.authentication(10, BackendBytes.cString("SCRAM-SHA-256") + [0]))
        _ = try harness.feed(BackendBytes.authentication(11, Array(AuthenticationTests.serverFirst.utf8)))
        #expect(try harness.feed(BackendBytes.authenticationOK).first?.error?.kind == .authenticationFailed)
    }

    @Test func passwordRequestedButNoneGiven() throws {
        var harness = Harness(password: nil)
        _ = harness.machine.start()
        let error = try harness.feed(BackendBytes.authentication(10, BackendBytes.cString("SCRAM-SHA-256") + [0]))
            .first?.error
        #expect(error?.kind == .authenticationFailed)
        #expect(error?.message.contains("has none") == true)
    }

    @Test func wrongPasswordIsAnAuthenticationFailure() throws {
        var harness = Harness(password: "wrong")
        _ = harness.machine.start()
        _ = try harness.feed(BackendBytes.authentication(3))
        let actions = try harness.feed(
            BackendBytes.error("28P01", "password authentication failed for user \"tessera\"", severity: "FATAL"))
        #expect(actions.first?.error?.kind == .authenticationFailed)
        #expect(actions.first?.error?.message.contains("password authentication failed") == true)
        #expect(harness.machine.isClosed)
    }

    @Test func missingDatabaseIsAServerError() throws {
        var harness = Harness()
        _ = harness.machine.start()
        let actions = try harness.feed(
            BackendBytes.authenticationOK
                + BackendBytes.error("3D000", "database \"nope\" does not exist", severity: "FATAL"))
        #expect(actions.first?.error?.serverError?.sqlState == "3D000")
    }

    @Test(arguments: [2 as Int32, 7, 9])
    func unsupportedMethodsAreNamed(_ code: Int32) throws {
        var harness = Harness()
        _ = harness.machine.start()
        let error = try harness.feed(BackendBytes.authentication(code)).first?.error
        #expect(error?.kind == .unsupportedAuthentication)
    }

    @Test func saslWithoutSCRAMSHA256IsUnsupported() throws {
        var harness = Harness()
        _ = harness.machine.start()
        let error = try harness.feed(BackendBytes.authentication(10, BackendBytes.cString("SCRAM-SHA-256-PLUS") + [0]))
            .first?.error
        #expect(error?.kind == .unsupportedAuthentication)
    }

    @Test func unexpectedMessagesDuringStartupAreProtocolViolations() throws {
        var harness = Harness()
        _ = harness.machine.start()
        #expect(try harness.feed(BackendBytes.dataRow(["1"])).first?.error?.kind == .protocolViolation)
        var early = Harness()
        _ = early.machine.start()
        #expect(try early.feed(BackendBytes.readyForQuery).first?.error?.kind == .protocolViolation)
    }

    @Test func closedDuringStartup() {
        var harness = Harness()
        _ = harness.machine.start()
        #expect(harness.machine.connectionClosed().error?.kind == .connectionClosed)
    }
}

@Suite struct QueryTests {
    @Test func rowsOfASimpleQuery() throws {
        var harness = try connected()
        #expect(harness.machine.startQuery("select 1") == .send(FrontendMessage.query("select 1").encoded()))
        let actions = try harness.feed(
            BackendBytes.rowDescription([("id", 23), ("name", 25)]) + BackendBytes.dataRow(["1", nil])
                + BackendBytes.dataRow(["2", "zwei"]) + BackendBytes.commandComplete("SELECT 2")
                + BackendBytes.readyForQuery
        )
        #expect(
            actions == [
                .rowDescription([PostgresColumn(name: "id", typeOID: 23), PostgresColumn(name: "name", typeOID: 25)]),
                .dataRow(["1", nil]), .dataRow(["2", "zwei"]), .queryComplete(commandTag: "SELECT 2"),
            ])
        #expect(harness.machine.isReady)
    }

    @Test func serverErrorLeavesTheConnectionUsable() throws {
        var harness = try connected()
        _ = harness.machine.startQuery("selec 1")
        let actions = try harness.feed(
            BackendBytes.error("42601", "syntax error at or near \"selec\"") + BackendBytes.readyForQuery)
        #expect(actions.count == 1)
        #expect(actions.first?.error?.serverError?.sqlState == "42601")
        #expect(actions.first?.isFatal == false)
        #expect(harness.machine.isReady)
    }

    @Test func noticesPassThrough() throws {
        var harness = try connected()
        _ = harness.machine.startQuery("do $$ begin raise notice 'hi'; end $$")
        let actions = try harness.feed(
            BackendBytes.notice("hi") + BackendBytes.commandComplete("DO") + BackendBytes.readyForQuery)
        guard case .notice(let notice) = actions.first else { Issue.record("no notice: \(actions)"); return }
        #expect(notice.message == "hi")
        #expect(actions.last == .queryComplete(commandTag: "DO"))
    }

    @Test func aQueryWhileBusyIsMisuse() throws {
        var harness = try connected()
        _ = harness.machine.startQuery("select 1")
        #expect(harness.machine.startQuery("select 2").error?.kind == .misuse)
    }

    @Test func nulInSQLIsRefusedBeforeSending() throws {
        var harness = try connected()
        #expect(harness.machine.startQuery("select '\0'").error?.kind == .misuse)
        #expect(harness.machine.isReady)
    }

    @Test func emptyQuery() throws {
        var harness = try connected()
        _ = harness.machine.startQuery("")
        let actions = try harness.feed(BackendBytes.frame("I") + BackendBytes.readyForQuery)
        #expect(actions == [.queryComplete(commandTag: nil)])
    }
}

@Suite struct CopyOutTests {
    @Test func streamsEveryRowThenCompletes() throws {
        var harness = try connected()
        _ = harness.machine.startCopyOut("COPY t TO STDOUT (FORMAT csv)")
        let actions = try harness.feed(
            BackendBytes.copyOutResponse(columns: 2) + BackendBytes.copyData("1,a\n")
                + BackendBytes.copyData("2,\"b,\"\"c\"\"\"\n")
                + BackendBytes.copyDone + BackendBytes.commandComplete("COPY 2") + BackendBytes.readyForQuery
        )
        #expect(
            actions == [
                .copyData(ArraySlice("1,a\n".utf8)), .copyData(ArraySlice("2,\"b,\"\"c\"\"\"\n".utf8)),
                .queryComplete(commandTag: "COPY 2"),
            ])
        #expect(PostgresConnection.rowCount(fromTag: "COPY 2") == 2)
    }

    @Test func errorInTheMiddleOfACopyIsAnError() throws {
        var harness = try connected()
        _ = harness.machine.startCopyOut("COPY (select 1/(i-3) from generate_series(1,5) i) TO STDOUT")
        let actions = try harness.feed(
            BackendBytes.copyOutResponse(columns: 1) + BackendBytes.copyData("-0.5\n") + BackendBytes.copyData("-1\n")
                + BackendBytes.error("22012", "division by zero") + BackendBytes.readyForQuery
        )
        #expect(actions.count == 3)
        #expect(actions.last?.error?.serverError?.sqlState == "22012")
        #expect(actions.last?.isFatal == false)
        #expect(harness.machine.isReady)
    }

    @Test func serverClosingInTheMiddleIsAnErrorNotAShortResult() throws {
        var harness = try connected()
        _ = harness.machine.startCopyOut("COPY t TO STDOUT")
        _ = try harness.feed(
            BackendBytes.copyOutResponse(columns: 1) + BackendBytes.copyData("1\n") + BackendBytes.copyData("2\n"))
        let action = harness.machine.connectionClosed()
        #expect(action.error?.kind == .connectionClosed)
        #expect(action.error?.message.contains("middle of a COPY, after 2 rows") == true)
    }

    @Test func fatalErrorBeforeTheCloseIsWhatIsReported() throws {
        var harness = try connected()
        _ = harness.machine.startCopyOut("COPY t TO STDOUT")
        _ = try harness.feed(
            BackendBytes.copyOutResponse(columns: 1) + BackendBytes.copyData("1\n")
                + BackendBytes.error("57P01", "terminating connection due to administrator command", severity: "FATAL"))
        #expect(harness.machine.connectionClosed().error?.serverError?.sqlState == "57P01")
    }

    @Test func aStatementReturningRowsIsMisuseAndTheRowsAreDrained() throws {
        var harness = try connected()
        _ = harness.machine.startCopyOut("select 1")
        let actions = try harness.feed(
            BackendBytes.rowDescription([("x", 23)]) + BackendBytes.dataRow(["1"])
                + BackendBytes.commandComplete("SELECT 1") + BackendBytes.readyForQuery)
        #expect(actions.count == 1)
        #expect(actions.first?.error?.kind == .misuse)
        #expect(harness.machine.isReady)
    }

    @Test func aStatementWithoutCopyIsMisuse() throws {
        var harness = try connected()
        _ = harness.machine.startCopyOut("set x = 1")
        let actions = try harness.feed(BackendBytes.commandComplete("SET") + BackendBytes.readyForQuery)
        #expect(actions.first?.error?.kind == .misuse)
    }

    @Test func copyFromStdinIsRefusedWithCopyFail() throws {
        var harness = try connected()
        _ = harness.machine.startCopyOut("COPY t FROM STDIN")
        let refused = try harness.feed(BackendBytes.frame("G", [0] + BackendBytes.int16(0)))
        guard case .send(let bytes) = refused.first else { Issue.record("no CopyFail: \(refused)"); return }
        #expect(bytes.first == UInt8(ascii: "f"))
        let end = try harness.feed(BackendBytes.error("57014", "COPY from stdin failed") + BackendBytes.readyForQuery)
        #expect(end.first?.error?.kind == .misuse)
        #expect(harness.machine.isReady)
    }

    @Test func binaryCopyIsRefused() throws {
        var harness = try connected()
        _ = harness.machine.startCopyOut("COPY t TO STDOUT (FORMAT binary)")
        let actions = try harness.feed(
            BackendBytes.copyOutResponse(columns: 1, binary: true) + BackendBytes.copyData("PGCOPY")
                + BackendBytes.copyDone + BackendBytes.commandComplete("COPY 1") + BackendBytes.readyForQuery)
        #expect(actions.count == 1)
        #expect(actions.first?.error?.kind == .misuse)
    }

    @Test(arguments: [
        BackendBytes.copyData("stray\n"),
        BackendBytes.copyDone,
        BackendBytes.backendKeyData(1, 2),
        BackendBytes.frame("1"),
    ])
    func outOfPlaceMessagesAreProtocolViolations(_ bytes: [UInt8]) throws {
        var harness = try connected()
        _ = harness.machine.startCopyOut("COPY t TO STDOUT")
        let actions = try harness.feed(bytes)
        #expect(actions.first?.error?.kind == .protocolViolation)
        #expect(harness.machine.isClosed)
    }

    @Test func readyForQueryInsideACopyIsAProtocolViolation() throws {
        var harness = try connected()
        _ = harness.machine.startCopyOut("COPY t TO STDOUT")
        let actions = try harness.feed(BackendBytes.copyOutResponse(columns: 1) + BackendBytes.readyForQuery)
        #expect(actions.first?.error?.kind == .protocolViolation)
    }
}

@Suite struct FrontendMessageTests {
    @Test func cancelRequestLayout() {
        #expect(
            FrontendMessage.cancelRequest(processID: 0x0102_0304, secretKey: -1).encoded()
                == [0, 0, 0, 16, 0x04, 0xD2, 0x16, 0x2E, 1, 2, 3, 4, 0xFF, 0xFF, 0xFF, 0xFF])
    }

    @Test func queryAndTerminateLayout() {
        #expect(
            FrontendMessage.query("select 1").encoded() == [UInt8(ascii: "Q"), 0, 0, 0, 13] + Array("select 1".utf8) + [
                0
            ])
        #expect(FrontendMessage.terminate.encoded() == [UInt8(ascii: "X"), 0, 0, 0, 4])
    }
}

@Suite struct DecoderTests {
    @Test func messagesSplitAcrossReadsAreReassembled() throws {
        for chunk in [1, 2, 3, 5, 64, 4096] {
            var harness = Harness()
            harness.chunkSize = chunk
            try harness.connect()
        }
    }

    @Test func absurdLengthsAreProtocolViolations() {
        var decoder = BackendMessageDecoder()
        decoder.append([UInt8(ascii: "D"), 0xFF, 0xFF, 0xFF, 0xFF])
        #expect(throws: PostgresError.self) { try decoder.next() }
        var tiny = BackendMessageDecoder()
        tiny.append([UInt8(ascii: "D"), 0, 0, 0, 2])
        #expect(throws: PostgresError.self) { try tiny.next() }
    }

    @Test func truncatedBodiesAreProtocolViolations() {
        var decoder = BackendMessageDecoder()
        decoder.append(BackendBytes.frame("D", BackendBytes.int16(2) + BackendBytes.int32(10) + Array("abc".utf8)))
        let error = #expect(throws: PostgresError.self) { try decoder.next() }
        #expect(error?.kind == .protocolViolation)
    }

    @Test func errorFieldsAreDecoded() throws {
        var decoder = BackendMessageDecoder()
        decoder.append(BackendBytes.error("22012", "division by zero", detail: "in row 3"))
        guard case .errorResponse(let error) = try decoder.next() else { Issue.record("not an error"); return }
        #expect(
            error
                == PostgresServerError(
                    severity: "ERROR", sqlState: "22012", message: "division by zero", detail: "in row 3"))
        #expect(error.summary == "ERROR 22012: division by zero (detail: in row 3)")
    }

    @Test func columnsKnowTheirTypeNames() {
        #expect(PostgresColumn(name: "a", typeOID: 20).typeName == "int8")
        #expect(PostgresColumn(name: "a", typeOID: 1184).typeName == "timestamptz")
        #expect(PostgresColumn(name: "a", typeOID: 1009).typeName == "_text")
        #expect(PostgresColumn(name: "a", typeOID: 99999).typeName == nil)
    }
}

private func connected() throws -> Harness {
    var harness = Harness()
    try harness.connect()
    return harness
}
