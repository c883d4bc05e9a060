import FlyingFox
import Foundation
import Testing

/// Dashboard deliveries from `tessera serve` through the real binary, its clock in a file: a
/// schedule every minute drops one PDF in a folder and posts one to a local webhook (the
/// `FixtureServer`, on threads of its own), as the `as:` domain sees the data; a webhook that
/// answers 500 is tried again with backoff and then recorded failed; a restart sends nothing
/// twice; the audit log has each delivery; validate points at a bad `deliver:` entry.
@Suite(.serialized) struct ServeDeliveryTests {
    static let overview = """
        title: Weekly sales report
        readers: [finance]
        parameters:
          period: {type: date_range, default: last_30_days}
        charts:
          - title: Revenue by region
            sql: "select region, sum(revenue) as revenue from sales.orders where day between @period.start and @period.end group by region"
            type: bar
            x: region
            y: revenue
        deliver:
          - schedule: "* * * * *"
            as: finance
            params: {period: 2026-01-01..2026-03-31}
            to:
              - folder: reports/
              - webhook: "${REPORT_HOOK}"
                headers: {X-Report-Token: "${REPORT_TOKEN}"}

        """

    static let broken = """
        title: Broken receiver
        charts:
          - title: Orders
            sql: "select count(*) as orders from sales.orders"
            type: number
            y: orders
        deliver:
          - schedule: "1 6 * * *"
            retries: {max: 2, backoff: 10s}
            to: {webhook: "${BROKEN_HOOK}"}

        """

    func mesh() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        try dir.write(
            "tessera.yaml",
            "mesh: acme\ngovernance: {require_description: false, require_classification: false}\n")
        try dir.write("domains/sales/domain.yaml", "owner: sales@acme.example\n")
        try dir.write("domains/finance/domain.yaml", "owner: finance@acme.example\n")
        try dir.write(
            "domains/sales/models/orders.sql",
            "select * from (values (DATE '2026-01-05', 'north', 120), (DATE '2026-02-02', 'south', 300)) t(day, region, revenue)\n"
        )
        try dir.write(
            "domains/sales/products/orders.yaml",
            """
            model: orders
            contract:
              columns:
                - {name: day, type: DATE}
                - {name: region, type: VARCHAR}
                - {name: revenue, type: INTEGER}
            access: {readers: [finance]}

            """)
        try dir.write("domains/sales/dashboards/overview.yaml", Self.overview)
        try dir.write("domains/sales/dashboards/broken.yaml", Self.broken)
        return dir
    }

    /// The receiver: `/reports` takes the file, `/broken` always fails.
    static func receiver() async throws -> FixtureServer {
        try await FixtureServer.start { request in
            HTTPResponse(statusCode: request.path == "/reports" ? .ok : .internalServerError)
        }
    }

    @Test func aScheduledDeliveryDropsOnePDFInAFolderAndPostsOneToAWebhook() async throws {
        let dir = try mesh()
        let run = try await TesseraBinary.run(["run"], in: dir.url)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let server = try await Self.receiver()
        defer { Task { await server.stop() } }
        let token = "s3cret-\(UUID().uuidString)"
        let environment = [
            "REPORT_HOOK": server.url("/reports"), "REPORT_TOKEN": token, "BROKEN_HOOK": server.url("/broken"),
        ]
        var service = try ServeTests.Service(dir, clock: "2026-12-07T06:00:30Z", environment: environment)
        // The first tick sees the deliveries: they count from now on, nothing is sent.
        try await service.waitFor("tick", containing: "at=2026-12-07T06:00:30")
        try service.set("2026-12-07T06:01:10Z")
        try await service.waitFor("delivery", count: 3)
        // The broken receiver: tried again after 10 s, then 20 s, then given up (retries: max 2).
        try service.set("2026-12-07T06:01:25Z")
        try await service.waitFor("delivery", containing: "attempts=2")
        try service.set("2026-12-07T06:01:50Z")
        try await service.waitFor("delivery", containing: "state=failed")
        #expect(service.lines("delivery").filter { $0.contains("state=delivered") }.count == 2, "\(service.text)")
        #expect(service.stop() == 0)

        // A restart within the same minute sends nothing again.
        service = try ServeTests.Service(dir, clock: "2026-12-07T06:01:55Z", name: "again", environment: environment)
        try await service.waitFor("tick", containing: "at=2026-12-07T06:01:55")
        try await Task.sleep(for: .milliseconds(500))
        #expect(service.stop() == 0)

        let files = try FileManager.default.contentsOfDirectory(atPath: dir.url.appendingPathComponent("reports").path)
        #expect(files == ["sales.overview-2026-12-07T0601Z.pdf"], "\(files)")
        let text = try pdfText(dir.url.appendingPathComponent("reports/sales.overview-2026-12-07T0601Z.pdf"))
        #expect(text.contains("Weekly sales report") && text.contains("domain finance"), "\(text)")
        #expect(text.contains("2026-01-01..2026-03-31"), "\(text)")

        let posts = await server.log.entries
        let reports = posts.filter { $0.path == "/reports" }
        #expect(reports.count == 1)
        let post = try #require(reports.first)
        #expect(post.headers["content-type"]?.hasPrefix("multipart/form-data; boundary=") == true)
        #expect(post.headers["x-report-token"] == token)
        let body = String(decoding: post.body, as: UTF8.self)
        #expect(body.contains("filename=\"sales.overview-2026-12-07T0601Z.pdf\""))
        #expect(body.contains("%PDF-") && body.contains("\"dashboard\":\"sales.overview\""))
        #expect(body.contains("\"viewer\":\"domain finance\"") && body.contains("sales.orders@"))
        #expect(posts.filter { $0.path == "/broken" }.count == 3)

        let log = (try? String(contentsOf: dir.url.appendingPathComponent("serve.log"), encoding: .utf8)) ?? ""
        #expect(!log.contains(token) && !log.contains("/reports") && !log.contains("/broken"), "\(log)")
        try await expectAudited(dir)
    }

    /// `tessera audit --action deliver`: the two deliveries and the failure, with what they showed.
    func expectAudited(_ dir: TemporaryDirectory) async throws {
        let audit = try await TesseraBinary.run(["audit", "--action", "deliver", "--format", "json"], in: dir.url)
        #expect(audit.status == 0, "\(audit.stderr)")
        let entries = try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]] ?? []
        let outcomes = entries.map { "\($0["target"] as? String ?? "") \($0["outcome"] as? String ?? "")" }
        #expect(
            outcomes.sorted() == ["sales.broken failed", "sales.overview delivered", "sales.overview delivered"],
            "\(audit.stdout)")
        let listed = try await TesseraBinary.run(["dashboard", "deliveries", "--format", "json"], in: dir.url)
        let rows = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(rows.count == 3, "\(listed.stdout)\(listed.stderr)")
        let failed = try #require(rows.first { $0["state"] as? String == "failed" })
        #expect(failed["attempts"] as? Int == 3)
        #expect((failed["error"] as? String)?.contains("HTTP 500 from 127.0.0.1") == true, "\(failed)")
    }

    func pdfText(_ pdf: URL) throws -> String {
        let outcome = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/pdftotext"), [pdf.path, "-"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return outcome.stdout
    }

    @Test func deliverRunsADashboardsDeliveriesNowAndListShowsTheNextAndTheLast() async throws {
        let dir = try mesh()
        let run = try await TesseraBinary.run(["run"], in: dir.url)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        // REPORT_HOOK is not set here: the folder gets its file, the webhook waits for the service.
        let deliver = try await TesseraBinary.run(["dashboard", "deliver", "sales.overview"], in: dir.url)
        #expect(deliver.status == 1, "\(deliver.stdout)\(deliver.stderr)")
        #expect(deliver.stdout.contains("sales.overview → folder reports/: delivered (sales.overview-"))
        #expect(deliver.stdout.contains("webhook ${REPORT_HOOK}: pending"), "\(deliver.stdout)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.url.appendingPathComponent("reports").path)
        #expect(files.count == 1 && files.allSatisfy { $0.hasSuffix(".pdf") }, "\(files)")
        let list = try await TesseraBinary.run(["dashboard", "list", "--format", "json"], in: dir.url)
        let entries = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]] ?? []
        let overview = try #require(entries.first { $0["name"] as? String == "sales.overview" }, "\(list.stdout)")
        #expect(overview["nextDelivery"] is String && (overview["lastDelivery"] as? String)?.isEmpty == false)
        let broken = try #require(entries.first { $0["name"] as? String == "sales.broken" })
        #expect(broken["lastDelivery"] == nil, "never delivered: \(broken)")
    }

    @Test func validatePointsAtABadScheduleAnUnknownParameterAndAViewerNotShownTheDashboard() async throws {
        let dir = try mesh()
        let bad = Self.overview
            .replacingOccurrences(of: "\"* * * * *\"", with: "\"61 * * * *\"")
            .replacingOccurrences(of: "params: {period:", with: "params: {perod:")
            .replacingOccurrences(of: "as: finance", with: "as: marketing")
        try dir.write("domains/sales/dashboards/overview.yaml", bad)
        let outcome = try await TesseraBinary.run(["validate"], in: dir.url)
        #expect(outcome.status != 0)
        let file = "domains/sales/dashboards/overview.yaml"
        let output = outcome.stdout + outcome.stderr
        for (text, message) in [
            ("61 * * * *", "invalid schedule '61 * * * *'"), ("perod", "no parameter 'perod'"),
            ("marketing", "domain marketing may not be shown this dashboard"),
        ] {
            let at = try #require(Self.position(of: text, in: bad))
            #expect(
                output.contains("\(file):\(at.line):\(at.column): error:") && output.contains(message),
                "\(text): \(output)")
        }
    }

    /// Line and column (from 1) where `text` starts in `yaml`, or where its quoted scalar does.
    static func position(of text: String, in yaml: String) -> (line: Int, column: Int)? {
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let range = line.range(of: text) else { continue }
            var column = line.distance(from: line.startIndex, to: range.lowerBound) + 1
            if range.lowerBound > line.startIndex, line[line.index(before: range.lowerBound)] == "\"" { column -= 1 }
            return (index + 1, column)
        }
        return nil
    }
}
