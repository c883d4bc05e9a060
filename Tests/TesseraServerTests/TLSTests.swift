import Foundation
import Testing
import TesseraCore
import TesseraServer
import TesseraTesting

/// The API over https with a self-signed certificate made by Debian's openssl; the client trusts
/// exactly that certificate.
@Suite struct TLSTests {
    static let openssl = URL(fileURLWithPath: "/usr/bin/openssl")

    @Test func theAPIAnswersOverHTTPS() async throws {
        let mesh = try await APITestMesh()
        let ana = try await mesh.token("ana@acme.example")
        let certificate = mesh.folder.file("tls/cert.pem"), key = mesh.folder.file("tls/key.pem")
        try FileManager.default.createDirectory(
            at: certificate.deletingLastPathComponent(), withIntermediateDirectories: true)
        let made = try await ProcessRunner.run(
            Self.openssl,
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.path, "-out", certificate.path,
                "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            ])
        #expect(made.status == 0, "\(made.stderr)")
        let configuration = APIServer.Configuration(port: 0, tlsCertificate: certificate, tlsKey: key)
        try await mesh.serving(configuration) { base in
            #expect(base.hasPrefix("https://"))
            let health = try await Curl.call("\(base)/healthz", extra: ["--cacert", certificate.path])
            #expect(health.status == 200)
            let domains = try await Curl.call(
                "\(base)/api/v1/domains", token: ana, extra: ["--cacert", certificate.path])
            #expect(domains.status == 200)
            #expect(domains.body.contains("marketing"))
            // A client that does not trust the certificate does not get through.
            await #expect(throws: (any Error).self) { try await Curl.call("\(base)/healthz") }
        }
    }

    @Test func aCertificateWithoutItsKeyIsRefusedBeforeListening() async throws {
        let mesh = try await APITestMesh()
        let server = APIServer(
            workspace: mesh.workspace,
            configuration: .init(port: 0, tlsCertificate: mesh.folder.file("missing.pem"), tlsKey: nil))
        await #expect(throws: APIServerError.self) { try await server.run() }
        let unreadable = APIServer(
            workspace: mesh.workspace,
            configuration: .init(
                port: 0, tlsCertificate: mesh.folder.file("missing.pem"), tlsKey: mesh.folder.file("missing.key")))
        do {
            try await unreadable.run()
            Issue.record("a server without readable TLS files started")
        } catch let error as APIServerError {
            #expect(error.message.contains("missing.pem"))
        }
    }
}
