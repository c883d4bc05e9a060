import DuckDB
import Foundation
import Testing

/// The `hash` mask is a keyed pseudonym (HMAC-SHA256 under the environment's mask key): stable
/// across processes, different from the plain SHA-256 anyone can compute from a guess, different
/// under another key, and the key itself reaches no output, log, catalog, lake or view definition.
@Suite struct KeyedHashTests {
    static let files: [String: String] = [
        "tessera.yaml": """
        mesh: shop
        governance: {require_description: false, require_classification: false}

        """,
        "domains/sales/domain.yaml": "owner: sales@shop.example\n",
        "domains/sales/sources/customers.yaml": """
        connector: {type: csv, path: domains/sales/data/*.csv}
        load: {mode: full}

        """,
        "domains/sales/data/customers.csv":
            "customer_id,email,name\n"
            + (1...40).map { "\($0),customer\($0)@example.com,Name \($0)" }.joined(separator: "\n") + "\n",
        "domains/sales/models/customers.sql": "select customer_id, email, name from src.customers\n",
        "domains/sales/products/customers.yaml": """
        contract:
          primary_key: [customer_id]
          columns:
            - {name: customer_id, type: BIGINT}
            - {name: email, type: VARCHAR, classification: pii}
            - {name: name, type: VARCHAR, classification: pii}
        access:
          readers: [marketing]
          masks: {email: hash, name: partial}

        """,
        "domains/marketing/domain.yaml": "owner: marketing@shop.example\n",
        // Built in marketing's warehouse, over the masked view of sales.customers.
        "domains/marketing/models/audience.sql": "select customer_id, email from sales.customers\n",
        "domains/marketing/models/audience.yaml": "materialized: table\n",
    ]

    /// A fresh environment without a mask key in it: never the key of the process running the tests.
    static let noKeyVariable = ["TESSERA_MASK_KEY": ""]

    static func project(in dir: TemporaryDirectory, _ folder: String) throws -> URL {
        for (path, contents) in files { try dir.write("\(folder)/\(path)", contents) }
        return dir.file(folder)
    }

    static func csv(_ sql: String, in root: URL, environment: [String: String] = noKeyVariable) async throws -> String {
        let outcome = try await TesseraBinary.run(
            ["query", sql, "--as-domain", "marketing", "--format", "csv"], in: root, environment: environment)
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
        return outcome.stdout
    }

    static let email20 = "select email from sales.customers where customer_id = 20"

    @Test func aProjectWithoutAKeyGetsOneAndItsPseudonymsAreStableAndNotPlainSHA256() async throws {
        let dir = try TemporaryDirectory()
        let root = try Self.project(in: dir, "shop")
        let run = try await TesseraBinary.run(["run"], in: root, environment: Self.noKeyVariable)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        // Plain SHA-256 of a guessed address no longer finds the customer.
        let guessed = try await Self.csv(
            "select customer_id from sales.customers where email = sha256('customer20@example.com')", in: root)
        #expect(guessed == "customer_id\n")

        let keyFile = root.appendingPathComponent(".tessera/dev/mask.key")
        #expect(run.stderr.contains("had no mask key: made one in \(keyFile.path)"), "\(run.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: keyFile.path)
        #expect(attributes[.posixPermissions] as? Int == 0o600)

        // Stable across processes: two queries, and the table the run built in marketing's warehouse.
        let first = try await Self.csv(Self.email20, in: root)
        let second = try await TesseraBinary.run(
            ["query", Self.email20, "--as-domain", "marketing", "--format", "csv"], in: root,
            environment: Self.noKeyVariable)
        #expect(second.stdout == first)
        #expect(!second.stderr.contains("mask key"), "the notice comes once: \(second.stderr)")
        let pseudonym = first.split(separator: "\n").last.map(String.init) ?? ""
        #expect(pseudonym.count == 32 && pseudonym.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(pseudonym != "b8a720f8b03847b2b4c85c633c335d22")  // sha256 of the address, cut the same
        let built = try await Self.csv("select email from audience where customer_id = 20", in: root)
        #expect(built == first)
        await #expect(try Self.csv("select count(distinct email) as n from sales.customers", in: root) == "n\n40\n")

        // A later run reopens marketing's warehouse, whose view of sales.customers names the
        // key's functions: it must still read it.
        let again = try await TesseraBinary.run(["run", "--full-refresh"], in: root, environment: Self.noKeyVariable)
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        await #expect(try Self.csv("select email from audience where customer_id = 20", in: root) == first)
    }

    @Test func aMeshWithoutAHashMaskNeedsNoKey() async throws {
        let dir = try TemporaryDirectory()
        let root = try Self.project(in: dir, "shop")
        try dir.write(
            "shop/domains/sales/products/customers.yaml",
            try String(
                contentsOf: root.appendingPathComponent("domains/sales/products/customers.yaml"), encoding: .utf8
            )
            .replacingOccurrences(of: "email: hash", with: "email: redact"))
        let run = try await TesseraBinary.run(["run"], in: root, environment: Self.noKeyVariable)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        await #expect(try Self.csv(Self.email20, in: root) == "email\n****\n")
        #expect(!run.stderr.contains("mask key"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent(".tessera/dev/mask.key").path))
    }

    @Test func anotherMeshHasAnotherKeyAndTheVariableOverridesTheFile() async throws {
        let dir = try TemporaryDirectory()
        var pseudonyms: [String] = []
        for folder in ["one", "two"] {
            let root = try Self.project(in: dir, folder)
            await #expect(try TesseraBinary.run(["run"], in: root, environment: Self.noKeyVariable).status == 0)
            await pseudonyms.append(try Self.csv(Self.email20, in: root))
        }
        #expect(pseudonyms[0] != pseudonyms[1])

        // TESSERA_MASK_KEY (here 00 01 … 1f) wins over the file; the value is HMAC-SHA256, cut to 128 bits.
        let shared = ["TESSERA_MASK_KEY": (0..<32).map { String(format: "%02x", $0) }.joined()]
        let root = dir.file("one")
        await #expect(try TesseraBinary.run(["run", "--full-refresh"], in: root, environment: shared).status == 0)
        await #expect(
            try Self.csv(Self.email20, in: root, environment: shared)
                == "email\n0e41d6cc8735d489b3ed402131a5fc85\n")

        for command in [["query", Self.email20, "--as-domain", "marketing"], ["run"]] {
            let wrong = try await TesseraBinary.run(
                command, in: root, environment: ["TESSERA_MASK_KEY": "not-a-key-0123"])
            #expect(wrong.status == 2, "\(command): \(wrong.stdout)\(wrong.stderr)")
            #expect(wrong.stderr.contains("TESSERA_MASK_KEY is set but is not a mask key"), "\(wrong.stderr)")
            #expect(!(wrong.stdout + wrong.stderr).contains("not-a-key-0123"))
        }
    }

    @Test func theKeyIsNowhereButItsFile() async throws {
        let dir = try TemporaryDirectory()
        let root = try Self.project(in: dir, "shop")
        var printed = ""
        for arguments in [
            ["run"], ["check", "sales.customers"], ["catalog", "show", "sales.customers"],
            ["query", "select * from sales.customers", "--as-domain", "marketing"],
            ["query", "select * from sales.customers", "--format", "json"], ["runs"],
        ] {
            let outcome = try await TesseraBinary.run(arguments, in: root, environment: Self.noKeyVariable)
            #expect(outcome.status == 0, "\(arguments): \(outcome.stdout)\(outcome.stderr)")
            printed += outcome.stdout + outcome.stderr
        }
        let state = root.appendingPathComponent(".tessera")
        let keyText = try String(contentsOf: state.appendingPathComponent("dev/mask.key"), encoding: .utf8)
        let secrets = Self.forms(ofKeyHex: keyText.trimmingCharacters(in: .whitespacesAndNewlines))
        for secret in secrets { #expect(!Self.holds(Data(printed.utf8), secret), "the key in the output") }

        // Every file of the state folder — run logs, catalog, lake, warehouses — but the key's own.
        let files =
            FileManager.default.enumerator(at: state, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.lastPathComponent != "mask.key" } ?? []
        #expect(
            files.contains { $0.pathExtension == "log" } && files.contains { $0.lastPathComponent == "catalog.sqlite" })
        for file in files where !file.hasDirectoryPath {
            guard let bytes = try? Data(contentsOf: file) else { continue }
            for secret in secrets { #expect(!Self.holds(bytes, secret), "the key in \(file.path)") }
        }

        // The view definitions marketing's warehouse keeps, as DuckDB itself shows them.
        let warehouse = try Database(
            path: state.appendingPathComponent("dev/domains/marketing/warehouse.duckdb").path,
            options: ["access_mode": "READ_ONLY"])
        let definitions = try warehouse.connect().rows("SELECT sql FROM duckdb_views() WHERE NOT internal")
            .compactMap { $0.first?.stringValue }.joined(separator: "\n")
        #expect(definitions.contains("tessera_mask_hash("), "\(definitions)")
        for secret in secrets { #expect(!Self.holds(Data(definitions.utf8), secret)) }
    }

    static func holds(_ data: Data, _ secret: [UInt8]) -> Bool { data.range(of: Data(secret)) != nil }

    /// The key as text (either case) and as bytes, and the HMAC pads derived from it.
    static func forms(ofKeyHex hex: String) -> [[UInt8]] {
        let bytes = stride(from: 0, to: hex.count, by: 2).compactMap { offset -> UInt8? in
            let start = hex.index(hex.startIndex, offsetBy: offset)
            return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)
        }
        #expect(bytes.count == 32)
        let pads = [0x36, 0x5c].map { pad in bytes.map { $0 ^ UInt8(pad) } }
        let hexForms = ([bytes] + pads).flatMap { form -> [String] in
            let text = form.map { String(format: "%02x", $0) }.joined()
            return [text, text.uppercased()]
        }
        return [bytes] + pads + hexForms.map { Array($0.utf8) }
    }
}
