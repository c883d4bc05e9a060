import Foundation
import Yams

/// The state of one `ProjectLoader.load()`: the sink, and the references between files that can
/// only be checked once every file has been read.
final class ParseSession {
    let root: URL
    let environment: [String: String]
    let sink = DiagnosticSink()
    let files = FileManager.default

    struct InputReference {
        let domain: String
        let product: String
        let input: Product.Input
        let isDefault: Bool
        let location: SourceLocation
    }

    struct ReaderReference {
        let domain: String
        let location: SourceLocation
    }

    struct RelationshipReference {
        let reference: ColumnReference
        let location: SourceLocation
    }

    var inputReferences: [InputReference] = []
    var readerReferences: [ReaderReference] = []
    var relationshipReferences: [RelationshipReference] = []

    init(root: URL, environment: [String: String]) {
        self.root = root
        self.environment = environment
    }

    func reader(for file: String) -> YAMLReader {
        YAMLReader(file: file, sink: sink, environment: environment)
    }

    func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    func isDirectory(_ relativePath: String) -> Bool {
        var directory: ObjCBool = false
        return files.fileExists(atPath: url(relativePath).path, isDirectory: &directory) && directory.boolValue
    }

    func isFile(_ relativePath: String) -> Bool {
        var directory: ObjCBool = false
        return files.fileExists(atPath: url(relativePath).path, isDirectory: &directory) && !directory.boolValue
    }

    /// The entries of a folder, hidden ones left out, sorted so that diagnostics are stable.
    func entries(of relativePath: String) -> [String] {
        ((try? files.contentsOfDirectory(atPath: url(relativePath).path)) ?? [])
            .filter { !$0.hasPrefix(".") }
            .sorted()
    }

    func loadProject() -> Project? {
        let meshFile = "tessera.yaml"
        guard isFile(meshFile) else {
            sink.error(
                "no tessera.yaml in the project folder", at: .start(of: meshFile),
                hint: "run `tessera init` to create a project, or pass --project DIR")
            return nil
        }
        let mesh = loadMesh(file: meshFile)
        var domains: [Domain] = []
        if isDirectory("domains") {
            for entry in entries(of: "domains") {
                let path = "domains/\(entry)"
                guard isDirectory(path) else {
                    sink.warning(
                        "'\(path)' is not a domain folder and is ignored", at: .start(of: path),
                        hint: "each domain is a folder domains/<domain>/ holding domain.yaml")
                    continue
                }
                if let domain = loadDomain(named: entry) { domains.append(domain) }
            }
        } else {
            sink.warning(
                "the mesh has no domains/ folder", at: mesh.location,
                hint: "add domains/<domain>/domain.yaml for each domain")
        }
        let project = Project(root: root, mesh: mesh, domains: domains)
        checkReferences(in: project)
        checkPrincipals(in: project)
        return project
    }

    /// Reports a `name:` key that differs from the name the file or folder gives.
    func checkNameKey(_ mapping: MappingReader, expected: String, kind: String, fileKind: String) {
        guard let node = mapping.value("name"), let written = mapping.reader.literal(node, path: "name") else { return }
        guard written != expected else { return }
        mapping.reader.error(
            "name '\(written)' does not match the \(fileKind) name '\(expected)'", at: node,
            hint: "the \(fileKind) name is the \(kind)'s name: remove `name:` or rename the \(fileKind)")
    }
}
