import Foundation

/// A JSON pointer (RFC 6901): `""` is the whole document, `/data/items` a path of member
/// names and array indexes, `~1` a literal `/` and `~0` a literal `~` inside a name.
struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    let tokens: [String]
    let description: String

    init(_ text: String) throws(JSONPointerSyntaxError) {
        description = text
        guard !text.isEmpty else {
            tokens = []
            return
        }
        guard text.hasPrefix("/") else {
            throw JSONPointerSyntaxError(pointer: text, reason: "it must be empty or start with /")
        }
        tokens = try text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            raw throws(JSONPointerSyntaxError) in
            try JSONPointer.unescape(raw, in: text)
        }
    }

    private static func unescape(_ token: Substring, in pointer: String) throws(JSONPointerSyntaxError) -> String {
        guard token.contains("~") else { return String(token) }
        var result = ""
        var iterator = token.makeIterator()
        while let character = iterator.next() {
            guard character == "~" else {
                result.append(character)
                continue
            }
            switch iterator.next() {
            case "0": result.append("~")
            case "1": result.append("/")
            default:
                throw JSONPointerSyntaxError(pointer: pointer, reason: "~ must be followed by 0 (for ~) or 1 (for /)")
            }
        }
        return result
    }

    enum Resolution {
        case found(Any)
        /// Nothing there; `reason` says where the path stopped, e.g. `'/meta' has no member 'next'`.
        case missing(reason: String)
    }

    /// Resolves the pointer in a document made by `JSONSerialization`.
    func resolve(in document: Any) -> Resolution {
        var current = document
        var walked = ""
        for token in tokens {
            let here = walked.isEmpty ? "the document" : "'\(walked)'"
            walked += "/" + JSONPointer.escape(token)
            if let object = current as? [String: Any] {
                guard let member = object[token] else { return .missing(reason: "\(here) has no member '\(token)'") }
                current = member
            } else if let array = current as? [Any] {
                guard let index = JSONPointer.arrayIndex(token) else {
                    return .missing(reason: "\(here) is an array and '\(token)' is not an index")
                }
                guard index < array.count else {
                    return .missing(reason: "\(here) has \(array.count) items, no index \(index)")
                }
                current = array[index]
            } else {
                return .missing(reason: "\(here) is \(JSONPointer.kind(of: current)), not an object or array")
            }
        }
        return .found(current)
    }

    /// RFC 6901 indexes: `0` or digits without a leading zero; `-` (past the end) never resolves.
    private static func arrayIndex(_ token: String) -> Int? {
        guard let first = token.first, token.allSatisfy({ ("0"..."9").contains($0) }), first != "0" || token.count == 1
        else { return nil }
        return Int(token)
    }

    static func escape(_ token: String) -> String {
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// What a JSON value is, for messages: `an object`, `a string`, `null` …
    static func kind(of value: Any) -> String {
        switch value {
        case is [String: Any]: "an object"
        case is [Any]: "an array"
        case is String: "a string"
        case is NSNull: "null"
        case let number as NSNumber: JSONScalar.isBoolean(number) ? "a boolean" : "a number"
        default: "a value"
        }
    }
}

struct JSONPointerSyntaxError: Error, Sendable, Hashable {
    let pointer: String
    let reason: String
}

/// Reading scalar values out of `JSONSerialization` output.
enum JSONScalar {
    /// JSONSerialization returns booleans as NSNumber; their ObjC type is `c` on every platform.
    static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }

    private static let integerTypes: Set<String> = ["c", "s", "i", "l", "q", "C", "S", "I", "L", "Q"]

    /// A whole number, from a JSON number or a string of digits; nil for anything else.
    static func integer(_ value: Any) -> Int? {
        if let number = value as? NSNumber, !isBoolean(number) {
            if integerTypes.contains(String(cString: number.objCType)) { return Int(exactly: number.int64Value) }
            let double = number.doubleValue
            guard double.rounded() == double, abs(double) < 9e15 else { return nil }
            return Int(double)
        }
        if let text = value as? String { return Int(text.trimmingCharacters(in: .whitespaces)) }
        return nil
    }

    /// A string or number as the text to send back to the server; nil for other kinds.
    static func text(_ value: Any) -> String? {
        if let text = value as? String { return text }
        if let number = value as? NSNumber, !isBoolean(number) {
            return integer(number).map { String($0) } ?? number.stringValue
        }
        return nil
    }
}
