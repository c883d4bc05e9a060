import TesseraModel

/// SQL with its macros replaced, and the way back from a position in it to the original file.
public struct MacroExpansion: Hashable, Sendable {
    /// The SQL as the user wrote it.
    public let originalSQL: String
    /// The SQL with every known macro replaced; unknown ones are left as written.
    public let expandedSQL: String
    /// The known macros the SQL uses.
    public let macros: Set<Macro>
    /// One error per unknown `@name`, with the closest known macro as a hint.
    public let diagnostics: [Diagnostic]
    /// Maps expanded positions back to the original text.
    public let sourceMap: SourceMap

    /// Replaces `@start`, `@end`, `@this` and `@env` outside strings, quoted names and comments.
    ///
    /// `@` followed by a name is a macro; DuckDB's `@` absolute-value operator therefore needs a
    /// space (`@ x`) or `abs(x)`.
    public static func expand(_ sql: String, values: MacroValues, file: String = "<sql>") -> MacroExpansion {
        let bytes = Array(sql.utf8)
        let lines = LineIndex(bytes)
        var expanded: [UInt8] = []
        expanded.reserveCapacity(bytes.count)
        var segments: [SourceMap.Segment] = []
        var macros: Set<Macro> = []
        var diagnostics: [Diagnostic] = []
        var copyStart = 0

        func copy(upTo end: Int) {
            guard end > copyStart else { return }
            segments.append(
                .init(
                    expandedStart: expanded.count, originalStart: copyStart, expandedLength: end - copyStart,
                    isMacro: false))
            expanded.append(contentsOf: bytes[copyStart..<end])
        }

        for token in SQLLexer.tokens(bytes) where token.kind == .macro {
            let name = String(decoding: bytes[(token.start + 1)..<token.end], as: UTF8.self)
            guard let macro = Macro(rawValue: name) else {
                let position = lines.location(ofByte: token.start)
                let suggestion = closestName(to: name, among: Macro.allCases.map(\.rawValue))
                let known = Macro.allCases.map(\.description).joined(separator: ", ")
                diagnostics.append(
                    .error(
                        "unknown macro '@\(name)'",
                        at: SourceLocation(file: file, line: position.line, column: position.column),
                        hint: suggestion.map { "did you mean '@\($0)'? The macros are \(known)" }
                            ?? "the macros are \(known); for the absolute value write abs(x)"
                    ))
                continue
            }
            copy(upTo: token.start)
            let replacement = Array(values[macro].utf8)
            segments.append(
                .init(
                    expandedStart: expanded.count, originalStart: token.start, expandedLength: replacement.count,
                    isMacro: true))
            expanded.append(contentsOf: replacement)
            copyStart = token.end
            macros.insert(macro)
        }
        copy(upTo: bytes.count)

        return MacroExpansion(
            originalSQL: sql,
            expandedSQL: String(decoding: expanded, as: UTF8.self),
            macros: macros,
            diagnostics: diagnostics,
            sourceMap: SourceMap(
                segments: segments, originalLength: bytes.count, expandedLength: expanded.count, lines: lines)
        )
    }
}

/// Maps a UTF-8 byte offset in expanded SQL (DuckDB's unit) to the original text.
public struct SourceMap: Hashable, Sendable {
    struct Segment: Hashable, Sendable {
        var expandedStart: Int
        var originalStart: Int
        var expandedLength: Int
        /// A macro's replacement: every position inside it maps to the `@` of the macro.
        var isMacro: Bool
    }

    let segments: [Segment]
    let originalLength: Int
    let expandedLength: Int
    let lines: LineIndex

    /// The byte offset in the original text that an expanded offset comes from.
    public func originalOffset(ofExpandedOffset offset: Int) -> Int {
        guard offset >= 0 else { return 0 }
        // Segments are sorted by expandedStart: find the last one that starts at or before offset.
        var low = 0, high = segments.count - 1, found: Segment?
        while low <= high {
            let middle = (low + high) / 2
            if segments[middle].expandedStart <= offset {
                found = segments[middle]; low = middle + 1
            } else {
                high = middle - 1
            }
        }
        guard let segment = found, offset < segment.expandedStart + segment.expandedLength else {
            return originalLength
        }
        return segment.isMacro ? segment.originalStart : segment.originalStart + (offset - segment.expandedStart)
    }

    /// 1-based line and column (in Unicode scalars, like ``SourceLocation``) in the original text.
    public func originalPosition(ofExpandedOffset offset: Int) -> (line: Int, column: Int) {
        lines.location(ofByte: originalOffset(ofExpandedOffset: offset))
    }
}

/// Line starts of a text, to turn byte offsets into line and column.
struct LineIndex: Hashable, Sendable {
    private let bytes: [UInt8]
    private let lineStarts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(index + 1) }
        lineStarts = starts
    }

    func location(ofByte offset: Int) -> (line: Int, column: Int) {
        let offset = max(0, min(offset, bytes.count))
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let prefix = bytes[lineStarts[low]..<offset]
        return (low + 1, String(decoding: prefix, as: UTF8.self).unicodeScalars.count + 1)
    }
}
