import Foundation

/// Constants every event and facet carries.
public enum OpenLineage {
    /// The `producer` of every event and facet: a URI naming the software that emitted it.
    public static let producer = "urn:tessera"

    /// A new run id: OpenLineage wants a UUID (the spec recommends v7; any UUID is valid).
    public static func runID() -> String { UUID().uuidString.lowercased() }

    public static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
    }
}
