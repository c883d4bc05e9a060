/// The candidate closest to `name` by edit distance, if it is close enough to be a plausible typo.
///
/// The cutoff grows with the length of the name: one edit up to three characters, then two, or a
/// third of the length for long names. A candidate that differs only in case always qualifies. Ties go to the
/// first candidate in `among`, so callers control precedence by their order.
public func closestName(to name: String, among candidates: [String]) -> String? {
    guard !name.isEmpty else { return nil }
    let lowered = name.lowercased()
    if let sameIgnoringCase = candidates.first(where: { $0.lowercased() == lowered && $0 != name }) {
        return sameIgnoringCase
    }
    let cutoff = lowered.count <= 3 ? 1 : max(2, lowered.count / 3)
    var best: (name: String, distance: Int)?
    for candidate in candidates where candidate != name {
        let distance = editDistance(lowered, candidate.lowercased())
        guard distance <= cutoff else { continue }
        if distance < (best?.distance ?? .max) { best = (candidate, distance) }
    }
    return best?.name
}

/// Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions.
func editDistance(_ lhs: String, _ rhs: String) -> Int {
    let a = Array(lhs.unicodeScalars), b = Array(rhs.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                value = min(value, previous2[j - 2] + 1)
            }
            current[j] = value
        }
        (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count]
}

/// A `did you mean 'x'?` hint, or nil when nothing is close.
func didYouMean(_ name: String, among candidates: [String]) -> String? {
    closestName(to: name, among: candidates).map { "did you mean '\($0)'?" }
}
