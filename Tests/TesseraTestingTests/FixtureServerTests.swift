import FlyingFox
import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import Testing
import TesseraTesting

@Suite struct FixtureServerTests {
    @Test func answersWithTheHandlerAndLogsEveryRequestWithItsHitOnThatPath() async throws {
        let server = try await FixtureServer.start { request in
            HTTPResponse(statusCode: .ok, body: Data("\(request.method) \(request.path) \(request.hit)".utf8))
        }
        var bodies: [String] = []
        for path in ["/a?x=1", "/a", "/b"] {
            let (data, _) = try await URLSession.shared.data(from: try #require(URL(string: server.url(path))))
            bodies.append(String(decoding: data, as: UTF8.self))
        }
        await server.stop()
        #expect(bodies == ["GET /a 1", "GET /a 2", "GET /b 1"])
        #expect(await server.log.count("/a") == 2)
        #expect(await server.log.entries.map(\.query) == [["x": "1"], [:], [:]])
    }
}
