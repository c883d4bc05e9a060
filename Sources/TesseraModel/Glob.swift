/// A file pattern as file connectors take it: `*` (within a folder), `**` (any folders), `?`,
/// character classes `[abc]`, `[a-z]`, `[!a]` and `\` to escape the next character.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String

    public init(parsing pattern: String) throws(GlobError) {
        if let problem = Glob.problem(in: pattern) { throw problem }
        self.pattern = pattern
    }

    public var description: String { pattern }

    /// True when the pattern has no wildcard: it names one file.
    public var isLiteral: Bool { !pattern.contains(where: { "*?[".contains($0) }) }

    static func problem(in pattern: String) -> GlobError? {
        func fail(_ reason: String, _ offset: Int) -> GlobError {
            GlobError(pattern: pattern, reason: reason, offset: offset)
        }
        guard !pattern.isEmpty else { return fail("the pattern is empty", 0) }
        let characters = Array(pattern)
        var index = 0
        while index < characters.count {
            switch characters[index] {
            case "\\":
                guard index + 1 < characters.count else { return fail("'\\' at the end escapes nothing", index) }
                index += 2
            case "[":
                let open = index
                index += 1
                if index < characters.count, characters[index] == "!" || characters[index] == "^" { index += 1 }
                // A `]` right after `[` or `[!` is a literal member, as in POSIX.
                if index < characters.count, characters[index] == "]" { index += 1 }
                var members = 0
                while index < characters.count, characters[index] != "]" {
                    if characters[index] == "/" {
                        return fail("'[' at position \(open + 1) is not closed before '/'", open)
                    }
                    if characters[index] == "-", members > 0, index + 1 < characters.count, characters[index + 1] != "]"
                    {
                        let low = characters[index - 1], high = characters[index + 1]
                        if low > high { return fail("range '\(low)-\(high)' is reversed", index - 1) }
                    }
                    members += 1
                    index += 1
                }
                guard index < characters.count else { return fail("'[' at position \(open + 1) is not closed", open) }
                index += 1
            case "]":
                return fail("']' at position \(index + 1) has no matching '['", index)
            case "*":
                var run = 0
                while index < characters.count, characters[index] == "*" { run += 1; index += 1 }
                if run > 2 {
                    return fail("'\(String(repeating: "*", count: run))' is not a wildcard (use * or **)", index - run)
                }
            default:
                index += 1
            }
        }
        return nil
    }
}

public struct GlobError: Error, Sendable, Hashable, CustomStringConvertible {
    public let pattern: String
    public let reason: String
    /// 0-based character offset of the problem in the pattern.
    public let offset: Int
    public var description: String { reason }
}
