import Foundation
import TesseraService
import TesseraTesting
import Testing

/// One service per environment folder, and the clock tests give it.
@Suite struct ServeLockTests {
    @Test func aSecondLockIsRefusedWithTheHoldersInfoUntilReleased() throws {
        let dir = try TemporaryDirectory()
        let started = Date(timeIntervalSince1970: 1_800_000_000)
        let lock = try ServeLock(folder: dir.url, info: .init(pid: 4242, started: started, instance: "one"))
        #expect(ServeLock.holder(in: dir.url)?.pid == 4242)
        #expect(throws: ServeLock.Failure.self) {
            try ServeLock(folder: dir.url, info: .init(pid: 1, started: Date(), instance: "two"))
        }
        do {
            _ = try ServeLock(folder: dir.url, info: .init(pid: 1, started: Date(), instance: "two"))
        } catch {
            guard case .held(let info) = error else { Issue.record("expected held, got \(error)"); return }
            #expect(info?.instance == "one")
            #expect(info?.started == started)
        }
        lock.release()
        #expect(ServeLock.holder(in: dir.url) == nil)
        #expect(!FileManager.default.fileExists(atPath: ServeLock.infoFile(in: dir.url).path))
        let again = try ServeLock(folder: dir.url, info: .init(pid: 7, started: Date(), instance: "three"))
        #expect(ServeLock.holder(in: dir.url)?.instance == "three")
        again.release()
    }

    @Test func theFileClockTicksWhenItsFileChanges() throws {
        let dir = try TemporaryDirectory()
        let file = dir.url.appendingPathComponent("clock.txt")
        try dir.write("clock.txt", "2026-12-06T06:00:00Z\n")
        let clock = FileClock(file: file)
        #expect(clock.now() == ISO8601DateFormatter().date(from: "2026-12-06T06:00:00Z"))
        let first = clock.mark()
        #expect(clock.mark() == first)
        try dir.write("clock.txt", "2026-12-06T06:00:30.500Z")
        #expect(clock.mark() != first)
        #expect(clock.now().timeIntervalSince1970.truncatingRemainder(dividingBy: 1) == 0.5)
        // An unreadable time keeps the last one read.
        try dir.write("clock.txt", "not a time")
        #expect(clock.now().timeIntervalSince1970.truncatingRemainder(dividingBy: 1) == 0.5)
    }
}
