/// The `retention:` block of a product: which earlier snapshots stay on disk.
///
/// A snapshot is kept when it is among the newest `keep` or younger than `maxAge`; garbage
/// collection never removes the current snapshot, the newest snapshot of a previous major
/// version that is not retired, or a snapshot a running process reads.
public struct Retention: Sendable, Hashable {
    /// How many of the newest snapshots to keep, whatever their age.
    public var keep: Int
    /// Snapshots younger than this are kept; nil: age does not keep a snapshot.
    public var maxAge: TimeSpan?

    public init(keep: Int = Retention.defaultKeep, maxAge: TimeSpan? = Retention.defaultMaxAge) {
        self.keep = keep
        self.maxAge = maxAge
    }

    public static let defaultKeep = 5
    public static let defaultMaxAge: TimeSpan? = TimeSpan(seconds: 7 * 86_400)
}
