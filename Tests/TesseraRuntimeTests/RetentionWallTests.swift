import Foundation
import Testing
import TesseraCatalog
import TesseraModel

@testable import TesseraRuntime

/// Retention deletes only below its own environment folder: a snapshot path that names another
/// project (a copied catalog), climbs out with `..`, or leads elsewhere through a symbolic link is
/// never followed.
@Suite struct RetentionWallTests {
    /// Two projects side by side, as after `cp -a A B`; the layout is B's.
    final class Projects: Sendable {
        let root: URL
        let layout: StateLayout
        let original: URL

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-retention-\(UUID())")
            layout = StateLayout(projectRoot: root.appendingPathComponent("B"), environment: "dev")
            original = root.appendingPathComponent("A/.tessera/dev/domains/sales/lake/products/orders")
            try FileManager.default.createDirectory(at: layout.environmentDirectory, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        var base: URL { layout.productDirectory(domain: "sales", product: "orders") }

        func folder(_ url: URL) throws -> URL {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: url.appendingPathComponent("data.parquet").path, contents: Data())
            return url
        }
    }

    func product() -> Product {
        let at = SourceLocation(file: "domains/sales/products/orders.yaml")
        return Product(
            name: "orders", domain: "sales", input: .model("orders"),
            contract: Contract(columns: [ContractColumn(name: "id", type: "BIGINT", location: at)], location: at),
            retention: Retention(keep: 1, maxAge: nil), location: at)
    }

    func snapshot(_ run: String, path: String, at offset: TimeInterval, status: SnapshotStatus) -> SnapshotRecord {
        SnapshotRecord(
            product: "sales.orders", id: "sales.orders@\(run)", version: "1.0.0",
            createdAt: Date(timeIntervalSince1970: 1_800_000_000 + offset), rows: 1, bytes: 1, files: 1, path: path,
            status: status)
    }

    @Test func onlyAFolderDirectlyBelowTheProductFolderOfThisEnvironmentMayBeDeleted() throws {
        let projects = try Projects()
        let layout = projects.layout, base = projects.base
        #expect(
            RetentionPolicy.mayDelete(try projects.folder(base.appendingPathComponent("r1")), below: base, in: layout))
        let refused = [
            try projects.folder(projects.original.appendingPathComponent("r1")),  // the original project's
            base.appendingPathComponent("r1/../../../../../../../A/.tessera/dev"),
            base, base.deletingLastPathComponent(), layout.environmentDirectory,
            URL(fileURLWithPath: "/etc"), base.appendingPathComponent("r1/data.parquet"),
        ]
        for folder in refused {
            #expect(!RetentionPolicy.mayDelete(folder, below: base, in: layout), "\(folder.path)")
        }
        // A folder of this environment that is a link to another project's is not this one's.
        try FileManager.default.createSymbolicLink(
            at: base.appendingPathComponent("linked"),
            withDestinationURL: projects.original.appendingPathComponent("r1"))
        #expect(!RetentionPolicy.mayDelete(base.appendingPathComponent("linked"), below: base, in: layout))
    }

    @Test func aRecordedPathIsResolvedInThisEnvironmentWhateverItSays() throws {
        let projects = try Projects()
        let layout = projects.layout, base = projects.base
        let paths = [
            "domains/sales/lake/products/orders/r1", projects.original.appendingPathComponent("r1").path,
            "../../A/.tessera/dev/domains/sales/lake/products/orders/r1",
        ]
        for path in paths {
            let folder = layout.snapshotFolder(of: snapshot("r1", path: path, at: 0, status: .superseded))
            #expect(folder.standardizedFileURL.path == base.appendingPathComponent("r1").path, "\(path)")
        }
        let nameless = layout.snapshotFolder(of: snapshot("r2", path: "/", at: 0, status: .superseded))
        #expect(nameless.lastPathComponent == "r2")
        #expect(
            layout.recordedPath(ofSnapshot: "sales.orders", folder: base.appendingPathComponent("r3"))
                == "domains/sales/lake/products/orders/r3")
    }

    /// The collector, on a catalog copied from another project (absolute paths of the original)
    /// and on a folder linked elsewhere: the original's files stay, the refusal is reported.
    @Test func collectingNeverDeletesAnotherProjectsFiles() async throws {
        let projects = try Projects()
        let layout = projects.layout, base = projects.base
        let catalog = try SQLiteCatalog(file: layout.catalogFile)
        let theirs = try projects.folder(projects.original.appendingPathComponent("r1"))
        let mine = try projects.folder(base.appendingPathComponent("r1"))
        let elsewhere = try projects.folder(projects.original.appendingPathComponent("r2"))
        try FileManager.default.createSymbolicLink(at: base.appendingPathComponent("r2"), withDestinationURL: elsewhere)
        _ = try projects.folder(base.appendingPathComponent("r3"))
        let records = [
            snapshot("r1", path: theirs.path, at: 0, status: .superseded),
            snapshot("r2", path: "domains/sales/lake/products/orders/r2", at: 1, status: .superseded),
            snapshot("r3", path: "domains/sales/lake/products/orders/r3", at: 2, status: .candidate),
        ]
        for record in records { try await catalog.addSnapshot(record) }
        try await catalog.publish(snapshotID: "sales.orders@r3", product: "sales.orders")

        let collected = try await SnapshotCollector(catalog: catalog, layout: layout)
            .collect(product(), now: Date(timeIntervalSince1970: 1_900_000_000))
        #expect(collected.removed == 1)
        #expect(!FileManager.default.fileExists(atPath: mine.path))
        #expect(FileManager.default.fileExists(atPath: theirs.appendingPathComponent("data.parquet").path))
        #expect(FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent("data.parquet").path))
        #expect(collected.refused.count == 1)
        #expect(collected.refused.first?.contains("not below this environment's folder") == true)
        #expect(FileManager.default.fileExists(atPath: base.appendingPathComponent("r3/data.parquet").path))
    }
}
