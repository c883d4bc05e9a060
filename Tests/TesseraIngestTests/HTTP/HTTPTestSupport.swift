import Foundation
import Testing
import TesseraHTTP
@testable import TesseraIngest
import TesseraModel

let sourceFile = "domains/sales/sources/api.yaml"

/// A connector on the fixture server.
func connector(
    _ url: String, records: String = "/data", pagination kind: HTTPConnector.Pagination.Kind? = nil,
    _ settings: [String: String] = [:], method: HTTPConnector.Method = .GET,
    params: [ConnectorSetting] = [], headers: [ConnectorSetting] = [],
    retries: HTTPConnector.Retries = HTTPConnector.Retries(), rateLimit: Double? = nil,
    timeout: TimeSpan = HTTPConnector.defaultTimeout
) -> HTTPConnector {
    let pagination = kind.map { kind in
        HTTPConnector.Pagination(
            kind: kind,
            settings: settings.sorted { $0.key < $1.key }.map {
                ConnectorSetting(name: $0.key, value: ConfigString(stringLiteral: $0.value))
            })
    }
    return HTTPConnector(
        url: ConfigString(stringLiteral: url), method: method, headers: headers, params: params, records: records,
        pagination: pagination, retries: retries, rateLimit: rateLimit, timeout: timeout)
}

/// A value "from the environment", as `${NAME}` leaves it.
func secret(_ name: String, _ value: String, template: String? = nil) -> ConfigString {
    ConfigString(template: template ?? "${\(name)}", value: value, variables: [name])
}

func extractor(
    _ connector: HTTPConnector, clock: ManualClock = ManualClock(),
    transport: any HTTPClient = URLSessionHTTPClient()
) -> HTTPExtractor {
    HTTPExtractor(
        connector: connector, source: "sales.api", sourceFile: sourceFile, transport: transport, clock: clock,
        jitter: { 0.5 })
}

/// A fresh folder for page files, removed by the caller.
func scratchFolder() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("tessera-http-\(UUID().uuidString)")
}

/// The `id`s of the records in the page files, in order, read through `pointer`.
func recordIDs(_ pages: [URL], pointer: String) throws -> [Int] {
    let parsed = try JSONPointer(pointer)
    var ids: [Int] = []
    for page in pages {
        let document = try JSONSerialization.jsonObject(with: try Data(contentsOf: page))
        guard case let .found(value) = parsed.resolve(in: document), let records = value as? [[String: Any]] else {
            Issue.record("no records at \(pointer) in \(page.lastPathComponent)")
            continue
        }
        ids += records.compactMap { ($0["id"] as? NSNumber)?.intValue }
    }
    return ids
}

/// Runs `body` with a fresh fixture server and scratch folder, and cleans both up.
func withFixture(_ body: (FixtureServer, URL) async throws -> Void) async throws {
    let server = try await FixtureServer.start()
    let folder = scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    do {
        try await body(server, folder)
    } catch {
        await server.stop()
        throw error
    }
    await server.stop()
}

/// The error an extraction throws; records an issue when it succeeds or throws something else.
func extractionError(_ extractor: HTTPExtractor, into folder: URL) async -> HTTPExtractError? {
    do {
        let result = try await extractor.extract(into: folder)
        Issue.record("expected an error, got \(result.pages.count) pages")
    } catch let error as HTTPExtractError {
        return error
    } catch {
        Issue.record("expected an HTTPExtractError, got \(error)")
    }
    return nil
}

/// A transport that plays back scripted outcomes, for failures a real server cannot make on cue.
final class ScriptedTransport: HTTPClient, @unchecked Sendable {
    private let lock = NSLock()
    private var outcomes: [Result<HTTPResponse, HTTPClientError>]
    private var sent: [HTTPRequest] = []

    init(_ outcomes: [Result<HTTPResponse, HTTPClientError>]) {
        self.outcomes = outcomes
    }

    var requests: [HTTPRequest] { lock.withLock { sent } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let outcome: Result<HTTPResponse, HTTPClientError> = lock.withLock {
            sent.append(request)
            return outcomes.isEmpty
                ? .failure(HTTPClientError(.other, detail: "script ran out")) : outcomes.removeFirst()
        }
        return try outcome.get()
    }
}
