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

    /// Whether retention may delete `folder`: strictly below the product's folder `base`, and
    /// below the environment folder once symbolic links are followed. The second wall behind
    /// `StateLayout.snapshotFolder(of:)`, which never resolves a recorded path elsewhere.
    static func mayDelete(_ folder: URL, below base: URL, in layout: StateLayout) -> Bool {
        let path = folder.standardizedFileURL.path
        let basePath = base.standardizedFileURL.path
        guard path.hasPrefix(basePath + "/"), !path.dropFirst(basePath.count + 1).contains("/") else { return false }
        return layout.isInside(folder)
    }
}

/// Removes what the retention policy says has expired: first the catalog rows (the catalog
/// refuses a current snapshot and any a running process reads), then the folders. A folder
/// without a row — left by a run killed while publishing — is collected too, once its run is
/// no longer running.
///
/// Only below the product's folder in this environment: a snapshot's folder is resolved against
/// this project's layout, and a folder that still resolves elsewhere (through a symbolic link) is
/// left in place and reported, never deleted: another project's files are not this one's to remove.
struct SnapshotCollector {
    var catalog: any CatalogStore
    var layout: StateLayout

    struct Collected: Sendable, Hashable {
        /// Snapshot folders removed.
        var removed = 0
        /// Why a folder was left in place.
        var refused: [String] = []
    }

    @discardableResult
    func collect(_ product: Product, now: Date) async throws -> Collected {
        let snapshots = try await catalog.snapshots(product: product.qualifiedName)
        let expired = RetentionPolicy.expired(
            snapshots, retention: product.retention,
            retiredMajors: Set(product.retiredVersions), now: now)
        let removed = expired.isEmpty ? [] : try await catalog.removeSnapshots(ids: expired.map(\.id))
        let base = layout.productDirectory(domain: product.domain, product: product.name)
        var collected = Collected()
        for snapshot in expired where removed.contains(snapshot.id) {
            remove(layout.snapshotFolder(of: snapshot), below: base, into: &collected)
        }

        // Leftovers of interrupted publishes: folders no snapshot row points at.
        let known = Set(
            snapshots.filter { !removed.contains($0.id) }.map { layout.snapshotFolder(of: $0).lastPathComponent })
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
        for entry in entries where !known.contains(entry) {
            let runID = entry.hasSuffix(".partial") ? String(entry.dropLast(".partial".count)) : entry
            if let run = try? await catalog.run(id: runID), run.run.status == .running { continue }
            remove(base.appendingPathComponent(entry), below: base, into: &collected)
        }
        return collected
    }

    private func remove(_ folder: URL, below base: URL, into collected: inout Collected) {
        guard FileManager.default.fileExists(atPath: folder.path) else { return }
        guard RetentionPolicy.mayDelete(folder, below: base, in: layout) else {
            let reason =
                "retention left \(folder.path) in place: it is not below this environment's folder \(layout.environmentDirectory.path)"
            // The same folder can come up twice: as an expired snapshot's, then as a leftover.
            if !collected.refused.contains(reason) { collected.refused.append(reason) }
            return
        }
        if (try? FileManager.default.removeItem(at: folder)) != nil { collected.removed += 1 }
    }
}
