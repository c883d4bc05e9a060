import Foundation

/// What a `FixtureServer` received, in order.
public actor RequestLog {
    public private(set) var entries: [FixtureServer.Request] = []
    private var hits: [String: Int] = [:]

    init() {}

    func record(
        method: String, path: String, query: [String: String], headers: [String: String],
        body: Data
    ) -> FixtureServer.Request {
        hits[path, default: 0] += 1
        let request = FixtureServer.Request(
            method: method, path: path, query: query, headers: headers, body: body,
            hit: hits[path, default: 0])
        entries.append(request)
        return request
    }

    /// How many requests for `path` the server has had.
    public func count(_ path: String) -> Int { hits[path, default: 0] }
}
