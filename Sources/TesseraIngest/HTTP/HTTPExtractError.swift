import TesseraHTTP
import TesseraModel

/// Why an HTTP extraction failed, said so that the user can act: the message names the source
/// file and the endpoint (redacted — user-info and `${…}` values masked, headers never shown).
public struct HTTPExtractError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// A connector or pagination setting the extractor cannot follow.
        case invalidSettings
        case invalidURL
        case unknownHost
        case connectionRefused
        /// Another failure to get a response (TLS, a refused redirect …), or a transient one
        /// that is not retried because retries are off.
        case transport(HTTPClientError.Kind)
        /// A status that retrying cannot fix: 401, 403, 404, other 4xx, 3xx.
        case status(Int)
        /// Every attempt failed with a transient status or transport error.
        case retriesExhausted(attempts: Int)
        /// The server asked, with `Retry-After`, to wait longer than `retries.max_backoff`.
        case retryAfterTooLong
        case malformedBody
        case recordsNotFound
        case recordsNotArray
        /// A response that pagination cannot go on from (bad total, repeated cursor, foreign link).
        case pagination
        case tooManyPages(Int)
        case writeFailed
    }

    public var reason: Reason
    /// `domain.source`.
    public var source: String
    /// The source's YAML file, relative to the project root.
    public var sourceFile: String
    /// `GET https://api.example.com/items?page=2`, redacted; nil when no request was involved.
    public var endpoint: String?
    public var message: String
    public var hint: String?

    public init(
        reason: Reason, source: String, sourceFile: String, endpoint: String?, message: String, hint: String? = nil
    ) {
        self.reason = reason
        self.source = source
        self.sourceFile = sourceFile
        self.endpoint = endpoint
        self.message = message
        self.hint = hint
    }

    /// The error as the diagnostics of `tessera validate` print them, at the top of the source file.
    public var diagnostic: Diagnostic {
        .error(message, at: .start(of: sourceFile), hint: hint)
    }

    public var description: String { diagnostic.description }
}
