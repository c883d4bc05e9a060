/// How sensitive a product column is.
public enum Classification: String, Sendable, Hashable, CaseIterable, Comparable {
    case `public`
    case `internal`
    case confidential
    case pii

    public static func < (lhs: Classification, rhs: Classification) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
