import Foundation
import Testing
@testable import PostgresWire

@Suite struct AuthenticationTests {
    // RFC 7677 §3.
    static let clientNonce = "rOprNGfwEbeRWgbNEkqO"
    static let serverFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"
    static let clientFinal =
        "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="
    static let serverFinal = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="

    @Test func scramMatchesRFC7677() throws {
        var scram = SCRAMSHA256(username: "user", password: "pencil", clientNonce: Self.clientNonce)
        #expect(String(decoding: scram.clientFirstMessage, as: UTF8.self) == "n,,n=user,r=rOprNGfwEbeRWgbNEkqO")
        let final = try scram.clientFinalMessage(serverFirst: Array(Self.serverFirst.utf8))
        #expect(String(decoding: final, as: UTF8.self) == Self.clientFinal)
        try scram.verify(serverFinal: Array(Self.serverFinal.utf8))
    }

    @Test func scramRejectsAForgedServerSignature() throws {
        var scram = SCRAMSHA256(username: "user", password: "pencil", clientNonce: Self.clientNonce)
        _ = try scram.clientFinalMessage(serverFirst: Array(Self.serverFirst.utf8))
        let forged = "v=" + Data(repeating: 7, count: 32).base64EncodedString()
        let error = #expect(throws: PostgresError.self) { try scram.verify(serverFinal: Array(forged.utf8)) }
        #expect(error?.kind == .authenticationFailed)
    }

    @Test func scramRejectsANonceThatDoesNotExtendOurs() {
        var scram = SCRAMSHA256(username: "user", password: "pencil", clientNonce: Self.clientNonce)
        let error = #expect(throws: PostgresError.self) {
            try scram.clientFinalMessage(serverFirst: Array("r=someoneelse,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096".utf8))
        }
        #expect(error?.kind == .authenticationFailed)
    }

    @Test func scramEscapesTheUserName() {
        #expect(SCRAMKeys.saslName("a=b,c") == "a=3Db=2Cc")
    }

    @Test func randomNoncesArePrintableAndDiffer() {
        let one = SCRAMSHA256.randomNonce()
        #expect(one.count == 24)
        #expect(!one.contains(","))
        #expect(one != SCRAMSHA256.randomNonce())
    }

    @Test func md5ResponseMatchesPostgreSQLsFormula() {
        // md5(md5hex("secret" + "tessera") + salt), computed independently.
        #expect(
            MD5Password.response(user: "tessera", password: "secret", salt: [1, 2, 3, 4])
                == "md5403a0df3dc8aa2e33e5df01f51668344")
    }

    @Test func saslPrepLeavesASCIIAloneAndNormalizesTheRest() {
        #expect(SASLprep.prepare("pencil") == Array("pencil".utf8))
        // U+00A0 (no-break space) maps to a space; U+00AD (soft hyphen) to nothing; ﬁ (U+FB01) → "fi" by NFKC.
        #expect(SASLprep.prepare("a\u{00A0}b\u{00AD}c\u{FB01}") == Array("a bcfi".utf8))
        // A prohibited character (a private-use one): the raw bytes are used, as PostgreSQL does.
        #expect(SASLprep.prepare("x\u{E000}é") == Array("x\u{E000}é".utf8))
    }
}
