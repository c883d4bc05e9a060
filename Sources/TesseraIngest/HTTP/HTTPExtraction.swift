import Foundation

/// What an extraction did: the page files in order, and the counts a load reports.
public struct HTTPExtraction: Sendable, Hashable {
    /// One file per response body, byte for byte, in the order fetched.
    public var pages: [URL]
    /// Records found at the `records` pointer, over all pages.
    public var records: Int
    /// Body bytes written, over all pages.
    public var bytes: Int
    /// Requests sent, retries included.
    public var requests: Int
    /// Requests that were retries of a failed one.
    public var retries: Int
    public var end: HTTPPaginationEnd

    public init(pages: [URL], records: Int, bytes: Int, requests: Int, retries: Int, end: HTTPPaginationEnd) {
        self.pages = pages
        self.records = records
        self.bytes = bytes
        self.requests = requests
        self.retries = retries
        self.end = end
    }
}

/// Reported after every page and before every retry, with the running totals.
public struct HTTPExtractProgress: Sendable, Hashable {
    public enum Event: Sendable, Hashable {
        /// Page `number` (from 1) was written.
        case page(number: Int, records: Int, bytes: Int)
        /// Attempt `attempt` failed with `cause` (redacted, e.g. `503 Service Unavailable`);
        /// the next one starts after `wait`.
        case retry(attempt: Int, maxAttempts: Int, cause: String, wait: Duration)
    }

    public var event: Event
    public var pages: Int
    public var records: Int
    public var bytes: Int
    public var requests: Int
    public var retries: Int

    public init(event: Event, pages: Int, records: Int, bytes: Int, requests: Int, retries: Int) {
        self.event = event
        self.pages = pages
        self.records = records
        self.bytes = bytes
        self.requests = requests
        self.retries = retries
    }
}
