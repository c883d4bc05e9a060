import Foundation
import Testing
@testable import TesseraModel
import TesseraTesting

/// `schedule`, `automation`, `retries`, `sla`, `alerts` and `concurrency`: values, domain
/// defaults, and each mistake with its location and hint.
@Suite struct AutomationSettingsTests {
    static let mesh = "mesh: m\ngovernance: {require_owner: false, require_description: false}\n"

    /// A project of one domain `sales` with a csv source `orders`, a postgres source `shop`, a
    /// model `daily` and its product; `files` adds to or replaces those.
    func load(_ files: [String: String], environment: [String: String] = [:]) throws -> ProjectLoadResult {
        let folder = try TemporaryDirectory()
        let base = [
            "tessera.yaml": Self.mesh,
            "domains/sales/domain.yaml": "description: Sales.\n",
            "domains/sales/sources/orders.yaml": "connector: {type: csv, path: data/*.csv}\n",
            "domains/sales/sources/shop.yaml": "connector: {type: postgres, url: \"postgres://h/db\", table: orders}\n",
            "domains/sales/models/daily.sql": "select 1 as id\n",
            "domains/sales/products/daily.yaml": "contract: {columns: [{name: id, type: INTEGER}]}\n",
        ]
        for (path, text) in base.merging(files, uniquingKeysWith: { $1 }) { try folder.write(path, text) }
        return ProjectLoader(root: folder.url, environment: environment).load()
    }

    func sales(_ result: ProjectLoadResult) throws -> Domain {
        try #require(result.project?.domain(named: "sales"))
    }

    @Test func valuesOnEachKindOfNode() throws {
        let result = try load([
            "domains/sales/sources/orders.yaml": """
            connector: {type: csv, path: data/*.csv}
            automation: eager
            retries: {max: 5, backoff: 1m}

            """,
            "domains/sales/models/daily.yaml": """
            schedule: {cron: "30 2 * * *", timezone: Europe/Berlin}
            sla: {freshness: 26h}

            """,
            "domains/sales/products/daily.yaml": """
            schedule: "0 6 * * *"
            automation: eager
            contract: {columns: [{name: id, type: INTEGER}]}

            """,
        ])
        #expect(result.diagnostics.map(\.description) == [])
        let domain = try sales(result)
        let source = try #require(domain.source(named: "orders")?.automation)
        #expect(source.condition == .eager)
        #expect(source.retries == RetryPolicy(maximum: 5, backoff: TimeSpan(seconds: 60)))
        let model = try #require(domain.model(named: "daily")?.automation)
        #expect(model.schedule?.description == "30 2 * * * (Europe/Berlin)")
        #expect(model.schedule?.timeZone.identifier == "Europe/Berlin")
        #expect(model.sla.freshness == TimeSpan(seconds: 93_600))
        let product = try #require(domain.product(named: "daily"))
        #expect(product.schedule?.description == "0 6 * * *")
        #expect(product.schedule?.isUTC == true)
        #expect(product.automation.isEager)
        #expect(product.automation.retries == nil)
    }

    @Test("the domain's defaults fill what a node leaves out")
    func domainDefaults() throws {
        let result = try load([
            "domains/sales/domain.yaml": """
            description: Sales.
            schedule: "0 5 * * *"
            automation: eager
            retries: {max: 2}
            sla: {freshness: 1d}
            concurrency: {runs: 2}

            """,
            "domains/sales/models/daily.yaml": "schedule: \"0 7 * * *\"\n",
        ])
        #expect(result.diagnostics.map(\.description) == [])
        let domain = try sales(result)
        #expect(domain.concurrentRuns == 2)
        let file = try #require(domain.source(named: "orders")?.automation)
        #expect(file.schedule?.expression == "0 5 * * *")
        #expect(file.isEager)
        #expect(file.inherited == [.schedule, .automation, .retries, .sla])
        // A database source cannot be eager: it takes the schedule alone.
        let database = try #require(domain.source(named: "shop")?.automation)
        #expect(database.schedule?.expression == "0 5 * * *")
        #expect(database.condition == nil)
        // Declaring a schedule takes neither trigger from the domain; retries and sla still come.
        let model = try #require(domain.model(named: "daily")?.automation)
        #expect(model.schedule?.expression == "0 7 * * *")
        #expect(model.condition == nil)
        #expect(model.retries == RetryPolicy(maximum: 2, backoff: TimeSpan(seconds: 30)))
        #expect(model.inherited == [.retries, .sla])
    }

    @Test("each mistake, where it is")
    func mistakes() throws {
        let result = try load([
            "domains/sales/sources/shop.yaml": """
            connector: {type: postgres, url: "postgres://h/db", table: orders}
            automation: eager

            """,
            "domains/sales/sources/orders.yaml": """
            connector: {type: csv, path: data/*.csv}
            schedule: {cron: "0 6 * *", timezone: UTC}
            retries: {max: 11, backoff: 0s}

            """,
            "domains/sales/models/daily.yaml": """
            schedule: {cron: "0 6 * * *", timezone: Europe/Berln}
            automation: lazy
            sla: {freshness: 30}

            """,
            "domains/sales/products/daily.yaml": """
            schedule: {cron: "0 6 * * *", zone: UTC}
            retries: {max: 2, backoff: 2w}
            contract: {columns: [{name: id, type: INTEGER}]}

            """,
        ])
        #expect(
            result.diagnostics.map(\.description) == [
                "domains/sales/models/daily.yaml:1:41: error: unknown time zone 'Europe/Berln' in 'schedule.timezone'\n  hint: did you mean 'Europe/Berlin'?",
                "domains/sales/models/daily.yaml:2:13: error: invalid value 'lazy' for 'automation': expected one of eager",
                "domains/sales/models/daily.yaml:3:18: error: invalid duration '30' for 'sla.freshness': '30' has no unit (use w, d, h, m or s)\n  hint: write a number and a unit (w, d, h, m, s), e.g. 24h, 2d, 30m or 1h30m",
                "domains/sales/products/daily.yaml:1:31: error: unknown key 'schedule.zone'\n  hint: expected one of cron, timezone",
                "domains/sales/products/daily.yaml:2:28: error: 'retries.backoff' must be between 1s and 1d, found 2w\n  hint: the wait before the first retry, doubled for each retry after it: e.g. 30s or 5m",
                "domains/sales/sources/orders.yaml:2:18: error: invalid schedule '0 6 * *': expected 5 fields (minute hour day-of-month month day-of-week), found 4\n  hint: for example \"0 6 * * *\" is every day at 06:00 UTC",
                "domains/sales/sources/orders.yaml:3:16: error: 'retries.max' must be between 0 and 10, found 11\n  hint: the retries after the first failure: 3 is the default, 0 turns retries off",
                "domains/sales/sources/orders.yaml:3:29: error: 'retries.backoff' must be between 1s and 1d, found 0s\n  hint: the wait before the first retry, doubled for each retry after it: e.g. 30s or 5m",
                "domains/sales/sources/shop.yaml:2:13: error: 'automation: eager' watches files for new data, and a postgres source reads none\n  hint: schedule its loads instead, e.g. `schedule: \"0 * * * *\"` (every hour, UTC)",
            ])
    }

    @Test("alerts and concurrency in tessera.yaml; the webhook never shows in a message")
    func alerts() throws {
        let environment = ["SLACK_WEBHOOK": "https://hooks.slack.com/services/T0/B0/s3cret"]
        let result = try load(
            [
                "tessera.yaml": Self.mesh + """
                    concurrency: {runs: 4}
                    alerts:
                      - {webhook: "${SLACK_WEBHOOK}", format: slack, on: [run_failed, sla_missed]}
                      - {webhook: "http://localhost:9000/hook"}

                    """
            ], environment: environment)
        #expect(result.diagnostics.map(\.description) == [])
        let mesh = try #require(result.project?.mesh)
        #expect(mesh.concurrentRuns == 4)
        #expect(mesh.alerts.map(\.format) == [.slack, .json])
        #expect(mesh.alerts.map(\.events) == [[.runFailed, .slaMissed], AlertRule.Event.allCases])
        #expect(mesh.alerts[0].webhook.value == environment["SLACK_WEBHOOK"])
        #expect(
            mesh.alerts[0].description
                == "slack webhook ${SLACK_WEBHOOK} (declared at tessera.yaml:5:5): run_failed, sla_missed")
        #expect(mesh.alerts[1].description.hasPrefix("json webhook http://localhost:9000/*** "))
        // Both are secrets to every message and record of the project.
        let redactor = try #require(result.project?.secretRedactor)
        #expect(
            redactor.redact("posting to https://hooks.slack.com/services/T0/B0/s3cret failed")
                == "posting to *** failed")
        #expect(!redactor.redact("POST /hook: 500").contains("/hook"))
    }

    @Test("alert mistakes, where they are, without the URL")
    func alertMistakes() throws {
        let environment = ["NOT_A_URL": "hooks.example.com/s3cret"]
        let result = try load(
            [
                "tessera.yaml": Self.mesh + """
                    concurrency: {runs: 0}
                    alerts:
                      - {webhook: "${MISSING}", on: [run_failed]}
                      - {webhook: "${NOT_A_URL}"}
                      - {webhook: "ftp://example.com/s3cret", format: teams, on: [run_faild, drift]}
                      - {format: json}

                    """
            ], environment: environment)
        #expect(
            result.diagnostics.map(\.description) == [
                "tessera.yaml:3:21: error: 'concurrency.runs' must be at least 1, found 0\n  hint: 1 runs one at a time; leave `concurrency` out for no limit",
                "tessera.yaml:5:15: warning: environment variable 'MISSING' is not set (used by 'alerts[1].webhook'): this webhook receives no alerts\n  hint: set MISSING in the environment that runs `tessera serve`",
                "tessera.yaml:6:15: error: the value of ${NOT_A_URL} in 'alerts[2].webhook' is not an http:// or https:// URL\n  hint: write `webhook: \"${SLACK_WEBHOOK}\"` and set SLACK_WEBHOOK to the URL (https://…)",
                "tessera.yaml:7:15: error: 'alerts[3].webhook' is not an http:// or https:// URL\n  hint: write `webhook: \"${SLACK_WEBHOOK}\"` and set SLACK_WEBHOOK to the URL (https://…)",
                "tessera.yaml:7:51: error: invalid value 'teams' for 'alerts[3].format': expected one of slack, json",
                "tessera.yaml:7:63: error: invalid value 'run_faild' for 'alerts[3].on': expected one of run_failed, publish_blocked, sla_missed, drift, warn_checks\n  hint: did you mean 'run_failed'?",
                "tessera.yaml:8:5: error: missing required key 'webhook' in 'alerts[4]'\n  hint: the URL to post to, from the environment: `webhook: \"${SLACK_WEBHOOK}\"`",
            ])
        for diagnostic in result.diagnostics { #expect(!diagnostic.description.contains("s3cret")) }
        #expect(result.project?.mesh.alerts.map(\.isDeliverable) == [false])
    }
}
