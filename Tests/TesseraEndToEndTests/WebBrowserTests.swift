import Foundation
import Testing

/// The web UI in a real browser: the real binary's `tessera serve` on a free port, a small mesh
/// with a product other domains read masked and one only its domain reads, passwords set with
/// `tessera user set-password`, and Fixtures/web/browser_checks.py driving Debian's headless
/// Chromium through Selenium (`scripts/setup-web-test.sh`, part of `make test`). Screenshots of
/// every page land in .build/web-screenshots/. Missing Chromium or Selenium fails the test: a
/// browser test that skips itself proves nothing.
@Suite(.serialized) struct WebBrowserTests {
    static let files: [String: String] = [
        "tessera.yaml": """
        mesh: acme
        governance: {require_description: false, require_classification: false}
        admins: [root@acme.example]

        """,
        "domains/sales/domain.yaml": """
        owner: sales@acme.example
        description: Orders and what they earn.
        members:
          - {name: ana@acme.example, role: owner}

        """,
        "domains/sales/models/orders.sql": orders + " from base\n",
        "domains/sales/products/orders.yaml": """
        version: 1.0.0
        description: Every order, one row each; customer emails are masked outside sales.
        tags: [gold, orders]
        contract:
          columns:
            - {name: order_id, type: INTEGER, description: The order's number}
            - {name: email, type: VARCHAR, classification: pii, description: Who ordered}
            - {name: amount, type: DOUBLE, description: What it cost}
        checks:
          - unique: order_id
          - range: {column: amount, min: 0, max: 50, severity: warn}
        access:
          readers: [marketing]
          masks: {email: redact}

        """,
        "domains/sales/dashboards/overview.yaml": """
        title: Orders at a glance
        readers: [marketing]
        parameters:
          top: {type: category, query: "select distinct email from sales.orders order by 1"}
        charts:
          - title: Amount by order
            sql: "select order_id::VARCHAR as order_id, amount from sales.orders order by order_id"
            type: bar
            x: order_id
            y: amount
            x_title: Order
            y_title: Amount
          - title: Who ordered
            sql: "select email, amount from sales.orders where email <> @top order by amount desc"
            type: table
        """,
        "domains/sales/models/margins.sql": "select 1 as order_id, 0.3::DOUBLE as margin\n",
        "domains/sales/products/margins.yaml": """
        description: Private to sales.
        contract:
          columns:
            - {name: order_id, type: INTEGER}
            - {name: margin, type: DOUBLE}
        access:
          readers: []

        """,
        "domains/marketing/domain.yaml": """
        owner: marketing@acme.example
        members:
          - {name: mia@acme.example, role: reader}

        """,
        "domains/marketing/models/campaigns.sql": "select 1 as campaign_id\n",
        "domains/marketing/models/order_reach.sql": """
        select email as contact, amount from sales.orders where amount > 5

        """,
    ]

    /// sales.orders' model up to its select list's end: each version adds its own columns.
    static let orders = """
        with base as (select * from (values (1, 'ann@example.com', 10.5::DOUBLE), (2, 'bob@example.com', 7.25::DOUBLE),
          (3, 'cy@example.com', 99.0::DOUBLE)) as t(order_id, email, amount))
        select order_id, email, amount
        """

    /// A mesh of 500 models in 20 layers, each reading two of the layer before.
    static func bigMesh(in dir: TemporaryDirectory) throws {
        try dir.write(
            "tessera.yaml",
            "mesh: big\ngovernance: {require_description: false, require_classification: false}\nadmins: [root@big.example]\n"
        )
        try dir.write("domains/big/domain.yaml", "owner: big@big.example\n")
        for layer in 0..<20 {
            for slot in 0..<25 {
                let sql =
                    layer == 0
                    ? "select range as id from range(3)\n"
                    : "select a.id from m\(layer - 1)_\(slot) as a join m\(layer - 1)_\((slot * 7 + 3) % 25) as b on a.id = b.id\n"
                try dir.write("domains/big/models/m\(layer)_\(slot).sql", sql)
            }
        }
    }

    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    @Test func everyPageInHeadlessChromium() async throws {
        let python = Self.root.appendingPathComponent(".deps/web-venv/bin/python")
        for tool in [python.path, "/usr/bin/chromium", "/usr/bin/chromedriver"] {
            try #require(
                FileManager.default.isExecutableFile(atPath: tool),
                "\(tool) is missing: run scripts/setup-web-test.sh (part of `make setup` and `make test`)")
        }
        let dir = try TemporaryDirectory()
        for (path, text) in Self.files { try dir.write(path, text) }
        let run = try await TesseraBinary.run(["run"], in: dir.url)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        // A second version of sales.orders (a column added at the end), so that the product has
        // a history of checks and two contracts to compare.
        try dir.write("domains/sales/models/orders.sql", Self.orders + ", 'web' as channel from base\n")
        try dir.write(
            "domains/sales/products/orders.yaml",
            Self.files["domains/sales/products/orders.yaml"]!.replacingOccurrences(
                of: "    - {name: amount, type: DOUBLE, description: What it cost}",
                with: "    - {name: amount, type: DOUBLE, description: What it cost}\n"
                    + "    - {name: channel, type: VARCHAR, description: Where it was ordered}"
            ).replacingOccurrences(of: "version: 1.0.0", with: "version: 1.1.0"))
        let second = try await TesseraBinary.run(["run"], in: dir.url)
        #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
        let password = "correct horse battery staple"
        let set = try await ProcessRunner.run(
            URL(fileURLWithPath: "/bin/sh"),
            ["-c", "printf '%s\\n' \"$PW\" | \"$TESSERA\" user set-password ana@acme.example"], in: dir.url,
            environment: ["PW": password, "TESSERA": TesseraBinary.url.path, "NO_COLOR": "1"])
        #expect(set.status == 0, "\(set.stdout)\(set.stderr)")
        #expect(!set.stdout.contains(password) && !set.stderr.contains(password))
        let token = try await TesseraBinary.run(["token", "create", "--principal", "mia@acme.example"], in: dir.url)
        // `token create` prints the token on its first line, then a line about it.
        let miaToken = String(token.stdout.split(separator: "\n").first ?? "")
        let root = try await TesseraBinary.run(["token", "create", "--principal", "root@acme.example"], in: dir.url)
        let rootToken = String(root.stdout.split(separator: "\n").first ?? "")

        let service = try ServeTests.Service(dir, clock: "2026-12-06T05:00:00Z")
        defer { _ = service.stop() }
        try await service.waitFor("listening")
        let line = try #require(service.lines("listening").first)
        let base = try #require(line.split(separator: "url=").last.map(String.init))
        let shots = Self.root.appendingPathComponent(".build/web-screenshots")
        let script = Self.root.appendingPathComponent("Tests/TesseraEndToEndTests/Fixtures/web/browser_checks.py")
        let checks = try await ProcessRunner.run(
            python, [script.path, base, shots.path],
            environment: ["ANA_PASSWORD": password, "MIA_TOKEN": miaToken, "ROOT_TOKEN": rootToken])
        #expect(checks.status == 0, "\(checks.stdout)\(checks.stderr)")
        #expect(checks.stdout.contains("browser checks: all passed"), "\(checks.stdout)")

        #expect(service.stop() == 0, "\(service.text)")
        #expect(!service.text.contains(password) && !service.text.contains(miaToken), "a secret in the log")
        let audit = try await TesseraBinary.run(["audit", "--action", "web.sign_in", "--format", "json"], in: dir.url)
        #expect(audit.stdout.contains("\"refused\"") && audit.stdout.contains("\"signed in\""), "\(audit.stdout)")
    }

    @Test func anIdleSessionEndsAtTheSetIdleTime() async throws {
        let python = Self.root.appendingPathComponent(".deps/web-venv/bin/python")
        try #require(FileManager.default.isExecutableFile(atPath: python.path), "run scripts/setup-web-test.sh")
        let dir = try TemporaryDirectory()
        for (path, text) in Self.files { try dir.write(path, text) }
        let token = try await TesseraBinary.run(["token", "create", "--principal", "mia@acme.example"], in: dir.url)
        #expect(token.status == 0, "\(token.stderr)")
        let service = try ServeTests.Service(
            dir, clock: "2026-12-06T05:00:00Z", arguments: ["--verbose", "--session-idle", "2s"])
        defer { _ = service.stop() }
        try await service.waitFor("listening")
        let line = try #require(service.lines("listening").first)
        let base = try #require(line.split(separator: "url=").last.map(String.init))
        let script = Self.root.appendingPathComponent("Tests/TesseraEndToEndTests/Fixtures/web/browser_checks.py")
        let checks = try await ProcessRunner.run(
            python, [script.path, base, Self.root.appendingPathComponent(".build/web-screenshots").path, "expiry"],
            environment: ["MIA_TOKEN": String(token.stdout.split(separator: "\n").first ?? ""), "IDLE_SECONDS": "2"])
        #expect(checks.status == 0, "\(checks.stdout)\(checks.stderr)")
        #expect(checks.stdout.contains("browser checks: all passed"), "\(checks.stdout)")
        #expect(service.stop() == 0, "\(service.text)")
        await #expect(try TesseraBinary.run(["serve", "--session-idle", "0s"], in: dir.url).status == 2)
    }

    @Test func aFiveHundredNodeLineageGraphIsDrawnWhole() async throws {
        let python = Self.root.appendingPathComponent(".deps/web-venv/bin/python")
        try #require(FileManager.default.isExecutableFile(atPath: python.path), "run scripts/setup-web-test.sh")
        let dir = try TemporaryDirectory()
        try Self.bigMesh(in: dir)
        let token = try await TesseraBinary.run(["token", "create", "--principal", "root@big.example"], in: dir.url)
        #expect(token.status == 0, "\(token.stderr)")
        let service = try ServeTests.Service(dir, clock: "2026-12-06T05:00:00Z")
        defer { _ = service.stop() }
        try await service.waitFor("listening")
        let line = try #require(service.lines("listening").first)
        let base = try #require(line.split(separator: "url=").last.map(String.init))
        let script = Self.root.appendingPathComponent("Tests/TesseraEndToEndTests/Fixtures/web/browser_checks.py")
        let checks = try await ProcessRunner.run(
            python, [script.path, base, Self.root.appendingPathComponent(".build/web-screenshots").path, "big-mesh"],
            environment: ["ROOT_TOKEN": String(token.stdout.split(separator: "\n").first ?? ""), "NODES": "500"])
        #expect(checks.status == 0, "\(checks.stdout)\(checks.stderr)")
        #expect(checks.stdout.contains("browser checks: all passed"), "\(checks.stdout)")
        // How long the browser took, for the log (the target is a benchmark's, not this test's).
        for line in checks.stdout.split(separator: "\n") where line.contains("navigation to load") { print(line) }
        #expect(service.stop() == 0, "\(service.text)")
    }
}
