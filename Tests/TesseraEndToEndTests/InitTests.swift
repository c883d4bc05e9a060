import Foundation
import Testing

@Suite struct InitTests {
    @Test func initThenValidateExitsZero() async throws {
        let dir = try TemporaryDirectory()
        let project = dir.url.appendingPathComponent("acme")
        let created = try await TesseraBinary.run(["init", project.path])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("Created mesh 'acme'"))

        let validated = try await TesseraBinary.run(["validate"], in: project)
        #expect(validated.status == 0, "\(validated.stdout)\(validated.stderr)")
        #expect(validated.stdout.contains("mesh 'acme' is valid: 1 domain, 1 source, 1 model, 1 product"))
    }

    /// The secret of the `hash` mask is made with the project, private, and out of git.
    @Test func initMakesAPrivateMaskKeyThatGitIgnores() async throws {
        let dir = try TemporaryDirectory()
        let created = try await TesseraBinary.run(["init", dir.url.path, "--name", "shop", "--format", "json"])
        #expect(created.status == 0, "\(created.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any]
        #expect(json?["maskKey"] as? String == ".tessera/dev/mask.key")
        let key = dir.url.appendingPathComponent(".tessera/dev/mask.key")
        let text = try String(contentsOf: key, encoding: .utf8)
        #expect(text.count == 65 && text.dropLast().allSatisfy { "0123456789abcdef".contains($0) })
        #expect(try FileManager.default.attributesOfItem(atPath: key.path)[.posixPermissions] as? Int == 0o600)
        #expect(!created.stdout.contains(text.dropLast()) && !created.stderr.contains(text.dropLast()))

        let git = URL(fileURLWithPath: "/usr/bin/git")
        if FileManager.default.isExecutableFile(atPath: git.path) {
            try await ProcessRunner.run(git, ["init", "-q"], in: dir.url)
            let ignored = try await ProcessRunner.run(
                git, ["check-ignore", "-q", ".tessera/dev/mask.key"], in: dir.url)
            #expect(ignored.status == 0, "git does not ignore the mask key")
        }
    }

    @Test func validateFindsTheProjectFromASubfolder() async throws {
        let dir = try TemporaryDirectory()
        try await TesseraBinary.run(["init", dir.url.path, "--name", "shop"])
        let sub = dir.url.appendingPathComponent("domains/sales/models")
        let validated = try await TesseraBinary.run(["validate"], in: sub)
        #expect(validated.status == 0)
        #expect(validated.stdout.contains("mesh 'shop' is valid"))
    }

    @Test func initRefusesToOverwriteAndChangesNothing() async throws {
        let dir = try TemporaryDirectory()
        try dir.write("tessera.yaml", "mesh: mine\n")
        let outcome = try await TesseraBinary.run(["init", dir.url.path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("refusing to overwrite existing files"))
        #expect(outcome.stderr.contains("tessera.yaml"))
        let kept = try String(contentsOf: dir.url.appendingPathComponent("tessera.yaml"), encoding: .utf8)
        #expect(kept == "mesh: mine\n")
        #expect(!FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("domains").path))
    }

    @Test func initDerivesAValidMeshNameFromTheFolder() async throws {
        let dir = try TemporaryDirectory()
        let project = dir.url.appendingPathComponent("My Shop-2")
        let outcome = try await TesseraBinary.run(["init", project.path, "--format", "json"])
        #expect(outcome.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
        #expect(json?["mesh"] as? String == "my_shop_2")
        #expect((json?["files"] as? [String])?.contains("tessera.yaml") == true)
    }

    @Test func initRejectsAnInvalidMeshName() async throws {
        let dir = try TemporaryDirectory()
        let outcome = try await TesseraBinary.run(["init", dir.url.path, "--name", "Bad-Name"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("lower snake_case"))
    }
}
