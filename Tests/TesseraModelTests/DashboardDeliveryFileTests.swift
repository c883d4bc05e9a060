import Foundation
import Testing
@testable import TesseraModel
import TesseraTesting

/// A dashboard's `deliver:`: what is read (defaults included), webhook credentials kept out of
/// descriptions and in the redactor, and each mistake at its place.
@Suite struct DashboardDeliveryFileTests {
    func load(_ deliver: String, environment: [String: String] = [:]) throws -> ProjectLoadResult {
        let folder = try TemporaryDirectory()
        let files = [
            "tessera.yaml": "mesh: m\ngovernance: {require_owner: false, require_description: false}\n",
            "domains/sales/domain.yaml": "description: Sales.\n",
            "domains/finance/domain.yaml": "description: Finance.\n",
            "domains/sales/models/daily.sql": "select 1 as id\n",
            "domains/sales/products/daily.yaml": "contract: {columns: [{name: id, type: INTEGER}]}\n",
            "domains/sales/dashboards/overview.yaml": """
            title: Overview
            readers: [finance]
            parameters:
              period: {type: date_range}
            charts:
              - {title: Ids, sql: "select id from sales.daily", type: table}
            deliver:
            \(deliver)
            """,
        ]
        for (path, text) in files { try folder.write(path, text) }
        return ProjectLoader(root: folder.url, environment: environment).load()
    }

    @Test func aDeliveryIsReadWithItsDefaultsAndItsWebhookStaysSecret() throws {
        let secret = "https://hooks.example.com/T000/very-secret"
        let result = try load(
            """
              - schedule: {cron: "0 7 * * 1", timezone: Europe/Berlin}
                params: {period: last_7_days}
                to:
                  - folder: reports/
                  - webhook: "${HOOK}"
                    headers: {Authorization: "Bearer ${TOKEN}"}
              - schedule: "30 6 * * *"
                as: finance
                format: png
                paper: letter
                retries: {max: 1, backoff: 5s}
                to: {folder: /srv/reports}
            """, environment: ["HOOK": secret, "TOKEN": "t0ken-value"])
        #expect(!result.hasErrors, "\(result.diagnostics)")
        let project = try #require(result.project)
        let deliveries = try #require(project.domain(named: "sales")?.dashboards.first?.deliveries)
        #expect(deliveries.count == 2)
        #expect(deliveries[0].viewer == "sales" && deliveries[0].format == .pdf && deliveries[0].paper == "a4")
        #expect(deliveries[0].schedule.timeZone.identifier == "Europe/Berlin")
        #expect(deliveries[0].parameters == ["period": "last_7_days"])
        #expect(deliveries[0].destinations.map(\.description) == ["folder reports/", "webhook hooks.example.com"])
        #expect(deliveries[1].viewer == "finance" && deliveries[1].format == .png && deliveries[1].paper == "letter")
        #expect(deliveries[1].retries.maximum == 1 && deliveries[1].retries.backoff.seconds == 5)
        #expect(deliveries[1].destinations == [.folder("/srv/reports")])
        let redacted = project.secretRedactor.redact("posted \(secret) with t0ken-value")
        #expect(!redacted.contains("very-secret") && !redacted.contains("t0ken-value"), "\(redacted)")
    }

    @Test func mistakesAreReportedWhereTheyAre() throws {
        let result = try load(
            """
              - schedule: "0 25 * * *"
                as: marketing
                format: gif
                paper: a3
                params: {region: north, period: yesterday}
                to: [{folder: reports/, webhook: "https://example.com/x"}]
              - schedule: "0 7 * * *"
            """)
        let errors = result.diagnostics.filter { $0.severity == .error }.map { "\($0.location.line):\($0.message)" }
        func has(_ line: Int, _ text: String) -> Bool {
            errors.contains { $0.hasPrefix("\(line):") && $0.contains(text) }
        }
        #expect(has(8, "invalid schedule '0 25 * * *'"), "\(errors)")
        #expect(has(9, "domain marketing may not be shown this dashboard"), "\(errors)")
        #expect(has(10, "gif"), "\(errors)")
        #expect(has(11, "invalid paper 'a3'"), "\(errors)")
        #expect(has(12, "no parameter 'region'") && has(12, "invalid date range 'yesterday'"), "\(errors)")
        #expect(has(13, "must name one destination"), "\(errors)")
        #expect(has(14, "'to'"), "\(errors)")
    }
}
