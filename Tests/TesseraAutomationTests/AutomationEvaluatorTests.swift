import Foundation
import Testing
import TesseraAutomation
import TesseraModel

/// The evaluator's verdicts, one case each, at a fixed time.
@Suite("Automation evaluator")
struct AutomationEvaluatorTests {
    static func time(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text))
    }
}
