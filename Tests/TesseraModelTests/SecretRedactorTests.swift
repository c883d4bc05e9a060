import Foundation
import Testing
@testable import TesseraModel

@Suite("SecretRedactor")
struct SecretRedactorTests {
    func resolved(_ template: String, _ environment: [String: String]) -> ConfigString {
        ConfigString.resolve(template, environment: environment).0
    }

    @Test func masksEachPartFromTheEnvironmentAlsoPercentEncoded() {
        let redactor = SecretRedactor([resolved("Bearer ${TOKEN}", ["TOKEN": "a b/c+d"])])
        #expect(redactor.redact("sent Bearer a b/c+d") == "sent Bearer ***")
        #expect(redactor.redact("next=?t=a%20b%2Fc%2Bd") == "next=?t=***")
        #expect(redactor.redact("Bearer and nothing else") == "Bearer and nothing else")
    }

    @Test func masksAURLsPasswordAndCredentialsEvenWhenWrittenLiterally() {
        let redactor = SecretRedactor(["postgres://app:pa%40ss@db.example:5432/shop"])
        #expect(redactor.redact("password pa@ss refused") == "password *** refused")
        #expect(redactor.redact("as app:pa@ss") == "as ***")
        #expect(redactor.redact(Data("app:pa@ss".utf8).base64EncodedString()) == "***")
        // Where the server is stays visible.
        #expect(redactor.redact("PostgreSQL at db.example:5432/shop") == "PostgreSQL at db.example:5432/shop")
    }

    @Test func masksThePathAndQueryOfAWebURLFromTheEnvironmentButNotItsHost() {
        let redactor = SecretRedactor([resolved("${HOOK}", ["HOOK": "https://hooks.example/services/T0/XyZ?sig=q1"])])
        #expect(redactor.redact("404 for /services/T0/XyZ") == "404 for ***")
        #expect(redactor.redact("signed sig=q1") == "signed ***")
        #expect(redactor.redact("cannot reach hooks.example") == "cannot reach hooks.example")
    }

    @Test func literalCredentialsWithoutUserInfoHideNothing() {
        let redactor = SecretRedactor(["https://api.example/v1"])
        #expect(redactor.isEmpty)
        #expect(redactor.redact("GET https://api.example/v1") == "GET https://api.example/v1")
    }
}
