/// Where a text written as a YAML value starts (the SQL of a check, say), so that a position
/// inside the text can be pointed at in the file.
public struct TextLocation: Sendable, Hashable {
    /// Where the text's first character is.
    public var start: SourceLocation
    /// The text is a block (`|` or `>`): its lines are the file's lines from `start` on, each
    /// starting at `start.column`. Otherwise it is on one line (plain or quoted).
    public var isBlock: Bool

    public init(start: SourceLocation, isBlock: Bool) {
        self.start = start
        self.isBlock = isBlock
    }

    /// The place of the UTF-8 byte `offset` of `text`. Exact for plain and block text; for a
    /// quoted text with escapes, or a folded block, it can be a little off.
    public func location(ofByteOffset offset: Int, in text: String) -> SourceLocation {
        let prefix = String(decoding: text.utf8.prefix(max(offset, 0)), as: UTF8.self)
        let lines = prefix.split(separator: "\n", omittingEmptySubsequences: false)
        let column = (lines.last?.unicodeScalars.count ?? 0)
        if lines.count <= 1 {
            return SourceLocation(file: start.file, line: start.line, column: start.column + column)
        }
        let line = start.line + lines.count - 1
        return SourceLocation(file: start.file, line: line, column: (isBlock ? start.column : 1) + column)
    }
}
