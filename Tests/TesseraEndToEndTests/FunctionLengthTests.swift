import Foundation
import Testing

/// Functions short enough to read at once: none in `Sources/` grows past 60 lines.
@Suite struct FunctionLengthTests {
    static let limit = 60

    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// Every function or initializer in `Sources/` longer than the limit, by brace counting from
    /// its declaration (enough for this code base: braces in strings are balanced in practice).
    static func longFunctions() throws -> [String: Int] {
        var found: [String: Int] = [:]
        let declaration = try Regex(
            #"^\s*(?:(?:public|private|internal|fileprivate|static|mutating|override|nonisolated|convenience|@discardableResult|@inline\(__always\))\s+)*(?:func |init\(|init<)"#
        )
        let sources = root.appendingPathComponent("Sources")
        for case let file as URL in FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
            ?? .init()
        where file.pathExtension == "swift" {
            let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
            for (start, line) in lines.enumerated() where (try? declaration.firstMatch(in: line)) != nil {
                guard let length = length(from: start, in: lines), length > limit else { continue }
                let relative = file.path.replacingOccurrences(of: root.path + "/", with: "")
                found["\(relative): \(line.trimmingCharacters(in: .whitespaces))"] = length
            }
        }
        return found
    }

    /// Lines from the declaration to its closing brace; braces inside string literals (`"${"`,
    /// JSON in a multi-line string) do not count.
    static func length(from start: Int, in lines: [String]) -> Int? {
        var depth = 0, opened = false, inMultiline = false
        for index in start..<lines.count {
            let line = lines[index]
            if line.contains("\"\"\"") {
                inMultiline.toggle()
                continue
            }
            if inMultiline { continue }
            var inString = false, escaped = false
            for character in line {
                if inString {
                    if escaped {
                        escaped = false
                    } else if character == "\\" {
                        escaped = true
                    } else if character == "\"" {
                        inString = false
                    }
                } else if character == "\"" {
                    inString = true
                } else if character == "{" {
                    depth += 1
                    opened = true
                } else if character == "}" {
                    depth -= 1
                }
            }
            if opened, depth <= 0 { return index - start + 1 }
        }
        return nil
    }

    @Test func noFunctionGrowsPastTheLimit() throws {
        for (function, length) in try Self.longFunctions().sorted(by: { $0.key < $1.key }) {
            Issue.record("\(function) is \(length) lines (at most \(Self.limit)): split it into named steps")
        }
    }
}
