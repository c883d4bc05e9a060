import Foundation
import Testing
import TesseraHTTP
@testable import TesseraIngest
import TesseraModel

@Suite struct HTTPRequestBuilderTests {
    func builder(_ url: String, method: HTTPConnector.Method = .GET, params: [(String, String)] = []) throws
        -> HTTPRequestBuilder
    {
        let source = HTTPConnector(
            url: ConfigString(stringLiteral: url), method: method,
            params: params.map { ConnectorSetting(name: $0.0, value: ConfigString(stringLiteral: $0.1)) })
        return try #require(HTTPRequestBuilder(connector: source))
    }

    @Test func getPutsParamsInTheQuery() throws {
        let request = try builder(
            "https://api.example.com/items?fixed=a%20b&page=0", params: [("q", "x+y&z"), ("limit", "5")]
        )
        .request(.parameters([HTTPField(name: "page", value: "2")]))
        #expect(request.url.absoluteString == "https://api.example.com/items?fixed=a%20b&q=x%2By%26z&limit=5&page=2")
        #expect(request.body == nil)
    }

    @Test func paginationReplacesAParamOfTheSameName() throws {
        let request = try builder(
            "https://api.example.com/items", params: [("limit", "5"), ("page", "9"), ("page", "8")]
        )
        .request(.parameters([HTTPField(name: "page", value: "1")]))
        #expect(request.url.absoluteString == "https://api.example.com/items?limit=5&page=1")
    }

    @Test func postSendsAForm() throws {
        let request = try builder("https://api.example.com/search", method: .POST, params: [("q", "é ü")])
            .request(.parameters([HTTPField(name: "offset", value: "10")]))
        #expect(request.url.absoluteString == "https://api.example.com/search")
        #expect(request.body == Data("q=%C3%A9%20%C3%BC&offset=10".utf8))
        #expect(request.headers.contains(HTTPField(name: "Content-Type", value: "application/x-www-form-urlencoded")))
    }

    @Test func linksAreUsedAsGiven() throws {
        let next = try #require(URL(string: "https://api.example.com/items?after=x"))
        let request = try builder("https://api.example.com/items", params: [("limit", "5")]).request(.url(next))
        #expect(request.url == next)
    }

    @Test func onlyAbsoluteHTTPURLs() {
        for url in ["api.example.com/items", "ftp://api.example.com/x", "/items", "https://"] {
            #expect(
                HTTPRequestBuilder(connector: HTTPConnector(url: ConfigString(stringLiteral: url))) == nil, "\(url)")
        }
    }
}
