import Foundation
import TesseraCatalog
import TesseraModel

/// Which snapshots of a product have outlived its `retention:` — a pure decision, so that the
/// rules can be tested without files.
///
/// Kept: the newest `keep` snapshots (whatever their status), every snapshot younger than
/// `max_age`, the current one, and the newest snapshot of each earlier major version that is not
/// retired (it is still served as `<domain>.<product>__v<N>`). Snapshots a running process
/// reads are protected by the catalog itself when they are removed.
enum RetentionPolicy {
    static func expired(_ snapshots: [SnapshotRecord], retention: Retention, retiredMajors: Set<Int>, now: Date)
        -> [SnapshotRecord]
    {
        let newestFirst = snapshots.sorted { $0.createdAt > $1.createdAt }
        var servedMajors = Set<Int>()
        var expired: [SnapshotRecord] = []
        let currentMajor = newestFirst.first { $0.status == .current }.flatMap { major(of: $0.version) }
        for (index, snapshot) in newestFirst.enumerated() {
            if snapshot.status == .current { continue }
            if index < retention.keep { continue }
            if let age = retention.maxAge, now.timeIntervalSince(snapshot.createdAt) < Double(age.seconds) { continue }
            // The newest published snapshot of an earlier, unretired major stays.
            if snapshot.status == .superseded, let major = major(of: snapshot.version), major != currentMajor,
                !retiredMajors.contains(major), servedMajors.insert(major).inserted
            {
                continue
            }
            expired.append(snapshot)
        }
        return expired
    }

    static func major(of version: String) -> Int? { (try? SemVer(parsing: version))?.major }
}

/// Removes what the retention policy says has expired: first the catalog rows (the catalog
/// refuses a current snapshot and any a running process reads), then the folders. A folder
/// without a row — left by a run killed while publishing — is collected too, once its run is
/// no longer running.
struct SnapshotCollector {
    var catalog: any CatalogStore
    var layout: StateLayout

    /// The number of snapshot folders removed.
    @discardableResult
    func collect(_ product: Product, now: Date) async throws -> Int {
        let snapshots = try await catalog.snapshots(product: product.qualifiedName)
        let expired = RetentionPolicy.expired(
            snapshots, retention: product.retention,
            retiredMajors: Set(product.retiredVersions), now: now)
        let removed = expired.isEmpty ? [] : try await catalog.removeSnapshots(ids: expired.map(\.id))
        let files = FileManager.default
        var count = 0
        for snapshot in expired where removed.contains(snapshot.id) {
            if (try? files.removeItem(atPath: snapshot.path)) != nil { count += 1 }
        }

        // Leftovers of interrupted publishes: folders no snapshot row points at.
        let base = layout.productDirectory(domain: product.domain, product: product.name)
        let known = Set(
            snapshots.filter { !removed.contains($0.id) }.map { URL(fileURLWithPath: $0.path).lastPathComponent })
        let entries = (try? files.contentsOfDirectory(atPath: base.path)) ?? []
        for entry in entries where !known.contains(entry) {
            let runID = entry.hasSuffix(".partial") ? String(entry.dropLast(".partial".count)) : entry
            if let run = try? await catalog.run(id: runID), run.run.status == .running { continue }
            if (try? files.removeItem(at: base.appendingPathComponent(entry))) != nil { count += 1 }
        }
        return count
    }
}
