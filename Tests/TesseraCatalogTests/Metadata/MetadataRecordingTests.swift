import Foundation
import Testing
import TesseraCatalog
import TesseraModel

@Suite struct MetadataRecordingTests {
    @Test func recordingTheSameMetadataAgainWritesNothing() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        #expect(try await catalog.metadataState() == nil)
        #expect(try await catalog.recordMetadata(MetadataFixtures.mesh(), environment: "dev"))
        let first = try #require(try await catalog.metadataState())
        #expect(first.fingerprint == MetadataFixtures.mesh().fingerprint)
        #expect((first.domainCount, first.assetCount, first.columnCount) == (3, 5, 10))

        // Another process, another pool: the fingerprint matches, nothing is written.
        let other = try SQLiteCatalog(file: folder.catalogFile)
        #expect(try await !other.recordMetadata(MetadataFixtures.mesh(), environment: "dev"))
        #expect(try await other.metadataState()?.recordedAt == first.recordedAt)
    }

    @Test func aChangeReplacesEverything() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        _ = try await catalog.recordMetadata(MetadataFixtures.mesh(), environment: "dev")
        var smaller = MetadataFixtures.mesh(revenueDescription: "Income, reconciled monthly.")
        smaller.assets.removeAll { $0.id == MetadataFixtures.campaigns }
        #expect(try await catalog.recordMetadata(smaller, environment: "dev"))
        #expect(try await catalog.catalogAsset(MetadataFixtures.campaigns) == nil)
        #expect(try await catalog.search(CatalogQuery(parsing: "campaigns kind:product"), limit: 5).isEmpty)
        #expect(
            try await catalog.search(CatalogQuery(parsing: "reconciled"), limit: 5).map(\.name) == ["finance.revenue"])
        #expect(try await catalog.catalogAssets().count == 4)
    }

    @Test func whatIsStoredReadsBackWhole() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        let mesh = MetadataFixtures.mesh()
        _ = try await catalog.recordMetadata(mesh, environment: "dev")
        let orders = try #require(try await catalog.catalogAsset(MetadataFixtures.orders))
        #expect(orders == mesh.assets.first { $0.id == MetadataFixtures.orders })
        #expect(try await catalog.catalogDomains() == mesh.domains)
        #expect(try await catalog.catalogAssets().allSatisfy(\.columns.isEmpty))
        #expect(Set(try await catalog.lineageEdges()) == Set(mesh.lineage))
        let touching = mesh.lineage.filter {
            $0.upstream == MetadataFixtures.orders || $0.downstream == MetadataFixtures.orders
        }
        #expect(!touching.isEmpty)
        #expect(Set(try await catalog.lineageEdges(of: MetadataFixtures.orders)) == Set(touching))
        #expect(try await catalog.lineageEdges(of: MetadataFixtures.orders).count == touching.count)
        #expect(
            try await catalog.consumers(of: MetadataFixtures.orders) == [NodeID(.model, "finance", "daily_revenue")])
    }

    @Test func theFingerprintIgnoresOrder() {
        var shuffled = MetadataFixtures.mesh()
        shuffled = MeshMetadata(
            mesh: shuffled.mesh, domains: shuffled.domains.reversed(), assets: shuffled.assets.reversed(),
            lineage: shuffled.lineage.reversed())
        #expect(shuffled.fingerprint == MetadataFixtures.mesh().fingerprint)
        #expect(MetadataFixtures.mesh(revenueDescription: "x").fingerprint != MetadataFixtures.mesh().fingerprint)
        var reclassified = MetadataFixtures.mesh()
        reclassified.assets[0].columns[0].classification = "pii"
        #expect(reclassified.fingerprint != MetadataFixtures.mesh().fingerprint)
        var withoutAnEdge = MetadataFixtures.mesh()
        withoutAnEdge.lineage.removeLast()
        #expect(withoutAnEdge.fingerprint != MetadataFixtures.mesh().fingerprint)
    }

    /// A real second process (the sqlite3 shell) searches the index over and over while this
    /// process replaces the metadata back and forth: every search sees one whole version.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func aReaderProcessAlwaysSeesOneWholeVersion() async throws {
        let folder = try TemporaryDirectory()
        let writer = try SQLiteCatalog(file: folder.catalogFile)
        let a = MetadataFixtures.mesh(revenueDescription: "Alpha version.")
        let b = MetadataFixtures.mesh(revenueDescription: "Beta version.")
        _ = try await writer.recordMetadata(a, environment: "dev")
        let queries = 400
        let script = folder.url.appendingPathComponent("reader.sql")
        let query =
            "SELECT (SELECT count(*) FROM meta_search WHERE meta_search MATCH 'alpha OR beta') || ':' || (SELECT count(*) FROM meta_asset);\n"
        try Data((".timeout 10000\n" + String(repeating: query, count: queries)).utf8).write(to: script)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [folder.catalogFile.path]
        process.standardInput = try FileHandle(forReadingFrom: script)
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        var flips = 0
        while process.isRunning, flips < 200 {
            _ = try await writer.recordMetadata(flips.isMultiple(of: 2) ? b : a, environment: "dev")
            flips += 1
        }
        let lines = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(
            separator: "\n")
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(lines.count == queries)
        #expect(lines.allSatisfy { $0 == "1:5" })
        #expect(flips > 0)
    }
}
