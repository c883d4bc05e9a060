import Foundation
import PostgresWire
import Testing
import TesseraCore

@testable import PostgresEndpoint

@Suite struct EndpointStateMachineTests {
    static func machine() -> EndpointStateMachine {
        EndpointStateMachine(
            serverParameters: [("server_version", "15.6")], serverNonce: { SCRAMServerExchangeTests.serverNonce })
    }

    static func clientFinal(_ text: String = SCRAMServerExchangeTests.clientFinal) -> FrontendRequest {
        .authenticationResponse(Array(text.utf8))
    }

    /// Startup through SCRAM to an open session, as RFC 7677's user.
    static func signedIn() -> EndpointStateMachine {
        var machine = machine()
        _ = machine.received(.startup(protocolVersion: 196_608, parameters: ["user": "user"]))
        _ = machine.received(.authenticationResponse(SCRAMServerExchangeTests.initialResponse()))
        _ = machine.credentialsFound(SCRAMServerExchangeTests.credentials())
        _ = machine.received(clientFinal())
        _ = machine.sessionOpened(processID: 7, secretKey: 9, parameters: ["user": "user"])
        return machine
    }

    @Test func signsInWithSCRAMAndReportsTheSession() {
        var machine = Self.machine()
        #expect(machine.received(.sslRequest) == [.answerSSLRequest])
        #expect(
            machine.received(.startup(protocolVersion: 196_608, parameters: ["user": "user", "database": "mesh"]))
                == [.send([.authenticationSASL(mechanisms: ["SCRAM-SHA-256"])]), .flush])
        #expect(
            machine.received(.authenticationResponse(SCRAMServerExchangeTests.initialResponse()))
                == [.lookUpCredentials(user: "user")])
        #expect(
            machine.credentialsFound(SCRAMServerExchangeTests.credentials())
                == [.send([.authenticationSASLContinue(Array(SCRAMServerExchangeTests.serverFirst.utf8))]), .flush])
        let final = Array(SCRAMServerExchangeTests.serverFinal.utf8)
        #expect(
            machine.received(Self.clientFinal())
                == [
                    .send([.authenticationSASLFinal(final), .authenticationOk]),
                    .openSession(principal: .person("user"), parameters: ["user": "user", "database": "mesh"]),
                ])
        let opened = machine.sessionOpened(processID: 7, secretKey: 9, parameters: ["user": "user"])
        #expect(
            opened == [
                .send([
                    .parameterStatus(name: "server_version", value: "15.6"),
                    .parameterStatus(name: "application_name", value: ""),
                    .parameterStatus(name: "session_authorization", value: "user"),
                    .backendKeyData(processID: 7, secretKey: 9), .readyForQuery(.idle),
                ]), .flush,
            ])
        #expect(machine.isReady)
    }

    @Test func aWrongPasswordGets28P01AndTheConnectionCloses() {
        var machine = Self.machine()
        _ = machine.received(.startup(protocolVersion: 196_608, parameters: ["user": "user"]))
        _ = machine.received(.authenticationResponse(SCRAMServerExchangeTests.initialResponse()))
        _ = machine.credentialsFound(SCRAMServerExchangeTests.credentials(password: "crayon"))
        let actions = machine.received(Self.clientFinal())
        #expect(
            actions == [
                .signInFailed(user: "user"), .send([.error(.authenticationFailed(user: "user"))]), .flush,
                .closeConnection,
            ])
        #expect(machine.received(.query("select 1")) == [])
    }

    @Test func aStartupWithoutUserOrOfAnotherVersionIsRefused() {
        var machine = Self.machine()
        let actions = machine.received(.startup(protocolVersion: 196_608, parameters: [:]))
        guard case .send(let replies) = actions.first, case .error(let error) = replies.first else {
            Issue.record("expected an error, got \(actions)")
            return
        }
        #expect(error.sqlState == "28000")
        var old = Self.machine()
        #expect(old.received(.startup(protocolVersion: 131_072, parameters: ["user": "x"])).last == .closeConnection)
    }

    @Test func aCancelRequestCancelsAndCloses() {
        var machine = Self.machine()
        #expect(
            machine.received(.cancel(processID: 7, secretKey: 9)) == [
                .cancel(processID: 7, secretKey: 9), .closeConnection,
            ])
    }

    @Test func aSimpleQueryRunsThenReportsReady() {
        var machine = Self.signedIn()
        #expect(machine.received(.query("select 1")) == [.run(.simpleQuery("select 1"))])
        #expect(machine.workSucceeded() == [.send([.readyForQuery(.idle)]), .flush])
        #expect(machine.received(.query("  ")) == [.send([.emptyQueryResponse, .readyForQuery(.idle)]), .flush])
    }

    @Test func aFailedStatementInATransactionBlockAbortsItUntilRollback() {
        var machine = Self.signedIn()
        #expect(
            machine.received(.query("BEGIN")) == [
                .send([.commandComplete("BEGIN"), .readyForQuery(.inTransaction)]), .flush,
            ])
        _ = machine.received(.query("select nope"))
        let failure = EndpointError("42703", "no such column")
        #expect(machine.workFailed(failure) == [.send([.error(failure), .readyForQuery(.failed)]), .flush])
        #expect(
            machine.received(.query("select 1")) == [
                .send([.error(EndpointStateMachine.abortedTransaction), .readyForQuery(.failed)]), .flush,
            ])
        #expect(
            machine.received(.query("commit")) == [
                .send([.commandComplete("ROLLBACK"), .readyForQuery(.idle)]), .flush,
            ])
    }

    @Test func anExtendedQueryErrorSkipsEverythingUntilSync() {
        var machine = Self.signedIn()
        #expect(
            machine.received(.parse(name: "", sql: "select $1", parameterTypes: []))
                == [.run(.parse(name: "", sql: "select $1", parameterTypes: []))])
        let failure = EndpointError("42601", "syntax error")
        #expect(machine.workFailed(failure) == [.send([.error(failure)])])
        let bind = BindRequest(portal: "", statement: "", parameterFormats: [], parameters: [], resultFormats: [])
        #expect(machine.received(.bind(bind)) == [])
        #expect(machine.received(.execute(portal: "", maxRows: 0)) == [])
        #expect(machine.received(.sync) == [.send([.readyForQuery(.idle)]), .flush])
        #expect(machine.received(.bind(bind)) == [.run(.bind(bind))])
        #expect(machine.workSucceeded() == [])
        #expect(machine.received(.flush) == [.flush])
    }

    @Test func anUnsupportedMessageIsAnErrorNotAClosedConnection() {
        var machine = Self.signedIn()
        let actions = machine.received(.unsupported(type: UInt8(ascii: "F")))
        guard case .send(let replies) = actions.first, case .error(let error) = replies.first else {
            Issue.record("expected an error, got \(actions)")
            return
        }
        #expect(error.sqlState == "0A000")
        #expect(machine.received(.sync) == [.send([.readyForQuery(.idle)]), .flush])
    }

    @Test func severalStatementsInOneQueryRunInOrderWithOneReadyForQuery() {
        var machine = Self.signedIn()
        #expect(machine.received(.query("select 1; select 2;")) == [.run(.simpleQuery("select 1"))])
        #expect(machine.workSucceeded() == [.run(.simpleQuery("select 2"))])
        #expect(machine.workSucceeded() == [.send([.readyForQuery(.idle)]), .flush])
        #expect(
            machine.received(.query("begin; select 1; commit")) == [
                .send([.commandComplete("BEGIN")]), .run(.simpleQuery("select 1")),
            ])
        #expect(
            machine.workSucceeded() == [.send([.commandComplete("COMMIT"), .readyForQuery(.idle)]), .flush])
        #expect(
            machine.received(.query(" ; -- nothing\n;")) == [
                .send([.emptyQueryResponse, .readyForQuery(.idle)]), .flush,
            ])
    }

    @Test func anErrorInAMultiStatementQuerySkipsTheRest() {
        var machine = Self.signedIn()
        _ = machine.received(.query("select nope; select 2"))
        let failure = EndpointError("42703", "no such column")
        #expect(machine.workFailed(failure) == [.send([.error(failure), .readyForQuery(.idle)]), .flush])
        #expect(machine.received(.query("select 3")) == [.run(.simpleQuery("select 3"))])
        #expect(machine.workSucceeded() == [.send([.readyForQuery(.idle)]), .flush])
    }

    @Test func terminateCloses() {
        var machine = Self.signedIn()
        #expect(machine.received(.terminate) == [.closeConnection])
    }
}
