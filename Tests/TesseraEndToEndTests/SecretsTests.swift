import FlyingFox
import Foundation
import Testing

/// `${NAME}` through the real binary: refused where a value is shown or stored (with the file,
/// line and column, and exit 2), and where it is allowed — a connector's credentials — nothing
/// made from it reaches the output, the run logs, the catalog, the OpenLineage events or the lake,
/// whether the run succeeds or fails.
@Suite struct SecretsTests {
    static let note = "n0te-Qx7Secret"

    struct Placement: CustomTestStringConvertible, Sendable {
        let file: String
        let original: String
        let replacement: String
        /// `file:line:col: error: 'field' cannot use environment variable ${…}`.
        let expected: String
        var testDescription: String { expected }
    }

    static let placements: [Placement] = [
        Placement(
            file: "tessera.yaml", original: "description: The acme data mesh",
            replacement: "description: The ${TESSERA_TEST_NOTE} mesh",
            expected: "tessera.yaml:4:14: error: 'description' cannot use environment variable ${TESSERA_TEST_NOTE}"),
        Placement(
            file: "domains/sales/domain.yaml", original: "owner: sales-data@example.com",
            replacement: "owner: ${TESSERA_TEST_NOTE}@example.com",
            expected:
                "domains/sales/domain.yaml:2:8: error: 'owner' cannot use environment variable ${TESSERA_TEST_NOTE}"),
        Placement(
            file: "domains/sales/models/daily_revenue.yaml",
            original: "description: Revenue per day, returned orders excluded",
            replacement: "description: Revenue per day (${TESSERA_TEST_NOTE})",
            expected:
                "domains/sales/models/daily_revenue.yaml:1:14: error: 'description' cannot use environment variable ${TESSERA_TEST_NOTE}"
        ),
        Placement(
            file: "domains/sales/products/daily_revenue.yaml", original: "  - row_count: {min: 1}",
            replacement: "  - row_count: {min: 1}\n    where: \"orders > length('${TESSERA_TEST_NOTE}')\"",
            expected:
                "domains/sales/products/daily_revenue.yaml:19:12: error: 'checks[4].where' cannot use environment variable ${TESSERA_TEST_NOTE}"
        ),
        Placement(
            file: "domains/sales/products/daily_revenue.yaml", original: "description: Revenue per day of the web shop",
            replacement: "description: Revenue per day ${TESSERA_TEST_NOTE}",
            expected:
                "domains/sales/products/daily_revenue.yaml:2:14: error: 'description' cannot use environment variable ${TESSERA_TEST_NOTE}"
        ),
        Placement(
            file: "domains/sales/sources/orders.yaml", original: "path: domains/sales/data/orders*.csv",
            replacement: "path: ${TESSERA_TEST_NOTE}/orders*.csv",
            expected:
                "domains/sales/sources/orders.yaml:5:9: error: 'connector.path' cannot use environment variable ${TESSERA_TEST_NOTE}"
        ),
    ]

    @Test(arguments: placements) func aVariableOutsideACredentialIsRefusedWithItsPlace(_ placement: Placement)
        async throws
    {
        let dir = try TemporaryDirectory()
        try await TesseraBinary.run(["init", dir.url.path, "--name", "acme"])
        let text = try String(contentsOf: dir.file(placement.file), encoding: .utf8)
        #expect(text.contains(placement.original))
        try dir.write(placement.file, text.replacingOccurrences(of: placement.original, with: placement.replacement))
        let environment = ["TESSERA_TEST_NOTE": Self.note]
        for command in [["validate"], ["run"], ["catalog", "search", "revenue"]] {
            let outcome = try await TesseraBinary.run(command, in: dir.url, environment: environment)
            #expect(outcome.status == 2, "\(command): \(outcome.stdout)\(outcome.stderr)")
            #expect(!(outcome.stdout + outcome.stderr).contains(Self.note))
        }
        let outcome = try await TesseraBinary.run(["validate"], in: dir.url, environment: environment)
        #expect(outcome.stdout.contains(placement.expected + ": it is not a credential"), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("hint: ${NAME} may be used only in credentials"))
    }

    @Test func aDoubledDollarWritesAReferenceLiterally() async throws {
        let dir = try TemporaryDirectory()
        try await TesseraBinary.run(["init", dir.url.path, "--name", "acme"])
        let file = "domains/sales/domain.yaml"
        let text = try String(contentsOf: dir.file(file), encoding: .utf8)
        try dir.write(
            file,
            text.replacingOccurrences(
                of: "description: Orders of the web shop.", with: "description: Costs $${PRICE} or $5."))
        await #expect(try TesseraBinary.run(["validate"], in: dir.url).status == 0)
        let shown = try await TesseraBinary.run(["catalog", "search", "costs"], in: dir.url)
        #expect(shown.stdout.contains("Costs ${PRICE} or $5."), "\(shown.stdout)\(shown.stderr)")
    }

    /// A collector whose URL carries its token in the path (as webhooks do), from `${…}`: the
    /// warning that the events were not sent names the server, never the token.
    @Test func anOpenLineageURLFromTheEnvironmentIsRedactedInWarnings() async throws {
        let dir = try TemporaryDirectory()
        try await TesseraBinary.run(["init", dir.url.path, "--name", "acme"])
        let mesh = try String(contentsOf: dir.file("tessera.yaml"), encoding: .utf8)
        try dir.write(
            "tessera.yaml",
            mesh + "openlineage: {transport: http, url: \"${OL_URL}\", api_key: \"${OL_KEY}\", timeout: 1}\n")
        let environment = ["OL_URL": "http://127.0.0.1:9/hook-Tq4Secret", "OL_KEY": "olkey-Wn2Secret"]
        let run = try await TesseraBinary.run(["run"], in: dir.url, environment: environment)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("warning: OpenLineage:"), "\(run.stdout)")
        for secret in ["hook-Tq4Secret", "olkey-Wn2Secret"] {
            #expect(!(run.stdout + run.stderr).contains(secret), "\(run.stdout)\(run.stderr)")
            #expect(SecretLeakTests.filesHolding([secret], below: dir.url.appendingPathComponent(".tessera")) == [])
        }
    }
}
