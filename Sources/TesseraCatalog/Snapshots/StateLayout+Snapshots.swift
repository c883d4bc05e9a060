import Foundation
import TesseraModel

extension StateLayout {
    /// The folder of a snapshot's files in this project: its recorded path, relative to the
    /// environment folder, resolved here. A path that is absolute (a catalog written before paths
    /// were relative, by a copy of this project elsewhere) or that would climb out of the
    /// environment folder is never followed: the snapshot's folder is where a snapshot of its
    /// product with that name lives in this environment.
    public func snapshotFolder(of snapshot: SnapshotRecord) -> URL {
        if let folder = resolve(relativePath: snapshot.path) { return folder }
        return environmentDirectory.appendingPathComponent(
            Self.canonicalRelativePath(product: snapshot.product, id: snapshot.id, path: snapshot.path),
            isDirectory: true)
    }

    /// What the catalog records as a snapshot's path: `folder` relative to the environment folder.
    /// A folder outside it (never written by Tessera) is recorded as where it would be inside.
    public func recordedPath(ofSnapshot product: String, folder: URL) -> String {
        relativePath(of: folder)
            ?? Self.canonicalRelativePath(product: product, folderName: folder.lastPathComponent)
    }

    /// `domains/<domain>/lake/products/<product>/<folder>`, the folder named by a recorded path's
    /// last component: the one place a snapshot of the product can be, whatever the path says.
    /// Never the product's folder itself: a name that is no name falls back to the snapshot id's
    /// run part (`domain.product@<run>`), which names the folder the run wrote.
    static func canonicalRelativePath(product: String, id: String, path: String) -> String {
        var name = URL(fileURLWithPath: path).lastPathComponent
        if name.isEmpty || name == "." || name == ".." || name == "/" {
            name = String(id.split(separator: "@").last ?? Substring(id))
        }
        return canonicalRelativePath(product: product, folderName: name)
    }

    static func canonicalRelativePath(product qualified: String, folderName: String) -> String {
        let parts = qualified.split(separator: ".", maxSplits: 1).map(String.init)
        let domain = parts.first ?? qualified
        let product = parts.count > 1 ? parts[1] : qualified
        return "domains/\(domain)/lake/products/\(product)/\(folderName)"
    }
}
