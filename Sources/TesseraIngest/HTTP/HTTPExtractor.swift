import Foundation
import TesseraHTTP
import TesseraModel

/// Extracts an `http` source: fetches every page, politely, and writes each response body
/// byte for byte to its own file. Records are not re-serialized here — DuckDB reads them
/// from the page files with the `records` pointer — so numbers and text arrive as sent.
public struct HTTPExtractor: Sendable {
    public let connector: HTTPConnector
    /// `domain.source`, for messages.
    public let source: String
    /// The source's YAML file, relative to the project root, for messages.
    public let sourceFile: String
    private let transport: any HTTPClient
    private let clock: any HTTPClock
    private let jitter: @Sendable () -> Double

    public init(
        connector: HTTPConnector, source: String, sourceFile: String,
        transport: any HTTPClient = URLSessionHTTPClient(),
        clock: any HTTPClock = SystemHTTPClock(),
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0...1) }
    ) {
        self.connector = connector
        self.source = source
        self.sourceFile = sourceFile
        self.transport = transport
        self.clock = clock
        self.jitter = jitter
    }

    /// Checks the settings only the extractor interprets (the URL, `records`, `pagination`),
    /// without sending anything.
    public func validate() throws(HTTPExtractError) {
        _ = try prepare()
    }

    /// Fetches every page into `directory` (created when missing) as `page-000001.json`, …
    ///
    /// Throws `HTTPExtractError`, or `CancellationError` when the task is cancelled. Files
    /// already written stay; the caller discards the folder of a failed extraction.
    public func extract(into directory: URL, progress: @Sendable (HTTPExtractProgress) -> Void = { _ in }) async throws
        -> HTTPExtraction
    {
        let setup = try prepare()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw failure(
                .writeFailed, endpoint: nil, "cannot create the folder \(directory.path) for its pages",
                hint: "check that the landing folder is writable")
        }
        var run = Run(extractor: self, setup: setup, limiter: HTTPRateLimiter(requestsPerSecond: connector.rateLimit))
        var paginator = HTTPPaginator(plan: setup.plan, baseURL: setup.builder.baseURL)
        var target = paginator.first
        var pages: [URL] = []
        while true {
            try Task.checkCancellation()
            let request = setup.builder.request(target)
            let endpoint = "\(request.method) \(setup.redactor.url(request.url))"
            let response = try await run.send(request, endpoint: endpoint, progress: progress)
            let document = try parse(response.body, endpoint: endpoint, redactor: setup.redactor)
            let count = try recordCount(in: document, pointer: setup.records, endpoint: endpoint)

            let file = directory.appendingPathComponent(HTTPExtractor.pageFileName(pages.count + 1))
            do {
                try response.body.write(to: file, options: .atomic)
            } catch {
                throw failure(
                    .writeFailed, endpoint: endpoint, "cannot write page \(pages.count + 1) to \(file.path)",
                    hint: "check the landing folder's permissions and free space")
            }
            pages.append(file)
            run.pages += 1
            run.records += count
            run.bytes += response.body.count
            progress(run.snapshot(.page(number: pages.count, records: count, bytes: response.body.count)))

            let observation = HTTPPageObservation(
                document: document, records: count, linkHeaders: response.values(of: "Link"), url: request.url)
            let step: HTTPPaginator.Step
            do {
                step = try paginator.next(after: observation)
            } catch let .response(message, hint) {
                throw failure(.pagination, endpoint: endpoint, "\(message) (after \(endpoint))", hint: hint)
            } catch let .tooManyPages(limit) {
                throw failure(
                    .tooManyPages(limit), endpoint: endpoint,
                    "stopped after \(limit) pages, the most 'pagination.max_pages' allows (last: \(endpoint))",
                    hint:
                        "if the API really has more pages, raise max_pages; otherwise the pagination settings may never reach an end"
                )
            }
            switch step {
            case let .fetch(next):
                target = next
            case let .done(end):
                return HTTPExtraction(
                    pages: pages, records: run.records, bytes: run.bytes, requests: run.requests, retries: run.retries,
                    end: end)
            }
        }
    }

    /// `page-000001.json`: six digits keep names in fetch order for any listing up to a million pages.
    public static func pageFileName(_ number: Int) -> String {
        let digits = String(number)
        return "page-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + ".json"
    }

    // MARK: - Preparation

    struct Setup: Sendable {
        let builder: HTTPRequestBuilder
        let plan: HTTPPaginationPlan
        let records: JSONPointer
        let redactor: HTTPRedactor
        let policy: HTTPRetryPolicy
    }

    private func prepare() throws(HTTPExtractError) -> Setup {
        let redactor = HTTPRedactor(connector: connector)
        guard let builder = HTTPRequestBuilder(connector: connector) else {
            throw failure(
                .invalidURL, endpoint: nil, "'connector.url' (\(connector.url)) is not an absolute http or https URL",
                hint: "write the full address, e.g. https://api.example.com/v1/orders")
        }
        let records: JSONPointer
        do {
            records = try JSONPointer(connector.records)
        } catch {
            throw failure(
                .invalidSettings, endpoint: nil, "'connector.records' is not a JSON pointer: \(error.reason)",
                hint: "e.g. /data or /results/items, with ~1 for a / and ~0 for a ~ inside a name")
        }
        let plan: HTTPPaginationPlan
        do {
            plan = try HTTPPaginationPlan(connector: connector)
        } catch {
            throw failure(.invalidSettings, endpoint: nil, error.message, hint: error.hint)
        }
        return Setup(
            builder: builder, plan: plan, records: records, redactor: redactor,
            policy: HTTPRetryPolicy(connector.retries, jitter: jitter))
    }

    // MARK: - Pages

    private func parse(_ body: Data, endpoint: String, redactor: HTTPRedactor) throws(HTTPExtractError) -> Any {
        guard !body.isEmpty else {
            throw failure(
                .malformedBody, endpoint: endpoint, "\(endpoint) answered with an empty body, not JSON",
                hint: "an http source reads JSON; check the URL and the Accept header")
        }
        do {
            return try JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])
        } catch {
            throw failure(
                .malformedBody, endpoint: endpoint,
                "\(endpoint) answered with a body that is not valid JSON: \(HTTPExtractor.snippet(body, redactor: redactor))",
                hint: "an http source reads JSON; check the URL, the Accept header and what the API returns")
        }
    }

    private func recordCount(in document: Any, pointer: JSONPointer, endpoint: String) throws(HTTPExtractError) -> Int {
        let shown = pointer.description.isEmpty ? "'' (the whole document)" : "'\(pointer)'"
        switch pointer.resolve(in: document) {
        case let .missing(reason):
            throw failure(
                .recordsNotFound, endpoint: endpoint,
                "'connector.records' \(shown) is not in the response of \(endpoint): \(reason)",
                hint: "point records at the array of records, e.g. /data")
        case let .found(value):
            guard let array = value as? [Any] else {
                throw failure(
                    .recordsNotArray, endpoint: endpoint,
                    "'connector.records' \(shown) is \(JSONPointer.kind(of: value)) in the response of \(endpoint), not an array of records",
                    hint: "point records at the array of records, e.g. /data")
            }
            return array.count
        }
    }

    /// The start of a body, on one line, for messages; redacted, as servers echo what they got.
    static func snippet(_ body: Data, redactor: HTTPRedactor) -> String {
        let text = String(decoding: body.prefix(160), as: UTF8.self)
            .split(whereSeparator: \.isNewline).joined(separator: " ")
        let shown = redactor.text(text)
        return body.count > 160 ? "'\(shown)…'" : "'\(shown)'"
    }

    func failure(_ reason: HTTPExtractError.Reason, endpoint: String?, _ message: String, hint: String? = nil)
        -> HTTPExtractError
    {
        HTTPExtractError(
            reason: reason, source: source, sourceFile: sourceFile, endpoint: endpoint,
            message: "source '\(source)': \(message)", hint: hint)
    }
}

extension HTTPExtractor {
    /// One extraction's requests: pacing, retries and the running totals.
    struct Run {
        let extractor: HTTPExtractor
        let setup: Setup
        var limiter: HTTPRateLimiter
        private(set) var requests = 0
        private(set) var retries = 0
        var pages = 0
        var records = 0
        var bytes = 0

        func snapshot(_ event: HTTPExtractProgress.Event) -> HTTPExtractProgress {
            HTTPExtractProgress(
                event: event, pages: pages, records: records, bytes: bytes, requests: requests, retries: retries)
        }

        init(extractor: HTTPExtractor, setup: Setup, limiter: HTTPRateLimiter) {
            self.extractor = extractor
            self.setup = setup
            self.limiter = limiter
        }

        /// Sends until a 2xx arrives, retrying transient failures; anything else throws.
        mutating func send(
            _ request: HTTPRequest, endpoint: String,
            progress: @Sendable (HTTPExtractProgress) -> Void
        ) async throws -> HTTPResponse {
            let policy = setup.policy
            var attempt = 0
            while true {
                attempt += 1
                let pause = limiter.wait(at: extractor.clock.now())
                if pause > .zero { try await extractor.clock.sleep(for: pause) }
                requests += 1

                let cause: String
                var retryAfter: Duration?
                do {
                    let response = try await extractor.transport.send(request)
                    if (200...299).contains(response.status) { return response }
                    guard HTTPRetryPolicy.isTransient(status: response.status) else {
                        throw extractor.statusFailure(response, endpoint: endpoint, redactor: setup.redactor)
                    }
                    cause = HTTPStatus.describe(response.status)
                    retryAfter = RetryAfter.delay(response.value(of: "Retry-After"), now: extractor.clock.date())
                } catch let error as HTTPClientError {
                    guard error.isTransient else { throw extractor.transportFailure(error, endpoint: endpoint) }
                    cause = error.kind == .timedOut ? "timed out" : "connection lost"
                } catch let error as HTTPExtractError {
                    throw error
                } catch is CancellationError {
                    throw CancellationError()
                } catch {
                    // A transport's own error type; only its name is shown, as its text may hold the URL.
                    throw extractor.transportFailure(
                        HTTPClientError(.other, detail: String(describing: type(of: error))), endpoint: endpoint)
                }

                guard attempt < policy.maxAttempts else {
                    let tries = attempt == 1 ? "1 attempt" : "\(attempt) attempts"
                    throw extractor.failure(
                        .retriesExhausted(attempts: attempt), endpoint: endpoint,
                        "\(endpoint) failed after \(tries), the last with \(cause)",
                        hint: attempt == 1
                            ? "retries are off (connector.retries.max_attempts: 1)"
                            : "the API kept failing; try later, or raise connector.retries.max_attempts or max_backoff")
                }
                var wait = policy.wait(beforeRetry: attempt)
                if let retryAfter {
                    guard retryAfter <= policy.maxBackoff else {
                        throw extractor.failure(
                            .retryAfterTooLong, endpoint: endpoint,
                            "\(endpoint) answered \(cause) and asked to wait \(HTTPExtractor.format(retryAfter)) (Retry-After), longer than connector.retries.max_backoff (\(HTTPExtractor.format(policy.maxBackoff)))",
                            hint: "try later, or raise connector.retries.max_backoff to wait that long")
                    }
                    wait = retryAfter
                }
                retries += 1
                progress(snapshot(.retry(attempt: attempt, maxAttempts: policy.maxAttempts, cause: cause, wait: wait)))
                try await extractor.clock.sleep(for: wait)
            }
        }
    }

    private func statusFailure(_ response: HTTPResponse, endpoint: String, redactor: HTTPRedactor)
        -> HTTPExtractError
    {
        let status = response.status
        let answered = "\(endpoint) answered \(HTTPStatus.describe(status))"
        let body = response.body.isEmpty ? "" : ": \(HTTPExtractor.snippet(response.body, redactor: redactor))"
        let credentials = credentialVariables()
        switch status {
        case 401, 403:
            let fix =
                credentials.isEmpty
                ? "check the credentials in the connector's headers or params"
                : "check the credentials, which come from \(credentials.map { "${\($0)}" }.joined(separator: ", "))"
            return failure(
                .status(status), endpoint: endpoint, "\(answered): the server refused the credentials\(body)", hint: fix
            )
        case 404:
            return failure(
                .status(status), endpoint: endpoint, "\(answered)\(body)",
                hint: "check connector.url and params in \(sourceFile)")
        case 300...399:
            let location =
                response.value(of: "Location").flatMap(URL.init(string:)).map { " to \(redactor.url($0))" } ?? ""
            return failure(
                .status(status), endpoint: endpoint, "\(answered), a redirect\(location) that is not followed",
                hint:
                    "redirects are followed only on the same scheme, host and port; put the final address in connector.url"
            )
        default:
            return failure(
                .status(status), endpoint: endpoint, "\(answered)\(body)",
                hint: "check the connector's params, headers and method")
        }
    }

    private func transportFailure(_ error: HTTPClientError, endpoint: String) -> HTTPExtractError {
        switch error.kind {
        case .unknownHost:
            return failure(
                .unknownHost, endpoint: endpoint, "\(endpoint) failed: the host name is unknown",
                hint: "check the host in connector.url, and the network's DNS")
        case .connectionRefused:
            return failure(
                .connectionRefused, endpoint: endpoint, "\(endpoint) failed: the connection was refused",
                hint: "check the host and port in connector.url, and that the API is up")
        case .tls:
            return failure(
                .transport(.tls), endpoint: endpoint, "\(endpoint) failed: the TLS connection could not be set up",
                hint: "check the server's certificate, or the scheme in connector.url")
        case .other, .timedOut, .connectionLost:
            return failure(.transport(error.kind), endpoint: endpoint, "\(endpoint) failed: \(error)")
        }
    }

    /// The environment variables behind headers and params, which is where credentials live.
    private func credentialVariables() -> [String] {
        var names: [String] = []
        for value in connector.headers.map(\.value) + connector.params.map(\.value) + [connector.url] {
            for name in value.variables where !names.contains(name) { names.append(name) }
        }
        return names
    }

    static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if attoseconds == 0 { return "\(seconds)s" }
        let milliseconds = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return "\((milliseconds / 10).rounded() / 100)s"
    }
}

/// Status codes with their reason phrases, for messages.
enum HTTPStatus {
    static func describe(_ status: Int) -> String {
        let phrase =
            switch status {
            case 300: "Multiple Choices"
            case 301: "Moved Permanently"
            case 302: "Found"
            case 303: "See Other"
            case 304: "Not Modified"
            case 307: "Temporary Redirect"
            case 308: "Permanent Redirect"
            case 400: "Bad Request"
            case 401: "Unauthorized"
            case 403: "Forbidden"
            case 404: "Not Found"
            case 405: "Method Not Allowed"
            case 406: "Not Acceptable"
            case 408: "Request Timeout"
            case 409: "Conflict"
            case 410: "Gone"
            case 415: "Unsupported Media Type"
            case 422: "Unprocessable Content"
            case 429: "Too Many Requests"
            case 500: "Internal Server Error"
            case 501: "Not Implemented"
            case 502: "Bad Gateway"
            case 503: "Service Unavailable"
            case 504: "Gateway Timeout"
            case 505: "HTTP Version Not Supported"
            default: ""
            }
        return phrase.isEmpty ? "HTTP \(status)" : "\(status) \(phrase)"
    }
}
