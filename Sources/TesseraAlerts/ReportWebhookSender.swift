import Foundation
import TesseraHTTP

/// Posts a rendered report to a webhook as `multipart/form-data` — the file, and a `report` part
/// of JSON saying what it is — through the one HTTP client, and judges the answer with the
/// alerts' retry policy. It never throws and never says the URL: errors name the host alone.
public struct ReportWebhookSender: Sendable {
    public var client: any HTTPClient
    public var policy: AlertRetryPolicy
    /// How long one attempt may take, connecting included (a report is larger than an alert).
    public var timeout: Duration

    public init(
        client: any HTTPClient = URLSessionHTTPClient(), policy: AlertRetryPolicy, timeout: Duration = .seconds(30)
    ) {
        self.client = client
        self.policy = policy
        self.timeout = timeout
    }

    /// What the receiver is told besides the file (the `report` part).
    public struct Report: Sendable, Encodable {
        public var dashboard: String
        public var title: String
        public var viewer: String
        public var scheduledAt: String
        public var snapshots: [String]
        public var parameters: [String]
        public var fileName: String

        public init(
            dashboard: String, title: String, viewer: String, scheduledAt: String, snapshots: [String],
            parameters: [String], fileName: String
        ) {
            self.dashboard = dashboard
            self.title = title
            self.viewer = viewer
            self.scheduledAt = scheduledAt
            self.snapshots = snapshots
            self.parameters = parameters
            self.fileName = fileName
        }
    }

    /// Sends `files` (of MIME `type`: one PDF, or a PNG per page) to `url` with `headers`, as
    /// attempt number `attempt`.
    public func send(
        _ files: [(name: String, data: Data)], type: String, report: Report, to url: URL,
        headers: [(name: String, value: String)], attempt: Int, now: Date
    ) async -> AlertRetryPolicy.Outcome {
        let host = url.host ?? "the webhook"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var form = MultipartForm()
        form.add(name: "report", type: "application/json", data: (try? encoder.encode(report)) ?? Data("{}".utf8))
        for (index, file) in files.enumerated() {
            form.add(name: index == 0 ? "file" : "file\(index + 1)", fileName: file.name, type: type, data: file.data)
        }
        let request = HTTPRequest(
            method: "POST", url: url,
            headers: [
                HTTPField(name: "Content-Type", value: form.contentType),
                HTTPField(name: "User-Agent", value: "tessera-reports"),
            ] + headers.map { HTTPField(name: $0.name, value: $0.value) },
            body: form.data, timeout: timeout)
        do {
            let response = try await client.send(request)
            return policy.judge(status: response.status, failure: nil, attempts: attempt, host: host, now: now)
        } catch let error as HTTPClientError {
            return policy.judge(status: nil, failure: error, attempts: attempt, host: host, now: now)
        } catch {
            return .retry(at: now, error: "the attempt was cancelled (\(host))")
        }
    }
}
