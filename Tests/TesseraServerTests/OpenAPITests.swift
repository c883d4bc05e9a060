import Foundation
import Testing
import TesseraServer
import TesseraTesting

/// The OpenAPI document is valid OpenAPI 3.1, and the live server keeps to it: schemathesis sends
/// generated requests to every operation with a real token and finds no 5xx and no answer that
/// breaks the document's schemas.
@Suite(.serialized) struct OpenAPITests {
    @Test func theDocumentIsValidOpenAPI() async throws {
        guard let validator = APIValidators.tool("openapi-spec-validator") else { return }
        let document = APIValidators.root.appendingPathComponent("docs/api/openapi.json")
        let outcome = try await ProcessRunner.run(validator, [document.path])
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
    }

    @Test func schemathesisFindsNoServerErrorAndNoSchemaViolation() async throws {
        guard let schemathesis = APIValidators.tool("schemathesis") else { return }
        let mesh = try await APITestMesh()
        let root = try await mesh.token("root@acme.example")
        try await mesh.serving { base in
            let outcome = try await Curl.offThePool {
                try ProcessRunner.run(
                    schemathesis,
                    [
                        "run", APIValidators.root.appendingPathComponent("docs/api/openapi.json").path, "--url", base,
                        "--header", "Authorization: Bearer \(root)",
                        "--checks", "not_a_server_error,response_schema_conformance,content_type_conformance",
                        "--max-examples", "25", "--seed", "7", "--no-color",
                    ],
                    // In the mesh's folder: schemathesis keeps a cache where it runs.
                    in: mesh.folder.url, environment: ["SCHEMATHESIS_HOOKS": ""])
            }
            #expect(outcome.status == 0, "\(outcome.stdout.suffix(6000))\(outcome.stderr.suffix(2000))")
        }
    }
}
