import Foundation
import Testing
@testable import TesseraCatalog

/// The token format: `tsr_`, a 12-digit hex id, 32 random bytes in base64url; parsing refuses
/// anything else, and a secret matches only its own hash.
@Suite struct TokenTextTests {
    @Test func aGeneratedTokenParsesBackAndMatchesItsHash() throws {
        let token = TokenText.generate()
        #expect(token.text.hasPrefix("tsr_"))
        #expect(token.text.count == 4 + 12 + 1 + 43)
        let parsed = try #require(TokenText(parsing: token.text))
        #expect(parsed.id == token.id)
        #expect(parsed.matches(hash: token.hash))
        #expect(!TokenText.generate().matches(hash: token.hash))
        #expect(!parsed.matches(hash: String(token.hash.dropLast())))
    }

    @Test func tokensAreDifferentEveryTime() {
        let texts = Set((0..<200).map { _ in TokenText.generate().text })
        let ids = Set(texts.map { String($0.dropFirst(4).prefix(12)) })
        #expect(texts.count == 200)
        #expect(ids.count == 200)
    }

    @Test func malformedTextsAreRefused() {
        let good = TokenText.generate().text
        let bad = [
            "", "tsr_", "token", good.replacingOccurrences(of: "tsr_", with: "tsx_"), String(good.dropLast()),
            good + "A", "tsr_ABCDEF012345_" + String(good.suffix(43)), "tsr_0123456789ab-" + String(good.suffix(43)),
            "tsr_0123456789ab_" + String(repeating: "!", count: 43),
        ]
        for text in bad { #expect(TokenText(parsing: text) == nil, "\(text)") }
    }

    @Test func printingATokenShowsItsIdOnly() {
        let token = TokenText.generate()
        #expect("\(token)" == "token \(token.id)")
        #expect(String(reflecting: token) == "token \(token.id)")
    }
}
