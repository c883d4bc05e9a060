import Foundation

/// Finds the mesh project a command works on, the way git finds its repository.
enum ProjectLocator {
    static let projectFileName = "tessera.yaml"

    /// A path as people type it here: relative to the current folder when it is inside it,
    /// so that it is short enough to read; absolute otherwise.
    static func display(_ url: URL) -> String {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
            .standardizedFileURL.path
        let path = url.standardizedFileURL.path
        guard cwd != "/", path.hasPrefix(cwd + "/") else { return path }
        return String(path.dropFirst(cwd.count + 1))
    }

    static func locate(explicit: String?, from cwd: URL) throws -> URL {
        let fm = FileManager.default
        if let explicit {
            let root = URL(fileURLWithPath: explicit, relativeTo: cwd).standardizedFileURL
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: root.path, isDirectory: &isDir), isDir.boolValue else {
                throw CLIError(.usage, "--project \(explicit): no such folder.")
            }
            guard fm.fileExists(atPath: root.appendingPathComponent(projectFileName).path) else {
                throw CLIError(
                    .usage, "\(root.path) has no \(projectFileName).",
                    hint: "point --project at the folder holding tessera.yaml, or create one with `tessera init`.")
            }
            return root
        }
        var dir = cwd.standardizedFileURL
        while true {
            if fm.fileExists(atPath: dir.appendingPathComponent(projectFileName).path) { return dir }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        throw CLIError(
            .usage, "no \(projectFileName) in \(cwd.path) or any folder above it.",
            hint: "run this inside a mesh project, pass --project DIR, or create one with `tessera init DIR`.")
    }
}
