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

@Suite struct FixtureServerUnderLoadTests {
    /// Tests block the shared pool of Swift concurrency (each wait for the binary holds one of its
    /// threads). The server must answer anyway: here every thread of the pool is held while a client
    /// on a thread of its own calls the server.
    @Test func answersWhileEveryThreadOfTheSharedPoolIsBlocked() async throws {
        let server = try await FixtureServer.start { _ in HTTPResponse(statusCode: .ok, body: Data("up".utf8)) }
        let url = try #require(URL(string: server.url("/health")))
        let width = ProcessInfo.processInfo.activeProcessorCount
        let started = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        for _ in 0..<width {
            Task.detached {
                started.signal()
                _ = release.wait(timeout: .now() + 20)
            }
        }
        let (elapsed, body) = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                for _ in 0..<width { started.wait() }
                let clock = ContinuousClock(), start = clock.now
                let body = Self.get(url)
                let elapsed = start.duration(to: clock.now)
                for _ in 0..<width { release.signal() }
                continuation.resume(returning: (elapsed, body))
            }
        }
        await server.stop()
        #expect(body == "up")
        #expect(elapsed < .seconds(10), "the server waited for the blocked pool: \(elapsed)")
    }

    /// A GET whose callback runs on URLSession's own queue, waited for on the calling thread.
    private static func get(_ url: URL) -> String? {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var text: String?
        URLSession.shared.dataTask(with: url) { data, _, _ in
            text = data.map { String(decoding: $0, as: UTF8.self) }
            done.signal()
        }.resume()
        done.wait()
        return text
    }
}
