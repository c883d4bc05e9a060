import Foundation
import Testing
@testable import TesseraCatalog

/// Dashboard deliveries (`v12_dashboard_deliveries`): a (dashboard, destination, scheduled time)
/// is recorded once however often it is committed, cursors move with the rows in one
/// transaction, a claim makes a row `sending` until it ends, and an outcome is stored.
@Suite struct DeliveryStoreTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func draft(_ key: String, at time: Date) -> DeliveryDraft {
        DeliveryDraft(
            dashboard: "sales.overview", delivery: "deliver[1].to[1]", destinationKey: key,
            destination: "folder reports/", destinationKind: "folder", scheduledAt: time, trigger: "schedule",
            principal: "domain finance")
    }

    @Test func aScheduledTimeIsRecordedOncePerDestination() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        let cursor = DeliveryCursor(destinationKey: "k1", dashboard: "sales.overview", lastTick: Self.now)
        let first = try await catalog.commitDeliveries(
            [Self.draft("k1", at: Self.now), Self.draft("k2", at: Self.now)], cursors: [cursor], at: Self.now)
        #expect(first.map(\.draft.destinationKey) == ["k1", "k2"])
        let again = try await catalog.commitDeliveries(
            [Self.draft("k1", at: Self.now), Self.draft("k1", at: Self.now.addingTimeInterval(60))], cursors: [],
            at: Self.now)
        #expect(again.map(\.draft.scheduledAt) == [Self.now.addingTimeInterval(60)])
        #expect(try await catalog.deliveryCursors() == ["k1": Self.now])
        #expect(try await catalog.deliveries(dashboard: "sales.overview", limit: 10).count == 3)
        #expect(try await catalog.deliveries(dashboard: "sales.other", limit: 10).isEmpty)
    }

    @Test func aClaimedDeliveryIsSendingUntilItsOutcomeIsStored() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        _ = try await catalog.commitDeliveries([Self.draft("k1", at: Self.now)], cursors: [], at: Self.now)
        let later = Self.now.addingTimeInterval(300)
        var claimed = try await catalog.claimDeliveries(dueBy: Self.now, dashboard: nil, until: later, limit: 5)
        #expect(claimed.map(\.state) == [.pending])
        #expect(try await catalog.claimDeliveries(dueBy: Self.now, dashboard: nil, until: later, limit: 5).isEmpty)
        // A claim that never ended (the process stopped) comes back as `sending`.
        let stale = try await catalog.claimDeliveries(dueBy: later, dashboard: nil, until: later, limit: 5)
        #expect(stale.map(\.state) == [.sending])
        claimed[0].state = .delivered
        claimed[0].attempts = 1
        claimed[0].nextAttemptAt = nil
        claimed[0].snapshots = ["sales.orders@1", "sales.refunds@2"]
        claimed[0].fileName = "sales.overview-2027-01-15T0800Z.pdf"
        try await catalog.updateDelivery(claimed[0])
        let stored = try #require(try await catalog.deliveries(dashboard: nil, limit: 1).first)
        #expect(stored.state == .delivered && stored.snapshots == claimed[0].snapshots)
        #expect(stored.fileName == claimed[0].fileName)
        #expect(try await catalog.claimDeliveries(dueBy: later, dashboard: nil, until: later, limit: 5).isEmpty)
    }
}
