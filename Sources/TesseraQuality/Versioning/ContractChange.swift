/// One difference between a published contract and the current one, and what it does to consumers.
public struct ContractChange: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case columnRemoved
        /// A column removed and another added at the same position with the same type: probably a
        /// rename, but for a consumer it is a removal.
        case columnRenamed
        case columnAddedAtEnd
        /// Positional readers (`select *` into a fixed layout, `INSERT … SELECT`) read the wrong column.
        case columnAddedInMiddle
        case columnsReordered
        case typeChanged
        case typeWidened
        case madeRequired
        case madeNullable
        case primaryKeyChanged
        case descriptionChanged
        case classificationChanged
        /// Flagged: the data is now said to be less sensitive than before.
        case classificationLowered
        case maskAdded
        case maskChanged
        case maskRemoved
    }

    public var kind: Kind
    /// The columns concerned, as named in the new contract where they still exist (the old name
    /// first for a rename).
    public var columns: [String]
    public var message: String
    public var isBreaking: Bool

    public init(kind: Kind, columns: [String], message: String, isBreaking: Bool) {
        self.kind = kind
        self.columns = columns
        self.message = message
        self.isBreaking = isBreaking
    }

    public var description: String { (isBreaking ? "breaking: " : "") + message }
}
