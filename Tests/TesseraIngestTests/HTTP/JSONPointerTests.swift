import Foundation
import Testing
@testable import TesseraIngest

@Suite struct JSONPointerTests {
    let document: Any =
        [
            "data": [["id": 1], ["id": 2]],
            "a/b": ["m~n": "escaped"],
            "": "empty name",
            "meta": ["next": NSNull(), "total": 42],
        ] as [String: Any]

    func value(_ pointer: String) throws -> Any? {
        guard case let .found(value) = try JSONPointer(pointer).resolve(in: document) else { return nil }
        return value
    }

    @Test func wholeDocument() throws {
        #expect(try value("") is [String: Any])
    }

    @Test func membersAndIndexes() throws {
        #expect(try (value("/data") as? [Any])?.count == 2)
        #expect(try value("/data/1/id") as? Int == 2)
        #expect(try value("/meta/total") as? Int == 42)
        #expect(try value("/meta/next") is NSNull)
    }

    @Test func escapes() throws {
        #expect(try JSONPointer("/a~1b/m~0n").tokens == ["a/b", "m~n"])
        #expect(try value("/a~1b/m~0n") as? String == "escaped")
        #expect(try value("/") as? String == "empty name")
        // ~01 is "~1", not "/": escapes are undone once, left to right.
        #expect(try JSONPointer("/~01").tokens == ["~1"])
    }

    @Test func invalidPointers() {
        #expect(throws: JSONPointerSyntaxError.self) { try JSONPointer("data") }
        #expect(throws: JSONPointerSyntaxError.self) { try JSONPointer("/a~2") }
        #expect(throws: JSONPointerSyntaxError.self) { try JSONPointer("/a~") }
    }

    @Test func missingSaysWhere() throws {
        func reason(_ pointer: String) throws -> String? {
            guard case let .missing(reason) = try JSONPointer(pointer).resolve(in: document) else { return nil }
            return reason
        }
        #expect(try reason("/results") == "the document has no member 'results'")
        #expect(try reason("/meta/nope") == "'/meta' has no member 'nope'")
        #expect(try reason("/data/2") == "'/data' has 2 items, no index 2")
        #expect(try reason("/data/01") == "'/data' is an array and '01' is not an index")
        #expect(try reason("/data/-") == "'/data' is an array and '-' is not an index")
        #expect(try reason("/meta/total/x") == "'/meta/total' is a number, not an object or array")
    }

    @Test func scalarsFromParsedJSON() throws {
        let parsed = try JSONSerialization.jsonObject(
            with: Data(#"{"t":true,"n":7,"f":2.5,"s":"7","big":9007199254740993}"#.utf8))
        let object = try #require(parsed as? [String: Any])
        #expect(JSONPointer.kind(of: object["t"] as Any) == "a boolean")
        #expect(JSONPointer.kind(of: object["n"] as Any) == "a number")
        #expect(JSONScalar.integer(object["n"] as Any) == 7)
        #expect(JSONScalar.integer(object["s"] as Any) == 7)
        #expect(JSONScalar.integer(object["f"] as Any) == nil)
        #expect(JSONScalar.integer(object["t"] as Any) == nil)
        #expect(JSONScalar.text(object["big"] as Any) == "9007199254740993")
        #expect(JSONScalar.text(object["f"] as Any) == "2.5")
        #expect(JSONScalar.text(object["t"] as Any) == nil)
    }
}
