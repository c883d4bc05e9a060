/// A TIME WITH TIME ZONE: a time of day and its offset from UTC.
public struct DuckDBTimeTZ: Hashable, Sendable, CustomStringConvertible {
    public var time: DuckDBTime
    /// Seconds east of UTC.
    public var offsetSeconds: Int32

    public init(time: DuckDBTime, offsetSeconds: Int32) {
        self.time = time
        self.offsetSeconds = offsetSeconds
    }

    public var description: String { time.description + formatOffset(offsetSeconds) }
}
