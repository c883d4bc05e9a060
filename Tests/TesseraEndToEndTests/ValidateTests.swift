import Foundation
import Testing

/// `tessera validate` through the real binary: every problem at once, compiler-style, exit 2.
@Suite struct ValidateTests {
    /// The scaffold with three different mistakes in the product file.
    func brokenProject() async throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        try await TesseraBinary.run(["init", dir.url.path, "--name", "acme"])
        let product = dir.url.appendingPathComponent("domains/sales/products/daily_revenue.yaml")
        var text = try String(contentsOf: product, encoding: .utf8)
        text = text.replacingOccurrences(of: "model: daily_revenue", with: "model: daily_revenu")
        text = text.replacingOccurrences(of: "\nversion: 1.0.0", with: "\nverison: 1.0.0")
        text = text.replacingOccurrences(
            of: ", description: Sum of the order amounts, classification: internal}",
            with: ", description: Sum of the order amounts}")
        try Data(text.utf8).write(to: product)
        return dir
    }

    @Test func reportsEveryProblemWithItsPosition() async throws {
        let dir = try await brokenProject()
        let outcome = try await TesseraBinary.run(["validate"], in: dir.url)
        #expect(outcome.status == 2)
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines == [
                "domains/sales/products/daily_revenue.yaml:3:8: error: model 'daily_revenu' does not exist in domain 'sales'",
                "  hint: did you mean 'daily_revenue'?",
                "domains/sales/products/daily_revenue.yaml:4:1: error: unknown key 'verison'",
                "  hint: did you mean 'version'?",
                "domains/sales/products/daily_revenue.yaml:13:7: error: column 'revenue' of product 'sales.daily_revenue' has no classification (governance.require_classification)",
                "  hint: add `classification: public|internal|confidential|pii` to the column, or set governance.require_classification: false in tessera.yaml",
                "✗ 3 errors in mesh 'acme' (1 domain, 1 source, 1 model, 1 product)",
            ])
    }

    @Test func jsonReportHasTheSameDiagnostics() async throws {
        let dir = try await brokenProject()
        let outcome = try await TesseraBinary.run(["validate", "--format", "json"], in: dir.url)
        #expect(outcome.status == 2)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(json["valid"] as? Bool == false)
        #expect(json["errorCount"] as? Int == 3)
        let diagnostics = try #require(json["diagnostics"] as? [[String: Any]])
        let places = diagnostics.compactMap { $0["location"] as? [String: Any] }.map {
            "\($0["line"] ?? 0):\($0["column"] ?? 0)"
        }
        #expect(places == ["3:8", "4:1", "13:7"])
        #expect(diagnostics.first?["message"] as? String == "model 'daily_revenu' does not exist in domain 'sales'")
    }

    @Test func governanceRulesCanBeTurnedOff() async throws {
        let dir = try await brokenProject()
        let mesh = dir.url.appendingPathComponent("tessera.yaml")
        let text = try String(contentsOf: mesh, encoding: .utf8)
            .replacingOccurrences(of: "require_classification: true", with: "require_classification: false")
        try Data(text.utf8).write(to: mesh)
        let outcome = try await TesseraBinary.run(["validate"], in: dir.url)
        #expect(outcome.status == 2)
        #expect(outcome.stdout.contains("✗ 2 errors"))
        #expect(!outcome.stdout.contains("has no classification"))
    }

    @Test func aMissingEnvironmentVariableIsNamedButNoSecretIsPrinted() async throws {
        let dir = try TemporaryDirectory()
        try await TesseraBinary.run(["init", dir.url.path, "--name", "acme"])
        try dir.write(
            "domains/sales/sources/shop.yaml",
            """
            description: Orders from the shop database
            connector:
              type: postgres
              url: ${SHOP_DB_URL}
              table: public.orders

            """)
        let missing = try await TesseraBinary.run(["validate"], in: dir.url)
        #expect(missing.status == 2)
        #expect(missing.stdout.contains("domains/sales/sources/shop.yaml:4:8: error:"))
        #expect(missing.stdout.contains("SHOP_DB_URL"))

        let secret = "postgres://app:hunter2-secret@localhost:5432/shop"
        let present = try await TesseraBinary.run(
            ["validate", "--format", "json"], in: dir.url, environment: ["SHOP_DB_URL": secret])
        #expect(present.status == 0, "\(present.stdout)")
        #expect(!present.stdout.contains("hunter2"))
        #expect(!present.stderr.contains("hunter2"))
    }

    @Test func unknownEnvironmentIsAUsageError() async throws {
        let dir = try TemporaryDirectory()
        try await TesseraBinary.run(["init", dir.url.path])
        let outcome = try await TesseraBinary.run(["validate", "--env", "staging"], in: dir.url)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("--env staging: the mesh has no such environment"))
        #expect(outcome.stderr.contains("dev, prod"))
    }

    @Test func anHTTPSourcesPaginationIsCheckedByValidate() async throws {
        let dir = try TemporaryDirectory()
        try await TesseraBinary.run(["init", dir.url.path, "--name", "acme"])
        try dir.write(
            "domains/sales/sources/api.yaml",
            """
            connector: {type: http, url: "http://127.0.0.1:9/x", records: /data, pagination: {type: cursor, next: /meta/next}}

            """)
        let outcome = try await TesseraBinary.run(["validate"], in: dir.url)
        #expect(outcome.status == 2)
        #expect(
            outcome.stdout.contains(
                "domains/sales/sources/api.yaml:1:1: error: source 'sales.api': unknown key 'pagination.next' for cursor pagination"
            ))
    }
}

/// Automation keys are validated like the rest, through the real binary.
@Suite struct AutomationValidateTests {
    @Test func anUnknownTimeZoneIsReportedAtItsValue() async throws {
        let dir = try TemporaryDirectory()
        try await TesseraBinary.run(["init", dir.url.path, "--name", "acme"])
        let product = dir.url.appendingPathComponent("domains/sales/products/daily_revenue.yaml")
        let text = try String(contentsOf: product, encoding: .utf8).replacingOccurrences(
            of: "schedule: \"0 6 * * *\"      # cron, UTC",
            with: "schedule: {cron: \"0 6 * * *\", timezone: Europe/Berln}")
        try Data(text.utf8).write(to: product)
        let outcome = try await TesseraBinary.run(["validate"], in: dir.url)
        #expect(outcome.status == 2)
        #expect(
            outcome.stdout.split(separator: "\n").map(String.init) == [
                "domains/sales/products/daily_revenue.yaml:6:41: error: unknown time zone 'Europe/Berln' in 'schedule.timezone'",
                "  hint: did you mean 'Europe/Berlin'?",
                "✗ 1 error in mesh 'acme' (1 domain, 1 source, 1 model, 1 product)",
            ])
    }
}

extension AutomationValidateTests {
    /// The catalog records a schedule with its zone, and `catalog show` says it once.
    @Test func catalogShowGivesTheSchedulesZone() async throws {
        let dir = try TemporaryDirectory()
        try await TesseraBinary.run(["init", dir.url.path, "--name", "acme"])
        let product = dir.url.appendingPathComponent("domains/sales/products/daily_revenue.yaml")
        let text = try String(contentsOf: product, encoding: .utf8).replacingOccurrences(
            of: "schedule: \"0 6 * * *\"      # cron, UTC",
            with: "schedule: {cron: \"0 6 * * *\", timezone: Europe/Berlin}")
        try Data(text.utf8).write(to: product)
        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 0)
        let shown = try await TesseraBinary.run(["catalog", "show", "sales.daily_revenue"], in: dir.url)
        #expect(shown.stdout.contains("schedule  0 6 * * * (Europe/Berlin)\n"), "\(shown.stdout)")
    }
}
