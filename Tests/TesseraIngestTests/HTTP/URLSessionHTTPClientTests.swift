import Foundation
import Testing
import TesseraHTTP
@testable import TesseraIngest
import TesseraModel

/// Failures to reach a server, through the real transport, and transient ones through a script.
@Suite struct URLSessionHTTPClientTests {
    @Test func connectionRefusedFailsAtOnce() async throws {
        // A port that was just free: start a server, note its port, stop it.
        let closed = try await FixtureServer.start()
        let port = closed.port
        await closed.stop()
        let folder = scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let clock = ManualClock()
        let failure = try #require(
            await extractionError(extractor(connector("http://127.0.0.1:\(port)/page"), clock: clock), into: folder))
        #expect(failure.reason == .connectionRefused)
        #expect(failure.message.contains("GET http://127.0.0.1:\(port)/page failed: the connection was refused"))
        #expect(clock.sleeps.isEmpty)
    }

    @Test func unknownHostFailsAtOnce() async throws {
        let folder = scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let clock = ManualClock()
        let failure = try #require(
            await extractionError(extractor(connector("http://no-such-host.invalid/items"), clock: clock), into: folder)
        )
        #expect(failure.reason == .unknownHost)
        #expect(
            failure.description.contains(
                "\(sourceFile):1:1: error: source 'sales.api': GET http://no-such-host.invalid/items failed"))
        #expect(clock.sleeps.isEmpty)
    }

    @Test func timeoutIsATransientFailure() async throws {
        try await withFixture { server, folder in
            let source = connector(
                server.url("/slow"), retries: HTTPConnector.Retries(maxAttempts: 1), timeout: TimeSpan(seconds: 1))
            let failure = try #require(await extractionError(extractor(source), into: folder))
            #expect(failure.reason == .retriesExhausted(attempts: 1))
            #expect(failure.message.contains("the last with timed out"))
        }
    }

    @Test func droppedConnectionsAndTimeoutsAreRetried() async throws {
        let ok = HTTPResponse(status: 200, body: Data(#"{"data":[1,2]}"#.utf8))
        let transport = ScriptedTransport([
            .failure(HTTPClientError(.connectionLost)), .failure(HTTPClientError(.timedOut)), .success(ok),
        ])
        let folder = scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let clock = ManualClock()
        let result = try await extractor(connector("https://api.example.com/items"), clock: clock, transport: transport)
            .extract(into: folder)
        #expect(result.records == 2)
        #expect(result.retries == 2)
        #expect(result.requests == 3)
        #expect(clock.sleeps.count == 2)
        #expect(
            transport.requests.map(\.url.absoluteString) == Array(repeating: "https://api.example.com/items", count: 3))
    }

    @Test func otherTransportErrorsFailAtOnce() async throws {
        struct Odd: Error {}
        final class Throwing: HTTPClient {
            func send(_ request: HTTPRequest) async throws -> HTTPResponse { throw Odd() }
        }
        let folder = scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let failure = try #require(
            await extractionError(
                extractor(connector("https://api.example.com/items"), transport: Throwing()), into: folder))
        #expect(failure.reason == .transport(.other))
        #expect(failure.message.hasSuffix("GET https://api.example.com/items failed: transport failure (Odd)"))
    }

    @Test func requestsCarryHeadersAndTimeout() async throws {
        let transport = ScriptedTransport([.success(HTTPResponse(status: 200, body: Data("[]".utf8)))])
        let folder = scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = connector(
            "https://api.example.com/items", records: "", headers: [ConnectorSetting(name: "X-Key", value: "abc")],
            timeout: TimeSpan(seconds: 90))
        _ = try await extractor(source, transport: transport).extract(into: folder)
        let request = try #require(transport.requests.first)
        #expect(
            request.headers == [
                HTTPField(name: "X-Key", value: "abc"), HTTPField(name: "Accept", value: "application/json"),
                HTTPField(name: "User-Agent", value: "tessera"),
            ])
        #expect(request.timeout == .seconds(90))
        #expect(request.method == "GET")
    }
}
