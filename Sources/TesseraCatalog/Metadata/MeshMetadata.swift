import Foundation
import TesseraModel
internal import Crypto

/// What the catalog knows about a mesh's structure, as of the last `tessera run` or `tessera
/// validate`: its domains, sources, models and products with their columns, and the lineage
/// between them. Discovery (`tessera catalog`) and `tessera lineage` read it without parsing the
/// project, so a search over ten thousand products never opens ten thousand YAML files.
///
/// Recorded as a whole: the store replaces the previous metadata of its environment in one
/// transaction, and skips the write when ``fingerprint`` has not changed since.
public struct MeshMetadata: Sendable, Hashable, Codable {
    public var mesh: String
    /// Sorted by name.
    public var domains: [DomainMetadata]
    /// Every source, model and product, sorted by id.
    public var assets: [AssetMetadata]
    /// Table- and column-level edges, sorted.
    public var lineage: [MeshLineageEdge]

    public init(mesh: String, domains: [DomainMetadata], assets: [AssetMetadata], lineage: [MeshLineageEdge]) {
        self.mesh = mesh
        self.domains = domains.sorted { $0.name < $1.name }
        self.assets = assets.sorted { $0.id.id < $1.id.id }
        self.lineage = lineage.sorted()
    }

    /// SHA-256 of the canonical JSON (sorted keys, sorted collections): equal metadata gives an
    /// equal fingerprint whatever order the project's files were read in.
    public var fingerprint: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding plain strings, numbers and arrays cannot fail; an empty digest input would
        // still give a stable (if useless) fingerprint rather than a crash.
        let data = (try? encoder.encode(self)) ?? Data()
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
