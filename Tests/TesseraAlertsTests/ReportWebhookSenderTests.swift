import FlyingFox
import Foundation
import Testing
import TesseraAlerts
import TesseraTesting

/// A report on a local receiver: one multipart/form-data POST whose parts are the report's JSON
/// and the file, byte for byte, with the entry's headers; a 4xx fails at once, a 5xx is retried
/// after the policy's backoff, naming the host alone.
@Suite struct ReportWebhookSenderTests {
    static let report = ReportWebhookSender.Report(
        dashboard: "sales.overview", title: "Overview", viewer: "domain finance", scheduledAt: "2027-01-15T08:00:00Z",
        snapshots: ["sales.orders@20270115"], parameters: ["period = 2027-01-01..2027-01-14"],
        fileName: "sales.overview-2027-01-15T0800Z.pdf")

    let sender = ReportWebhookSender(policy: AlertRetryPolicy(base: 5, cap: 60, maxAttempts: 3), timeout: .seconds(60))

    /// The parts of a multipart body, by name: (filename, content type, bytes).
    static func parts(_ body: Data, contentType: String) -> [String: (String?, String?, Data)] {
        guard let boundary = contentType.components(separatedBy: "boundary=").last else { return [:] }
        var parts: [String: (String?, String?, Data)] = [:]
        let text = String(decoding: body, as: Unicode.ASCII.self)
        for chunk in text.components(separatedBy: "--\(boundary)") {
            guard let split = chunk.range(of: "\r\n\r\n") else { continue }
            let head = String(chunk[..<split.lowerBound])
            // By scalars: "\r\n" is one Character.
            let content = String(String.UnicodeScalarView(chunk[split.upperBound...].unicodeScalars.dropLast(2)))
            func field(_ key: String) -> String? {
                head.range(of: "\(key)=\"").flatMap { start in
                    head[start.upperBound...].split(separator: "\"", maxSplits: 1).first.map(String.init)
                }
            }
            let type = head.components(separatedBy: "Content-Type: ").last?.components(separatedBy: "\r\n").first
            if let name = field("name") { parts[name] = (field("filename"), type, Data(content.utf8)) }
        }
        return parts
    }

    @Test func aReportIsOneMultipartPostOfItsJSONAndItsFile() async throws {
        let server = try await FixtureServer.start { _ in HTTPResponse(statusCode: .noContent) }
        defer { Task { await server.stop() } }
        let pdf = Data("%PDF-1.5 pretend".utf8)
        let outcome = await sender.send(
            [(name: Self.report.fileName, data: pdf)], type: "application/pdf", report: Self.report,
            to: try #require(URL(string: server.url("/reports"))), headers: [(name: "X-Token", value: "abc")],
            attempt: 1, now: Date())
        #expect(outcome == .delivered)
        let request = try #require(await server.log.entries.first)
        #expect(request.headers["x-token"] == "abc")
        let parts = Self.parts(request.body, contentType: request.headers["content-type"] ?? "")
        #expect(parts["file"]?.0 == Self.report.fileName)
        #expect(parts["file"]?.1 == "application/pdf")
        #expect(parts["file"]?.2 == pdf)
        let json = try JSONSerialization.jsonObject(with: parts["report"]?.2 ?? Data()) as? [String: Any]
        #expect(json?["dashboard"] as? String == "sales.overview")
        #expect(json?["snapshots"] as? [String] == ["sales.orders@20270115"])
    }

    @Test func a500IsRetriedAfterTheBackoffAndA400FailsAtOnce() async throws {
        let server = try await FixtureServer.start { request in
            HTTPResponse(statusCode: request.hit == 1 ? .internalServerError : .badRequest)
        }
        defer { Task { await server.stop() } }
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let url = try #require(URL(string: server.url("/reports/secret-path")))
        func send(_ attempt: Int) async -> AlertRetryPolicy.Outcome {
            await sender.send(
                [(name: "r.pdf", data: Data())], type: "application/pdf", report: Self.report, to: url, headers: [],
                attempt: attempt, now: now)
        }
        #expect(await send(1) == .retry(at: now.addingTimeInterval(5), error: "HTTP 500 from 127.0.0.1"))
        #expect(await send(2) == .failed(error: "HTTP 400 from 127.0.0.1"))
    }
}
