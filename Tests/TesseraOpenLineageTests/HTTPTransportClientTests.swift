import Foundation
import Synchronization
import Testing
import TesseraHTTP
@testable import TesseraOpenLineage

/// The OpenLineage HTTP transport sends through Tessera's one HTTP client: what it asks the client
/// for, and how the client's failures read in the emitter's warning.
@Suite struct HTTPTransportClientTests {
    /// Answers every request with `answer` and keeps what it was asked.
    final class RecordingClient: HTTPClient {
        let answer: Result<HTTPResponse, HTTPClientError>
        let requests = Mutex<[HTTPRequest]>([])

        init(_ answer: Result<HTTPResponse, HTTPClientError>) { self.answer = answer }

        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            requests.withLock { $0.append(request) }
            return try answer.get()
        }
    }

    @Test func anEventIsOnePOSTOfJSONWithTheKey() async throws {
        let client = RecordingClient(.success(HTTPResponse(status: 201)))
        let transport = try HTTPTransport(
            url: "http://lineage.example:5000/", endpoint: "/api/v1/lineage", apiKey: "s3cret", timeout: 0.5,
            client: client)
        try await transport.send(Data(#"{"eventType":"START"}"#.utf8))
        let request = try #require(client.requests.withLock { $0.first })
        #expect(request.method == "POST")
        #expect(request.url.absoluteString == "http://lineage.example:5000/api/v1/lineage")
        #expect(request.body == Data(#"{"eventType":"START"}"#.utf8))
        #expect(request.headers.contains(HTTPField(name: "Content-Type", value: "application/json")))
        #expect(request.headers.contains(HTTPField(name: "Authorization", value: "Bearer s3cret")))
        // Whole seconds, at least one (libcurl truncates the interval).
        #expect(request.timeout == .seconds(1))
    }

    @Test func theClientsFailuresReadAsBefore() async throws {
        let timedOut = try HTTPTransport(
            url: "http://x", endpoint: "", apiKey: nil, timeout: 1, client: RecordingClient(.failure(.init(.timedOut))))
        do {
            try await timedOut.send(Data())
            Issue.record("a timeout was taken for an answer")
        } catch {
            #expect("\(error)" == "no answer within the timeout")
        }
        let refused = try HTTPTransport(
            url: "http://x", endpoint: "", apiKey: nil, timeout: 1,
            client: RecordingClient(.failure(.init(.connectionRefused, detail: "URLError -1004"))))
        do {
            try await refused.send(Data())
            Issue.record("a refused connection was taken for an answer")
        } catch {
            #expect("\(error)" == "could not connect (connection refused (URLError -1004))")
        }
        let failing = try HTTPTransport(
            url: "http://x", endpoint: "", apiKey: nil, timeout: 1,
            client: RecordingClient(.success(HTTPResponse(status: 503))))
        do {
            try await failing.send(Data())
            Issue.record("a 503 was taken for success")
        } catch {
            #expect("\(error)" == "the server answered HTTP 503")
        }
    }
}
