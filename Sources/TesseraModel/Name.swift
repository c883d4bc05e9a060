/// The naming rule of the mesh: lower snake_case, `[a-z][a-z0-9_]*`.
public enum Name {
    public static let rule = "[a-z][a-z0-9_]*"

    public static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// A valid name close to `name` ("Order Items" → "order_items"), or nil if none can be made.
    public static func suggestion(for name: String) -> String? {
        var result = ""
        var previousWasLowerOrDigit = false
        for scalar in name.unicodeScalars {
            if ("A"..."Z").contains(scalar) {
                if previousWasLowerOrDigit { result += "_" }
                result += String(scalar).lowercased()
                previousWasLowerOrDigit = false
            } else if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                result.unicodeScalars.append(scalar)
                previousWasLowerOrDigit = true
            } else {
                if !result.isEmpty, !result.hasSuffix("_") { result += "_" }
                previousWasLowerOrDigit = false
            }
        }
        while result.hasSuffix("_") { result.removeLast() }
        while let first = result.unicodeScalars.first, !("a"..."z").contains(first) { result.removeFirst() }
        return isValid(result) && result != name ? result : nil
    }
}
