/// Why a run failed, as far as retrying is concerned.
public enum FailureKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// The world was briefly unavailable: a connection refused or reset, a timeout, an HTTP 5xx or
    /// 429, a warehouse busy with another process. Retried under the node's `retries:`.
    case transient
    /// The data was wrong: a contract or an error check failed, rows were rejected, a key was
    /// duplicated. Never retried: the same data fails the same way.
    case data
    /// Anything else (the project is wrong, SQL does not bind, an internal error): not retried.
    case other
}
