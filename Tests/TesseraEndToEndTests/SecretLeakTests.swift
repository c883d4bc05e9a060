import FlyingFox
import Foundation
import Testing

/// A mesh whose PostgreSQL and HTTP sources take their credentials from `${…}`, run through the
/// real binary with OpenLineage on: once successfully, then with a wrong password, a 404 and a 500
/// whose bodies echo the request. No output, run log, catalog row, OpenLineage event or lake file
/// may hold any of the credentials, nor the alert webhooks.
@Suite(.serialized) struct SecretLeakTests {
    static let token = "tok-Zq8Xw3Secret"
    static let apiKey = "key-Vy7Lm2Secret"
    static let prefix = "s3cretPrefixQ7"
    static let wrongPassword = "Wr0ngPw-Kx9Secret"
    /// Alert webhooks: one from the environment, one written in tessera.yaml (a secret all the same).
    static let envHook = "EnvHookW4Secret"
    static let literalHook = "LiteralHookQ5Secret"

    /// An API under `/<prefix>/`: `orders` answers with records when the token and key are right;
    /// `missing` (404) and `boom` (500) echo the whole request back, as careless servers do.
    static func startAPI() async throws -> FixtureServer {
        try await FixtureServer.start { request in
            let echo =
                "no luck for \(request.path)?api_key=\(request.query["api_key"] ?? "") with \(request.headers["authorization"] ?? "")"
            switch request.path {
            case "/\(prefix)/orders"
            where request.headers["authorization"] == "Bearer \(token)" && request.query["api_key"] == apiKey:
                return HTTPResponse(
                    statusCode: .ok, headers: HTTPHeaders([.contentType: "application/json"]),
                    body: Data(#"{"data":[{"order_id":1,"amount":10},{"order_id":2,"amount":20}]}"#.utf8))
            case "/\(prefix)/boom": return HTTPResponse(statusCode: .internalServerError, body: Data(echo.utf8))
            default: return HTTPResponse(statusCode: .notFound, body: Data(echo.utf8))
            }
        }
    }

    func mesh(table: String) throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        try dir.write(
            "tessera.yaml",
            """
            mesh: leaks
            governance: {require_description: false, require_classification: false}
            openlineage: {transport: file}
            alerts:
              - {webhook: "${SHOP_HOOK}", format: slack}
              - {webhook: "http://127.0.0.1:9/services/\(Self.literalHook)"}

            """)
        try dir.write("domains/shop/domain.yaml", "owner: shop@example.com\n")
        try dir.write(
            "domains/shop/sources/db_orders.yaml",
            "connector: {type: postgres, url: \"${SHOP_PG_URL}\", table: public.\(table)}\n")
        try dir.write(
            "domains/shop/sources/api_orders.yaml",
            """
            connector:
              type: http
              url: "${SHOP_API}"
              headers: {Authorization: "Bearer ${SHOP_TOKEN}"}
              params: {api_key: "${SHOP_KEY}"}
              records: /data
              retries: {max_attempts: 1}

            """)
        try dir.write(
            "domains/shop/models/all_orders.sql",
            "select order_id, amount from src.db_orders union all select order_id, amount from src.api_orders\n")
        return dir
    }

    /// Runs the binary on a thread of its own: the fixture API answers on the cooperative pool.
    func run(_ arguments: [String], in dir: TemporaryDirectory, environment: [String: String]) async throws
        -> TesseraBinary.Outcome
    {
        let project = dir.url
        return try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(
                    with: Result { try TesseraBinary.run(arguments, in: project, environment: environment) })
            }
        }
    }

    /// Every file below `directory` that holds one of `secrets`, with the secret found.
    static func filesHolding(_ secrets: [String], below directory: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        var found: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            guard let data = try? Data(contentsOf: url) else { continue }
            for secret in secrets where data.range(of: Data(secret.utf8)) != nil {
                found.append("\(url.path): \(secret)")
            }
        }
        return found
    }

    @Test func credentialsNeverReachOutputLogsCatalogLineageOrLake() async throws {
        let url = try CursorBoundaryTests.postgresURL()
        let password = try #require(URLComponents(string: url)?.password)
        let table = "secret_orders_\(UInt32.random(in: 0...UInt32.max))"
        try CursorBoundaryTests.psql(
            "CREATE TABLE public.\(table) (order_id bigint PRIMARY KEY, amount numeric(10,2)); INSERT INTO public.\(table) VALUES (3, 30), (4, 40);"
        )
        defer { try? CursorBoundaryTests.psql("DROP TABLE public.\(table)") }
        let api = try await Self.startAPI()
        defer { Task { await api.stop() } }
        let dir = try mesh(table: table)
        let good = [
            "SHOP_PG_URL": url, "SHOP_API": api.url("/\(Self.prefix)/orders"), "SHOP_TOKEN": Self.token,
            "SHOP_KEY": Self.apiKey, "SHOP_HOOK": api.url("/hooks/\(Self.envHook)"),
        ]
        let wrongURL = url.replacingOccurrences(of: ":\(password)@", with: ":\(Self.wrongPassword)@")
        let scenarios: [(environment: [String: String], status: Int32, says: String)] = [
            (good, 0, ""),
            (good.merging(["SHOP_PG_URL": wrongURL]) { $1 }, 1, "authentication failed"),
            (good.merging(["SHOP_API": api.url("/\(Self.prefix)/missing")]) { $1 }, 1, "404"),
            (good.merging(["SHOP_API": api.url("/\(Self.prefix)/boom")]) { $1 }, 1, "500"),
        ]
        var printed = ""
        for scenario in scenarios {
            let commands = [
                ["run", "--full-refresh"], ["run", "--full-refresh", "--format", "json"], ["ingest"],
                ["ingest", "--format", "json"], ["runs"], ["alerts"], ["alerts", "--format", "json"],
            ]
            for command in commands {
                let outcome = try await run(command, in: dir, environment: scenario.environment)
                printed += outcome.stdout + outcome.stderr
                if !["runs", "alerts"].contains(command.first) {
                    #expect(outcome.status == scenario.status, "\(outcome.stdout)\(outcome.stderr)")
                    let said = outcome.stdout + outcome.stderr
                    #expect(scenario.says.isEmpty || said.contains(scenario.says), "\(said)")
                }
            }
        }
        let runs = try await run(["runs", "--format", "json"], in: dir, environment: good)
        for id in runs.stdout.matches(of: /"(?:runID|id)"\s*:\s*"([^"]+)"/).map({ String($0.output.1) }) {
            let shown = try await run(["runs", "show", id], in: dir, environment: good)
            printed += shown.stdout + shown.stderr
            // Each node's log as the catalog keeps it, read back in both forms.
            for format in ["text", "json"] {
                let log = try await run(["runs", "log", id, "--format", format], in: dir, environment: good)
                printed += log.stdout + log.stderr
            }
        }
        let secrets = [
            password, Self.wrongPassword, Self.token, Self.apiKey, Self.prefix, Self.envHook, Self.literalHook,
        ]
        for secret in secrets { #expect(!printed.contains(secret), "printed: \(secret)\n\(printed)") }
        let state = dir.url.appendingPathComponent(".tessera")
        #expect(FileManager.default.fileExists(atPath: state.appendingPathComponent("openlineage.jsonl").path))
        #expect(Self.filesHolding(secrets, below: state) == [])
    }
}
