import Foundation
import Testing

/// `tessera token create|list|revoke` through the real binary: the token is printed once, list
/// and revoke never show it, user mistakes exit 2, and after all of it the token's text (and its
/// secret alone) is nowhere in the state folder, the catalog or any output but the one print.
@Suite struct TokenCommandTests {
    static let files: [String: String] = [
        "tessera.yaml": """
        mesh: acme
        governance: {require_description: false, require_classification: false}
        admins: [root@acme.example]

        """,
        "domains/sales/domain.yaml": """
        owner: sales@acme.example
        members: [{name: ana@acme.example, role: owner}]
        services: [sales_reporting]

        """,
        "domains/sales/sources/orders.yaml":
            "connector: {type: csv, path: domains/sales/data/*.csv}\nload: {mode: full}\n",
        "domains/sales/data/orders.csv": "order_id,amount\n1,10\n",
        "domains/sales/models/orders.sql": "select order_id, amount from src.orders\n",
    ]

    func mesh() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        for (path, text) in Self.files { try dir.write(path, text) }
        return dir
    }

    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test func createListRevokeAndTheSecretIsNowhereElse() async throws {
        let dir = try mesh()
        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 0)
        let created = try await TesseraBinary.run(
            ["token", "create", "--principal", "ana@acme.example", "--expires", "90d", "--name", "laptop"], in: dir.url)
        #expect(created.status == 0, "\(created.stderr)")
        let lines = created.stdout.split(separator: "\n").map(String.init)
        let token = try #require(lines.first)
        #expect(token.hasPrefix("tsr_") && token.count == 60, "\(created.stdout)")
        #expect(lines.dropFirst().joined().contains("will not be shown again"))
        let id = String(token.dropFirst(4).prefix(12))

        let asJSON = try await TesseraBinary.run(
            ["token", "create", "--principal", "sales_reporting", "--format", "json"], in: dir.url)
        #expect(asJSON.status == 0, "\(asJSON.stderr)")
        let service = try #require(try json(asJSON.stdout) as? [String: Any])
        let serviceToken = try #require(service["token"] as? String)
        #expect(service["principal"] as? String == "sales_reporting")
        #expect(service["principalKind"] as? String == "service")
        #expect(service["expiresAt"] is NSNull)

        let listed = try await TesseraBinary.run(["token", "list"], in: dir.url)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains(id) && listed.stdout.contains("ana@acme.example"))
        #expect(listed.stdout.contains("laptop") && listed.stdout.contains("active"))
        let listedJSON = try await TesseraBinary.run(["token", "list", "--format", "json"], in: dir.url)
        let rows = try #require(try json(listedJSON.stdout) as? [[String: Any]])
        #expect(rows.map { $0["id"] as? String }.contains(id))
        let keys = Set(rows.first?.keys.map { $0 } ?? [])
        #expect(keys.isSuperset(of: ["id", "principal", "createdAt", "expiresAt", "lastUsedAt", "revokedAt"]))
        #expect(rows.allSatisfy { $0["token"] == nil })

        let revoked = try await TesseraBinary.run(["token", "revoke", id], in: dir.url)
        #expect(revoked.status == 0, "\(revoked.stderr)")
        #expect(revoked.stdout.contains("revoked"))
        let after = try await TesseraBinary.run(["token", "list", "--format", "json"], in: dir.url)
        let revokedRow = try #require(
            (try json(after.stdout) as? [[String: Any]])?.first { $0["id"] as? String == id })
        #expect(revokedRow["status"] as? String == "revoked")
        #expect(revokedRow["revokedAt"] is String)

        let audit = try await TesseraBinary.run(["audit", "--format", "json"], in: dir.url)
        #expect(audit.stdout.contains("token.create") && audit.stdout.contains("token.revoke"))
        await #expect(try TesseraBinary.run(["audit", "--verify"], in: dir.url).status == 0)

        // The text and the secret alone: in no later output and in no file of the state folder.
        let outputs = [listed, listedJSON, revoked, after, audit].map { $0.stdout + $0.stderr } + [created.stderr]
        for secret in [token, serviceToken] {
            let secretPart = String(secret.suffix(43))
            for text in outputs { #expect(!text.contains(secretPart)) }
            #expect(SecretLeakTests.filesHolding([secret, secretPart], below: dir.url).isEmpty)
        }
    }

    @Test func unknownPrincipalsBadSpansAndUnknownIdsExit2() async throws {
        let dir = try mesh()
        let stranger = try await TesseraBinary.run(["token", "create", "--principal", "ana@acme.exmple"], in: dir.url)
        #expect(stranger.status == 2)
        #expect(stranger.stderr.contains("'ana@acme.exmple' is not a principal of this project"), "\(stranger.stderr)")
        #expect(stranger.stderr.contains("tessera.yaml") && stranger.stderr.contains("domain.yaml"))
        #expect(stranger.stdout.isEmpty)
        for span in ["90", "3x", "1h2d", "0s"] {
            let bad = try await TesseraBinary.run(
                ["token", "create", "--principal", "ana@acme.example", "--expires", span], in: dir.url)
            #expect(bad.status == 2, "\(span): \(bad.stderr)")
            #expect(bad.stderr.contains("--expires"), "\(bad.stderr)")
        }
        let unknown = try await TesseraBinary.run(["token", "revoke", "0123456789ab"], in: dir.url)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no token has the id '0123456789ab'"), "\(unknown.stderr)")
        let empty = try await TesseraBinary.run(["token", "list"], in: dir.url)
        #expect(empty.status == 0)
        #expect(empty.stdout.contains("No tokens"))
    }
}
