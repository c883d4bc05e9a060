import Yams

extension Node {
    var isNull: Bool {
        if case .scalar = self { return tagName == .null }
        return false
    }

    var kindDescription: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar:
            switch tagName {
            case .null: return "nothing (null)"
            case .bool: return "true/false"
            case .int, .float: return "a number"
            default: return "a string"
            }
        }
    }

    /// The value as written for scalars ("'maybe'"), the kind for the rest ("a list").
    var valueDescription: String {
        if case let .scalar(scalar) = self, tagName != .null { return "'\(scalar.string)'" }
        return kindDescription
    }
}

extension Node {
    /// The resolved tag's name (`Tag.name` itself is internal to Yams).
    var tagName: Tag.Name { Tag.Name(rawValue: tag.rawValue) }
}
