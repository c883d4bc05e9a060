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

    /// SHA-256 of every field, in order, each length-prefixed (so no two different metadata
    /// give the same bytes); collections are sorted by `init`. Hand-written rather than hashing
    /// JSONEncoder's output, which took 3.3 s for 300,000 columns in a release build: this runs on
    /// every `tessera run` and `validate`. A field added to the metadata must be added here too,
    /// or changing only it would not be recorded.
    public var fingerprint: String {
        var bytes = FingerprintBytes()
        bytes.add("tessera-metadata-v1")
        bytes.add(mesh)
        bytes.count(domains.count)
        for domain in domains {
            bytes.add(domain.name); bytes.add(domain.owner); bytes.add(domain.description); bytes.add(domain.tags)
        }
        bytes.count(assets.count)
        for asset in assets {
            bytes.add(asset.id.id); bytes.add(asset.description); bytes.add(asset.owner); bytes.add(asset.tags)
            bytes.add(asset.file); bytes.add(asset.version); bytes.add(asset.schedule); bytes.add(asset.freshness)
            bytes.add(asset.freshnessSeconds.map { String($0) }); bytes.add(asset.readers); bytes.add(asset.roles)
            bytes.count(asset.masks.count)
            for mask in asset.masks { bytes.add(mask.column); bytes.add(mask.kind) }
            bytes.add(asset.contract)
            bytes.count(asset.columns.count)
            for column in asset.columns {
                bytes.count(column.position); bytes.add(column.name); bytes.add(column.type)
                bytes.add(column.nullable.map { $0 ? "true" : "false" }); bytes.add(column.description)
                bytes.add(column.classification); bytes.add(column.tags)
            }
        }
        bytes.count(lineage.count)
        for edge in lineage {
            bytes.add(edge.upstream.id); bytes.add(edge.upstreamColumn); bytes.add(edge.downstream.id)
            bytes.add(edge.downstreamColumn); bytes.add(edge.kind)
        }
        return SHA256.hash(data: bytes.bytes).map { String(format: "%02x", $0) }.joined()
    }
}

/// The fingerprint's input: every value tagged and length-prefixed.
private struct FingerprintBytes {
    var bytes: [UInt8] = []

    mutating func count(_ value: Int) {
        bytes.append(0x01)
        withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func add(_ text: String?) {
        guard let text else { bytes.append(0x00); return }
        let utf8 = text.utf8
        count(utf8.count)
        bytes.append(contentsOf: utf8)
    }

    mutating func add(_ list: [String]?) {
        guard let list else { bytes.append(0x00); return }
        count(list.count)
        for item in list { add(item) }
    }
}
