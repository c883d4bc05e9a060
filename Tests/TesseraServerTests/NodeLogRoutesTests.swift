import Foundation
import Testing
import TesseraCore
import TesseraServer

/// A node's log through the API: the domain's owner reads a failing check's sample rows; a reader
/// of another domain reads the same line without them (and how many were left out), and finds no
/// trace of the nodes it may not see.
@Suite(.serialized) struct NodeLogRoutesTests {
    /// The test mesh with a warn check on sales.customers that fails on a row quoting an email.
    static var files: [String: String] {
        var files = APITestMesh.files
        files["domains/sales/products/customers.yaml"] = files["domains/sales/products/customers.yaml"]?
            .replacingOccurrences(
                of: "access:\n",
                with: "checks:\n  - sql: {name: no_berlin, query: \"select * from @product where city = 'Berlin'\", "
                    + "severity: warn}\naccess:\n")
        return files
    }

    static func lines(_ answer: CurlAnswer) throws -> [[String: Any]] {
        try answer.json()["lines"] as? [[String: Any]] ?? []
    }

    @Test func theOwnerSeesSampleRowsAndAnOutsideReaderDoesNot() async throws {
        let mesh = try await APITestMesh(files: Self.files)
        let (ana, mia) = (try await mesh.token("ana@acme.example"), try await mesh.token("mia@acme.example"))
        try await mesh.serving { base in
            let runs = try await Curl.call("\(base)/api/v1/runs", token: ana)
            let id = try #require((try runs.json()["runs"] as? [[String: Any]])?.first?["id"] as? String)
            let path = "\(base)/api/v1/runs/\(id)/nodes/product.sales.customers/log"

            let owner = try await Curl.call(path, token: ana)
            #expect(owner.status == 200, "\(owner.body)")
            let failing = try Self.lines(owner).first { ($0["text"] as? String)?.contains("no_berlin") == true }
            #expect(failing?["level"] as? String == "warning", "\(owner.body)")
            // The rows as the check sampled them (pii masked there already), with their columns.
            #expect((failing?["samples"] as? [String])?.first == "e.g. customer_id | email | city", "\(owner.body)")
            #expect(failing?["hiddenSampleRows"] as? Int == 0)
            #expect(try Self.lines(owner).contains { ($0["text"] as? String)?.hasPrefix("start publish") == true })

            let reader = try await Curl.call(path, token: mia)
            #expect(reader.status == 200, "\(reader.body)")
            let shown = try Self.lines(reader).first { ($0["text"] as? String)?.contains("no_berlin") == true }
            #expect(shown?["samples"] == nil && shown?["hiddenSampleRows"] as? Int == 1, "\(reader.body)")
            #expect(!reader.body.contains("e.g. customer_id"), "\(reader.body)")
            #expect(try Self.lines(reader).count == (try Self.lines(owner)).count)

            // The model behind it is sales' own: not found, as a node the run does not have.
            let model = try await Curl.call("\(base)/api/v1/runs/\(id)/nodes/model.sales.customers/log", token: mia)
            #expect(model.status == 404 && model.errorCode == "not_found", "\(model.body)")
            let whole = try await Curl.call("\(base)/api/v1/runs/\(id)/log", token: mia)
            #expect(whole.status == 200, "\(whole.body)")
            let nodes = Set(try Self.lines(whole).compactMap { $0["node"] as? String })
            #expect(nodes.contains("product.sales.customers") && !nodes.contains("model.sales.customers"), "\(nodes)")
            #expect(!whole.body.contains("e.g. customer_id"))
            let admin = try await Curl.call("\(base)/api/v1/runs/\(id)/log?node=sales.customers", token: ana)
            #expect(Set(try Self.lines(admin).compactMap { $0["node"] as? String }) == ["product.sales.customers"])
        }
    }
}
