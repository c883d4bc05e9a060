import Testing
@testable import TesseraSQL

@Suite struct JSONParserTests {
    @Test func parsesEveryKindOfValue() {
        let value = JSONValue.parse(
            #" {"a": [1, -2, 18446744073709551615, 1.5e3, true, false, null], "b": {"c": "x\"y\\n\u00e9\ud83d\ude00"}} "#
        )
        #expect(
            value
                == .object([
                    "a": .array([.int(1), .int(-2), .uint(UInt64.max), .double(1500), .bool(true), .bool(false), .null]
                    ),
                    "b": .object(["c": .string("x\"y\\n\u{e9}😀")]),
                ]))
    }

    @Test func rejectsWhatIsNotJSON() {
        for text in ["", "{", "[1,]", "{\"a\" 1}", "tru", "\"open", "1 2", "{\"a\":1}}"] {
            #expect(JSONValue.parse(text) == nil, "\(text)")
        }
    }
}

@Suite struct FingerprintTextTests {
    @Test func positionsAreDroppedAndNothingElse() {
        let json =
            #"{"a":1,"query_location":18446744073709551615,"query_location_length":3,"query_locationx":2,"b":"query_location"}"#
        #expect(SQLAnalyzer.strippingPositions(json) == #"{"a":1,"query_locationx":2,"b":"query_location"}"#)
    }
}
