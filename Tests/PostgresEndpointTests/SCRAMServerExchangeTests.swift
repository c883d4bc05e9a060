import Foundation
import PostgresWire
import TesseraCatalog
import Testing
import TesseraCore

@testable import PostgresEndpoint

@Suite struct SCRAMServerExchangeTests {
    // RFC 7677 §3: user "user", password "pencil".
    static let salt = Array(Data(base64Encoded: "W22ZaJ0SNY7soEsUEjb6gQ==")!)
    static let serverNonce = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"
    static let clientFirst = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO"
    static let serverFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"
    static let clientFinal =
        "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="
    static let serverFinal = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="

    static func credentials(password: String = "pencil") -> SCRAMCredentials {
        let salted = SCRAMKeys.saltedPassword(Array(password.utf8), salt: salt, iterations: 4096)
        let secret = SCRAMCredentials.Secret(
            storedKey: SCRAMKeys.storedKey(clientKey: SCRAMKeys.clientKey(saltedPassword: salted)),
            serverKey: SCRAMKeys.serverKey(saltedPassword: salted), label: "password")
        return SCRAMCredentials(principal: .person("user"), salt: salt, iterations: 4096, secrets: [secret])
    }

    static func initialResponse(_ clientFirst: String = clientFirst) -> [UInt8] {
        var body: [UInt8] = []
        body.appendCString("SCRAM-SHA-256")
        body.appendInt32(Int32(clientFirst.utf8.count))
        body.append(contentsOf: clientFirst.utf8)
        return body
    }

    @Test func answersRFC7677sExampleExactly() throws {
        var exchange = SCRAMServerExchange(credentials: Self.credentials(), serverNonce: Self.serverNonce)
        let first = try exchange.serverFirstMessage(initialResponse: Self.initialResponse())
        #expect(String(decoding: first, as: UTF8.self) == Self.serverFirst)
        let verified = try exchange.verify(clientFinal: Array(Self.clientFinal.utf8))
        #expect(verified.map { String(decoding: $0.serverFinal, as: UTF8.self) } == Self.serverFinal)
        #expect(verified?.secret == "password")
    }

    @Test func refusesAProofOfAnotherPassword() throws {
        var exchange = SCRAMServerExchange(
            credentials: Self.credentials(password: "crayon"), serverNonce: Self.serverNonce)
        _ = try exchange.serverFirstMessage(initialResponse: Self.initialResponse())
        #expect(try exchange.verify(clientFinal: Array(Self.clientFinal.utf8)) == nil)
    }

    @Test func triesEverySecretOfThePrincipal() throws {
        var credentials = Self.credentials(password: "crayon")
        credentials.secrets += Self.credentials().secrets.map { secret in
            var token = secret
            token.label = "token abc"
            return token
        }
        var exchange = SCRAMServerExchange(credentials: credentials, serverNonce: Self.serverNonce)
        _ = try exchange.serverFirstMessage(initialResponse: Self.initialResponse())
        #expect(try exchange.verify(clientFinal: Array(Self.clientFinal.utf8))?.secret == "token abc")
    }

    @Test func refusesChannelBindingItDidNotOffer() {
        var exchange = SCRAMServerExchange(credentials: Self.credentials(), serverNonce: Self.serverNonce)
        #expect(throws: EndpointError.self) {
            try exchange.serverFirstMessage(initialResponse: Self.initialResponse("p=tls-server-end-point,,n=,r=abc"))
        }
    }

    @Test func refusesAFinalMessageWithAnotherNonce() throws {
        var exchange = SCRAMServerExchange(credentials: Self.credentials(), serverNonce: "other")
        _ = try exchange.serverFirstMessage(initialResponse: Self.initialResponse())
        #expect(throws: EndpointError.self) { try exchange.verify(clientFinal: Array(Self.clientFinal.utf8)) }
    }

    @Test func decoysAreStablePerUserAndMatchNothing() {
        let key = Array(repeating: UInt8(7), count: 32)
        let one = SCRAMServerExchange.decoy(user: "mallory", key: key, principal: .person("mallory"))
        #expect(one == SCRAMServerExchange.decoy(user: "mallory", key: key, principal: .person("mallory")))
        #expect(one.salt != SCRAMServerExchange.decoy(user: "eve", key: key, principal: .person("eve")).salt)
        #expect(one.secrets.isEmpty)
    }

    @Test func parsesPostgreSQLsVerifierFormat() throws {
        let stored = Data(repeating: 1, count: 32).base64EncodedString()
        let server = Data(repeating: 2, count: 32).base64EncodedString()
        let verifier = try #require(
            SCRAMVerifier(parsing: "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$\(stored):\(server)"))
        #expect(verifier.iterations == 4096)
        #expect(verifier.salt == Self.salt)
        #expect(verifier.storedKey == Array(repeating: 1, count: 32))
        #expect(SCRAMVerifier(parsing: "md5abcdef") == nil)
        #expect(SCRAMVerifier(parsing: "SCRAM-SHA-256$x:salt$a:b") == nil)
    }

    @Test func aPasswordJoinsTokensOnlyUnderTheirSalt() throws {
        let keys = Data(repeating: 1, count: 32).base64EncodedString()
        let salt = "W22ZaJ0SNY7soEsUEjb6gQ=="
        let password = try #require(SCRAMVerifier(parsing: "SCRAM-SHA-256$4096:\(salt)$\(keys):\(keys)"))
        let other = try #require(SCRAMVerifier(parsing: "SCRAM-SHA-256$4096:AAAAAAAAAAAAAAAAAAAAAA==$\(keys):\(keys)"))
        let tokens = Self.credentials()
        let ana = Principal.person("user")
        let joined = WorkspaceCredentials.combine(tokens: tokens, password: password, principal: ana)
        #expect(joined?.secrets.map(\.label) == ["password", "password"])
        #expect(WorkspaceCredentials.combine(tokens: tokens, password: other, principal: ana) == tokens)
        let alone = WorkspaceCredentials.combine(tokens: nil, password: other, principal: ana)
        #expect(alone?.salt == other.salt)
        #expect(alone?.secrets.count == 1)
        #expect(WorkspaceCredentials.combine(tokens: tokens, password: nil, principal: ana) == tokens)
    }
}
