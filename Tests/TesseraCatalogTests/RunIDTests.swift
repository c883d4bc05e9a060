import Foundation
import Testing
import TesseraCatalog

@Suite struct RunIDTests {
    @Test func isTheUTCSecondThenFourHexDigits() throws {
        let id = RunID.make(now: Fixtures.start)
        #expect(id.hasPrefix("20261123T101500Z-"))
        let suffix = id.dropFirst("20261123T101500Z-".count)
        #expect(suffix.count == 4)
        #expect(suffix.allSatisfy { $0.isHexDigit && !$0.isUppercase })
    }

    @Test func sortsByTime() {
        let ids = (0..<50).map { RunID.make(now: Fixtures.start.addingTimeInterval(Double($0) * 3_601)) }
        #expect(ids == ids.sorted())
    }

    /// A scheduler tick queues a run per due node, thousands in one second: none may share an id.
    @Test func aProcessNeverRepeatsAnIdWithinASecond() {
        let second = Fixtures.start.addingTimeInterval(86_400 * 400)
        let ids = (0..<5_000).map { _ in RunID.make(now: second) }
        #expect(Set(ids).count == ids.count)
    }
}
