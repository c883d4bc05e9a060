import Foundation
import Testing
import TesseraCore
import TesseraModel

/// How a backfill's range is split and its chunks move on, without a catalog: chunks are whole
/// numbers of seconds from the start (UTC, so a day is always 86,400 s), the last one shorter
/// when the range is not a multiple; an interrupted chunk runs again, a failed one stops the
/// backfill, cancelling and resuming change only what they should.
@Suite struct BackfillChunkingTests {
    static func time(_ text: String) throws -> Date { try #require(BackfillChunking.time(text)) }

    @Test func aRangeSplitsIntoWholeDaysByDefault() throws {
        let start = try Self.time("2026-11-01"), end = try Self.time("2026-11-06")
        let chunks = BackfillChunking.chunks(start: start, end: end, seconds: BackfillChunking.defaultChunk.seconds)
        #expect(chunks.count == 5)
        #expect(BackfillChunking.count(start: start, end: end, seconds: 86_400) == 5)
        #expect(chunks.first?.start == start && chunks.last?.end == end)
        for (chunk, next) in zip(chunks, chunks.dropFirst()) { #expect(chunk.end == next.start) }
        #expect(chunks.map { BackfillChunking.text(start: $0.start, end: $0.end) }[2] == "[2026-11-03, 2026-11-04)")
    }

    @Test func daysAcrossAClockChangeAreStill86400Seconds() throws {
        // Europe's clocks went forward on 2026-03-29 and back on 2026-10-25: UTC days do not notice.
        for (from, to) in [("2026-03-28", "2026-03-31"), ("2026-10-24", "2026-10-27")] {
            let chunks = BackfillChunking.chunks(start: try Self.time(from), end: try Self.time(to), seconds: 86_400)
            #expect(chunks.count == 3)
            #expect(chunks.allSatisfy { $0.end.timeIntervalSince($0.start) == 86_400 })
            #expect(chunks.allSatisfy { Timestamps.text($0.start).hasSuffix(" 00:00:00") })
        }
    }

    @Test func aRangeNotDivisibleByTheChunkEndsWithAShorterOne() throws {
        let start = try Self.time("2026-11-01T06:00:00Z"), end = try Self.time("2026-11-16T00:00:00Z")
        let week = try BackfillChunking.chunk("7d").seconds
        let chunks = BackfillChunking.chunks(start: start, end: end, seconds: week)
        #expect(chunks.count == 3)
        #expect(BackfillChunking.count(start: start, end: end, seconds: week) == 3)
        #expect(chunks.map { $0.end.timeIntervalSince($0.start) } == [604_800, 604_800, 64_800])
        #expect(BackfillChunking.text(chunks[1].start) == "2026-11-08 06:00:00")
        let hours = BackfillChunking.chunks(
            start: start, end: start.addingTimeInterval(5_400), seconds: try BackfillChunking.chunk("1h").seconds)
        #expect(hours.map { $0.end.timeIntervalSince($0.start) } == [3_600, 1_800])
        #expect(BackfillChunking.chunks(start: end, end: start, seconds: 3_600).isEmpty)
    }

    @Test func chunkSizesAndTimesAreCheckedWithAReason() throws {
        #expect(try BackfillChunking.chunk("1d12h").seconds == 129_600)
        for (text, reason) in [("1x", "'x' is not a unit"), ("30s", "shorter than a minute"), ("", "it is empty")] {
            let error = #expect(throws: CoreError.self) { try BackfillChunking.chunk(text) }
            #expect(error?.message.contains(reason) == true, "\(error?.message ?? "")")
        }
        #expect(BackfillChunking.time("2026-11-01T06:00:00+02:00") == (try Self.time("2026-11-01T04:00:00Z")))
        #expect(BackfillChunking.time("yesterday") == nil)
        let error = #expect(throws: CoreError.self) { try BackfillChunking.time("11/01/2026", field: "start") }
        #expect(error?.message == "start '11/01/2026' is not a date or time.")
    }

    func record(chunks: Int) throws -> BackfillRecord {
        let start = try Self.time("2026-11-01")
        let parts = BackfillChunking.chunks(
            start: start, end: start.addingTimeInterval(Double(chunks) * 86_400), seconds: 86_400)
        return BackfillRecord(
            environment: "dev", selection: .init(include: ["shop.daily"]), start: start,
            end: start.addingTimeInterval(Double(chunks) * 86_400), chunkSeconds: 86_400, driver: .service,
            requestedBy: "ana", reason: "test", createdAt: start, domains: ["shop"],
            nodes: [NodeID(.model, "shop", "daily")],
            chunks: parts.enumerated().map { .init(index: $0.offset, start: $0.element.start, end: $0.element.end) })
    }

    @Test func chunksRunOneAtATimeOldestFirstAndAnInterruptedOneAgain() throws {
        var backfill = try record(chunks: 3)
        let now = Date()
        #expect(BackfillProgress.next(&backfill, at: now) == 0)
        #expect(BackfillProgress.next(&backfill, at: now) == nil, "one chunk at a time")
        BackfillProgress.settle(&backfill, chunk: 0, outcome: .open, at: now)
        #expect(backfill.chunks[0].state == .running)
        BackfillProgress.settle(&backfill, chunk: 0, outcome: .succeeded(runID: "r1"), at: now)
        #expect(BackfillProgress.next(&backfill, at: now) == 1)
        BackfillProgress.settle(&backfill, chunk: 1, outcome: .interrupted(runID: "r2"), at: now)
        #expect(backfill.chunks[1].state == .pending && backfill.state == .running)
        #expect(BackfillProgress.next(&backfill, at: now) == 1)
        #expect(backfill.chunks[1].attempts == 2)
        BackfillProgress.settle(&backfill, chunk: 1, outcome: .succeeded(runID: "r3"), at: now)
        #expect(BackfillProgress.next(&backfill, at: now) == 2)
        BackfillProgress.settle(&backfill, chunk: 2, outcome: .succeeded(runID: "r4"), at: now)
        #expect(BackfillProgress.next(&backfill, at: now) == nil)
        #expect(backfill.state == .succeeded)
        #expect(backfill.chunks.map(\.runID) == ["r1", "r3", "r4"])
        #expect(backfill.chunks.map(\.attempts) == [1, 2, 1])
    }

    @Test func aFailedChunkStopsTheBackfillAndResumeGoesOnFromIt() throws {
        var backfill = try record(chunks: 3)
        let now = Date()
        _ = BackfillProgress.next(&backfill, at: now)
        BackfillProgress.settle(&backfill, chunk: 0, outcome: .succeeded(runID: "r1"), at: now)
        _ = BackfillProgress.next(&backfill, at: now)
        BackfillProgress.settle(&backfill, chunk: 1, outcome: .failed(runID: "r2", error: "shop.daily: boom"), at: now)
        #expect(backfill.state == .failed)
        #expect(backfill.error == "chunk 2 of 3 [2026-11-02, 2026-11-03) failed: shop.daily: boom")
        #expect(BackfillProgress.next(&backfill, at: now) == nil)
        try BackfillProgress.resume(&backfill, driver: .service, owner: nil, ownerDead: false, at: now)
        #expect(backfill.state == .running && backfill.error == nil)
        #expect(backfill.chunks.map(\.state) == [.succeeded, .pending, .pending])
        #expect(BackfillProgress.next(&backfill, at: now) == 1)
    }

    @Test func cancellingStopsTheRunningChunkAndCancelsTheRest() throws {
        var backfill = try record(chunks: 3)
        let now = Date()
        _ = BackfillProgress.next(&backfill, at: now)
        backfill.chunks[0].queuedRunID = "q1"
        #expect(BackfillProgress.cancel(&backfill, at: now) == "q1")
        #expect(backfill.state == .cancelled)
        #expect(backfill.chunks.map(\.state) == [.running, .cancelled, .cancelled])
        // Resuming while its run stops is refused; once it stopped, the backfill goes on from it.
        #expect(throws: CoreError.self) {
            try BackfillProgress.resume(&backfill, driver: .service, owner: nil, ownerDead: false, at: now)
        }
        BackfillProgress.settle(&backfill, chunk: 0, outcome: .interrupted(runID: "r1"), at: now)
        #expect(backfill.chunks[0].state == .cancelled, "a cancelled backfill's stopped run is cancelled")
        #expect(BackfillProgress.cancel(&backfill, at: now) == nil, "cancelling twice changes nothing")
        try BackfillProgress.resume(&backfill, driver: .service, owner: nil, ownerDead: false, at: now)
        #expect(backfill.chunks.map(\.state) == [.pending, .pending, .pending])
        #expect(BackfillProgress.next(&backfill, at: now) == 0)
        #expect(backfill.chunks[0].attempts == 1)
    }

    @Test func aChunkInterruptedTooOftenFailsTheBackfill() throws {
        var backfill = try record(chunks: 1)
        let now = Date()
        for _ in 1...BackfillProgress.maximumAttempts {
            #expect(BackfillProgress.next(&backfill, at: now) == 0)
            BackfillProgress.settle(&backfill, chunk: 0, outcome: .interrupted(runID: nil), at: now)
        }
        #expect(backfill.state == .failed)
        #expect(backfill.error?.contains("interrupted 3 times") == true, "\(backfill.error ?? "")")
    }
}
