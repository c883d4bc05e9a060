/// "1 row", "2 rows": a count and its noun as people write them in messages.
public func counted(_ count: some BinaryInteger, _ singular: String, _ plural: String? = nil) -> String {
    "\(count) \(count == 1 ? singular : (plural ?? singular + "s"))"
}

/// The noun alone, for a count written some other way (e.g. with thousands separators).
public func noun(for count: some BinaryInteger, _ singular: String, _ plural: String? = nil) -> String {
    count == 1 ? singular : (plural ?? singular + "s")
}
