import ArgumentParser
import Foundation
import TesseraCore
import TesseraModel

/// `tessera init [DIR]`: scaffold a new mesh project that validates cleanly.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Scaffold a new mesh project: one domain with a CSV source, a model and a published product.",
        usage: "tessera init [<dir>] [<options>]"
    )

    @Argument(help: ArgumentHelp("Where to create the project (default: the current folder).", valueName: "dir"))
    var directory: String = "."

    @Option(
        name: .long, help: ArgumentHelp("The mesh name (default: derived from the folder name).", valueName: "name"))
    var name: String?

    @OptionGroup var output: ReportFormatOption

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let format = output.chosen
        let console = global.console()
        let fm = FileManager.default
        let cwd = URL(fileURLWithPath: fm.currentDirectoryPath, isDirectory: true)
        let root = URL(fileURLWithPath: directory, relativeTo: cwd).standardizedFileURL

        let meshName = name ?? ProjectScaffold.meshName(fromFolderName: root.lastPathComponent)
        guard meshName.range(of: "^[a-z][a-z0-9_]*$", options: .regularExpression) != nil else {
            throw CLIError(
                .usage, "--name \(meshName): a mesh name is lower snake_case ([a-z][a-z0-9_]*).",
                hint: "for example --name \(ProjectScaffold.meshName(fromFolderName: meshName)).")
        }
        let scaffold = ProjectScaffold(meshName: meshName)

        // Refuse before writing anything, so a refused init leaves the folder as it was.
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: root.path, isDirectory: &isDir), !isDir.boolValue {
            throw CLIError(.usage, "\(root.path) exists and is not a folder.")
        }
        let existing = scaffold.files.map(\.path).filter { fm.fileExists(atPath: root.appendingPathComponent($0).path) }
        if !existing.isEmpty {
            throw CLIError(
                .usage, "refusing to overwrite existing files in \(root.path): \(existing.joined(separator: ", ")).",
                hint: "choose an empty or new folder: tessera init DIR.")
        }

        do {
            for file in scaffold.files {
                let url = root.appendingPathComponent(file.path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: url, options: .withoutOverwriting)
            }
        } catch {
            throw CLIError(
                .usage, "could not write the project into \(root.path): \(error.localizedDescription)",
                hint: "check that the folder is writable.")
        }

        // The secret of the `hash` mask, in the git-ignored state folder of the first environment.
        let layout = StateLayout(projectRoot: root, environment: ProjectScaffold.firstEnvironment)
        try MaskKeys.create(layout)
        let maskKey = String(MaskKeys.file(layout).path.dropFirst(root.path.count + 1))

        switch format {
        case .json:
            let report = InitReport(
                mesh: meshName, directory: root.path, files: scaffold.files.map(\.path), maskKey: maskKey)
            console.result(try JSONOutput.encode(report))
        default:
            console.result("Created mesh '\(meshName)' in \(root.path)")
            for file in scaffold.files { console.info("  " + console.styled(file.path, .dim)) }
            console.info("  " + console.styled("\(maskKey) (the key of the hash mask: private, git-ignored)", .dim))
            let cd = root.path == cwd.standardizedFileURL.path ? "" : "cd \(directory) && "
            console.info("")
            console.info("Next: \(cd)tessera validate")
        }
    }
}

struct InitReport: Encodable {
    var mesh: String
    var directory: String
    var files: [String]
    /// Where the mask key was made (relative to the project): a state file, not a project file.
    var maskKey: String
}
