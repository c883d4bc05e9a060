import Foundation
import Testing
@testable import TesseraModel
import TesseraTesting

/// `retries`, `rate_limit` and `timeout` of the http connector: defaults, values, diagnostics.
@Suite struct HTTPConnectorSettingsTests {
    /// Loads a one-source project whose connector block ends with `extra` (YAML lines, indented).
    func load(_ extra: String) throws -> (HTTPConnector?, [String]) {
        let folder = try TemporaryDirectory()
        let files = [
            "tessera.yaml": "mesh: m\ngovernance: {require_owner: false}\n",
            "domains/sales/domain.yaml": "description: Sales.\n",
            "domains/sales/sources/api.yaml":
                "connector:\n  type: http\n  url: https://api.example.com/items\n  records: /data\n" + extra,
        ]
        for (path, text) in files { try folder.write(path, text) }
        let result = ProjectLoader(root: folder.url, environment: [:]).load()
        var connector: HTTPConnector?
        if case let .http(http)? = result.project?.domain(named: "sales")?.source(named: "api")?.connector {
            connector = http
        }
        return (connector, result.diagnostics.map(\.description))
    }

    @Test func defaults() throws {
        let (connector, diagnostics) = try load("")
        #expect(diagnostics == [])
        let http = try #require(connector)
        #expect(
            http.retries
                == HTTPConnector.Retries(
                    maxAttempts: 5, backoff: TimeSpan(seconds: 1), maxBackoff: TimeSpan(seconds: 60)))
        #expect(http.rateLimit == nil)
        #expect(http.timeout == TimeSpan(seconds: 30))
    }

    @Test func values() throws {
        let (connector, diagnostics) = try load(
            """
              retries: {max_attempts: 8, backoff: 2s, max_backoff: 2m}
              rate_limit: 0.5
              timeout: 1m30s

            """)
        #expect(diagnostics == [])
        let http = try #require(connector)
        #expect(
            http.retries
                == HTTPConnector.Retries(
                    maxAttempts: 8, backoff: TimeSpan(seconds: 2), maxBackoff: TimeSpan(seconds: 120)))
        #expect(http.rateLimit == 0.5)
        #expect(http.timeout == TimeSpan(seconds: 90))
    }

    @Test func partialRetriesKeepTheOtherDefaults() throws {
        let (connector, diagnostics) = try load("  retries: {max_attempts: 1}\n  rate_limit: 10\n")
        #expect(diagnostics == [])
        #expect(connector?.retries == HTTPConnector.Retries(maxAttempts: 1))
        #expect(connector?.rateLimit == 10)
    }

    @Test func badValues() throws {
        let (connector, diagnostics) = try load(
            """
              retries: {max_attempts: 0, backoff: soon, max_backof: 1m}
              rate_limit: 0
              timeout: 0s

            """)
        let file = "domains/sales/sources/api.yaml"
        #expect(
            diagnostics == [
                "\(file):5:27: error: 'connector.retries.max_attempts' must be at least 1, found 0\n  hint: it counts the first request too: 1 turns retries off, 5 (the default) allows four retries",
                "\(file):5:39: error: invalid duration 'soon' for 'connector.retries.backoff': unit 's' has no number before it\n  hint: write a number and a unit (w, d, h, m, s), e.g. 24h, 2d, 30m or 1h30m",
                "\(file):5:45: error: unknown key 'connector.retries.max_backof'\n  hint: did you mean 'max_backoff'?",
                "\(file):6:15: error: 'connector.rate_limit' must be more than 0 requests per second, found '0'\n  hint: e.g. `rate_limit: 10` for ten requests a second, `rate_limit: 0.5` for one every two seconds; leave it out for no limit",
                "\(file):7:12: error: 'connector.timeout' must be longer than 0s\n  hint: e.g. `timeout: 30s` (the default) or `timeout: 2m`",
            ])
        // Bad values are reported and read as their defaults, so loading goes on.
        #expect(connector?.retries == HTTPConnector.Retries())
        #expect(connector?.rateLimit == nil)
    }

    @Test func maxBackoffShorterThanBackoff() throws {
        let (connector, diagnostics) = try load("  retries: {backoff: 2m, max_backoff: 30s}\n")
        #expect(
            diagnostics == [
                "domains/sales/sources/api.yaml:5:39: error: 'connector.retries.max_backoff' (30s) is shorter than 'connector.retries.backoff' (2m)\n  hint: the wait doubles from backoff up to max_backoff, e.g. `backoff: 1s, max_backoff: 60s`"
            ])
        #expect(connector?.retries.maxBackoff == TimeSpan(seconds: 120))
    }

    @Test func wrongTypes() throws {
        let (_, diagnostics) = try load("  retries: 3\n  rate_limit: fast\n  timeout: [1s]\n")
        #expect(diagnostics.count == 3)
        #expect(diagnostics[0].contains("'connector.retries' must be a mapping of keys, found"))
        #expect(diagnostics[1].contains("'connector.rate_limit' must be a number, found"))
        #expect(diagnostics[2].contains("'connector.timeout' must be a string, found"))
    }

    @Test func unknownConnectorKeySuggestsTheNewOnes() throws {
        let (_, diagnostics) = try load("  rate_limt: 5\n")
        #expect(
            diagnostics == [
                "domains/sales/sources/api.yaml:5:3: error: unknown key 'connector.rate_limt'\n  hint: did you mean 'rate_limit'?"
            ])
    }
}
