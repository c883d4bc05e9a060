import Foundation
import GRDB
import Testing
@testable import TesseraCatalog

/// The alerts outbox (`v8_alerts`): rows appended pending and due at once, claimed by one sender
/// at a time (a claim moves the next attempt; a killed sender's alerts are due again after it),
/// updated by each attempt, listed newest first.
@Suite struct AlertOutboxTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func draft(_ event: String, run: String?, webhook: String = "tessera.yaml alerts[1]") -> AlertDraft {
        AlertDraft(
            event: event, domain: "sales", node: "sales.orders", runID: run, createdAt: now,
            payload: #"{"event":"\#(event)"}"#, webhook: webhook, webhookKey: "0123456789abcdef")
    }

    @Test func appendedAlertsAreClaimedOnceUntilTheClaimEnds() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        try await catalog.appendAlerts([Self.draft("run_failed", run: "r1"), Self.draft("drift", run: "r2")])
        #expect(
            try await catalog.claimAlerts(
                dueBy: Self.now.addingTimeInterval(-1), runID: nil, until: Self.now, limit: 10
            ).isEmpty)
        let mine = try await catalog.claimAlerts(
            dueBy: Self.now, runID: "r1", until: Self.now.addingTimeInterval(60), limit: 10)
        #expect(mine.map(\.draft.event) == ["run_failed"])
        #expect(mine.first?.state == .pending && mine.first?.attempts == 0)
        let others = try await catalog.claimAlerts(
            dueBy: Self.now.addingTimeInterval(30), runID: nil, until: Self.now.addingTimeInterval(90), limit: 10)
        #expect(others.map(\.draft.event) == ["drift"], "r1's alert is claimed until +60 s")
        let again = try await catalog.claimAlerts(
            dueBy: Self.now.addingTimeInterval(61), runID: nil, until: Self.now.addingTimeInterval(121), limit: 10)
        #expect(again.map(\.draft.event) == ["run_failed"], "a claim that was never settled ends")
    }

    @Test func anAttemptIsStoredAndListedNewestFirst() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: folder.catalogFile)
        try await catalog.appendAlerts([Self.draft("run_failed", run: "r1"), Self.draft("warn_checks", run: "r1")])
        var first = try #require(
            try await catalog.claimAlerts(dueBy: Self.now, runID: nil, until: Self.now.addingTimeInterval(60), limit: 1)
                .first)
        first.state = .failed
        first.attempts = 1
        first.nextAttemptAt = nil
        first.lastError = "HTTP 404 from hooks.example.com"
        first.updatedAt = Self.now.addingTimeInterval(1)
        try await catalog.updateAlert(first)
        let listed = try await catalog.alerts(limit: 10)
        #expect(listed.map(\.draft.event) == ["warn_checks", "run_failed"])
        #expect(listed.last == first)
        #expect(
            try await catalog.claimAlerts(
                dueBy: Self.now.addingTimeInterval(3_600), runID: nil, until: Self.now, limit: 10
            )
            .map(\.draft.event) == ["warn_checks"], "a failed alert is never claimed again")
        var unknown = first
        unknown.id = 999
        await #expect(throws: CatalogError.self) { try await catalog.updateAlert(unknown) }
    }
}
