/// A name or a pattern of one in a selector: `*` matches any characters, `?` one.
enum NamePattern {
    static func matches(_ pattern: String, _ name: String) -> Bool {
        guard pattern.contains(where: { $0 == "*" || $0 == "?" }) else { return pattern == name }
        return matches(Array(pattern.utf8)[...], Array(name.utf8)[...])
    }

    private static func matches(_ pattern: ArraySlice<UInt8>, _ name: ArraySlice<UInt8>) -> Bool {
        guard let first = pattern.first else { return name.isEmpty }
        switch first {
        case UInt8(ascii: "*"):
            let rest = pattern.dropFirst()
            var tail = name
            while true {
                if matches(rest, tail) { return true }
                guard !tail.isEmpty else { return false }
                tail = tail.dropFirst()
            }
        case UInt8(ascii: "?"):
            return !name.isEmpty && matches(pattern.dropFirst(), name.dropFirst())
        default:
            return name.first == first && matches(pattern.dropFirst(), name.dropFirst())
        }
    }
}
