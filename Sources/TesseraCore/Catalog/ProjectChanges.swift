import Foundation

/// Whether a project's files changed since a moment, by their modification times: tessera.yaml
/// and everything under domains/ (a deleted or added file changes its folder's time). What lets
/// the `catalog` commands trust what the catalog recorded without reading the project — a few
/// thousand `stat`s, not a parse — and read it again after an edit.
enum ProjectChanges {
    static func since(_ moment: Date, root: URL) -> Bool {
        let files = FileManager.default
        let keys: [URLResourceKey] = [.contentModificationDateKey]
        func newer(_ url: URL) -> Bool {
            guard let modified = try? url.resourceValues(forKeys: Set(keys)).contentModificationDate else {
                return false
            }
            return modified > moment
        }
        if newer(root.appendingPathComponent("tessera.yaml")) { return true }
        let domains = root.appendingPathComponent("domains", isDirectory: true)
        guard files.fileExists(atPath: domains.path) else { return false }
        if newer(domains) { return true }
        guard let walk = files.enumerator(at: domains, includingPropertiesForKeys: keys) else { return true }
        for case let url as URL in walk where newer(url) { return true }
        return false
    }
}
