import Foundation
import Testing
@testable import TesseraIngest
import TesseraModel

@Suite struct HTTPRedactorTests {
    @Test func environmentParts() {
        #expect(HTTPRedactor.environmentParts(of: secret("KEY", "abc")) == ["abc"])
        #expect(
            HTTPRedactor.environmentParts(
                of: ConfigString(
                    template: "https://${HOST}/v1?key=${KEY}&x=1",
                    value: "https://h.example.com/v1?key=s3&x=1", variables: ["HOST", "KEY"]))
                == ["h.example.com", "s3"])
        #expect(
            HTTPRedactor.environmentParts(
                of: ConfigString(template: "${A}${B}-x", value: "onetwo-x", variables: ["A", "B"])) == ["onetwo"])
        #expect(
            HTTPRedactor.environmentParts(of: ConfigString(template: "$$${A}", value: "$val", variables: ["A"])) == [
                "val"
            ])
        // When the template does not line up with the value, all of it is secret.
        #expect(
            HTTPRedactor.environmentParts(of: ConfigString(template: "x${A}", value: "y1", variables: ["A"])) == ["y1"])
    }

    @Test func urls() throws {
        let source = HTTPConnector(
            url: ConfigString(
                template: "https://me:${PW}@api.example.com/v1?k=${KEY}",
                value: "https://me:p%40ss@api.example.com/v1?k=k+1",
                variables: ["PW", "KEY"]),
            headers: [
                ConnectorSetting(
                    name: "Authorization", value: secret("TOKEN", "Bearer xyz", template: "Bearer ${TOKEN}"))
            ],
            params: [
                ConnectorSetting(name: "token", value: secret("T", "zz")),
                ConnectorSetting(name: "page_size", value: "10"),
            ])
        let redactor = HTTPRedactor(connector: source)
        let url = try #require(URL(string: "https://me:p%40ss@api.example.com/v1?k=k+1&token=zz&page_size=10"))
        #expect(redactor.url(url) == "https://***@api.example.com/v1?k=***&token=***&page_size=10")
        #expect(redactor.text("you sent Bearer xyz and zz") == "you sent Bearer *** and ***")
        #expect(
            redactor.url(try #require(URL(string: "https://api.example.com/next?cursor=abc")))
                == "https://api.example.com/next?cursor=abc")
    }

    @Test func aURLThatIsAllSecret() throws {
        let redactor = HTTPRedactor(connector: HTTPConnector(url: secret("API_URL", "https://internal.example.com/v2")))
        let url = try #require(URL(string: "https://internal.example.com/v2?page=3"))
        #expect(redactor.url(url) == "***?page=3")
    }
}
