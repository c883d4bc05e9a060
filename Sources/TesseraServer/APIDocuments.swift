import Foundation
import Hummingbird
import TesseraCore

// The JSON documents the API answers with where the core has no Codable report of its own. Keys
// are camelCase, as the command line's `--format json`; times are ISO 8601 in UTC.

struct APIDomainList: Encodable {
    var domains: [DomainMetadata]
}

struct APIProductList: Encodable {
    struct Item: Encodable {
        var name: String
        var id: String
        var description: String?
        var owner: String?
        var tags: [String]
        var version: String?
        var schedule: String?
        var freshness: String?

        init(_ asset: AssetMetadata) {
            name = asset.id.displayName
            id = asset.id.id
            description = asset.description
            owner = asset.owner
            tags = asset.tags
            version = asset.version
            schedule = asset.schedule
            freshness = asset.freshness
        }
    }
    var products: [Item]
}

struct APISearchResult: Encodable {
    struct Hit: Encodable {
        var kind: String
        var name: String
        /// The node the hit is, or whose column it is; nil for a domain.
        var node: String?
        var column: String?
        var description: String?
        var owner: String?
        var tags: [String]
        var classification: String?
        var score: Double
        var matched: [String]

        init(_ hit: CatalogSearchHit) {
            kind = hit.kind
            name = hit.name
            node = hit.asset?.id
            column = hit.column
            description = hit.description
            owner = hit.owner
            tags = hit.tags
            classification = hit.classification
            score = (hit.score * 1000).rounded() / 1000
            matched = hit.matched
        }
    }
    var query: String
    var environment: String
    var hits: [Hit]
}

/// A product's page: everything `catalog show` says of it, and its latest versions.
struct APIProductPage: Encodable {
    var report: CatalogShowReport
    var versions: [ProductHistory.Version]

    private enum Keys: String, CodingKey { case versions }

    func encode(to encoder: any Encoder) throws {
        try report.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(versions, forKey: .versions)
    }
}

struct APIRun: Encodable {
    var id: String
    var environment: String
    var command: String
    var status: String
    var selector: String?
    var startedAt: String
    var finishedAt: String?
    /// How many of its nodes ended in each status.
    var counts: [String: Int]

    init(_ summary: RunSummary) {
        let run = summary.run
        id = run.id
        environment = run.environment
        command = run.command
        status = run.status.rawValue
        selector = run.selector
        startedAt = Timestamps.iso(run.startedAt)
        finishedAt = run.finishedAt.map(Timestamps.iso)
        counts = Dictionary(uniqueKeysWithValues: summary.nodeCounts.map { ($0.key.rawValue, $0.value) })
    }
}

struct APIRunList: Encodable {
    var runs: [APIRun]
}

struct APIRunDetail: Encodable {
    struct Node: Encodable {
        var id: String
        var kind: String
        var status: String
        var reason: String?
        var rows: Int64?
        var seconds: Double?
        var error: String?
    }
    var run: APIRun
    var nodes: [Node]
    var published: [RunPublish]

    init(_ detail: RunDetail) {
        let counts = Dictionary(grouping: detail.nodes, by: \.status).mapValues(\.count)
        run = APIRun(RunSummary(run: detail.run, nodeCounts: counts))
        published = detail.published
        nodes = detail.nodes.map {
            Node(
                id: $0.node, kind: $0.kind.rawValue, status: $0.status.rawValue, reason: $0.reason, rows: $0.rows,
                seconds: $0.durationSeconds.map { ($0 * 1000).rounded() / 1000 }, error: $0.error)
        }
    }
}

/// `/lineage/{name}?direction=up|down|both&depth=N&directOnly=true`.
struct APILineageRequest {
    var request: Lineage.Request

    init(name: String, query: [String: String]) throws {
        let direction: LineageDirection
        switch query["direction"] ?? "both" {
        case "up", "upstream": direction = .upstream
        case "down", "downstream": direction = .downstream
        case "both": direction = .both
        case let other:
            throw APIError.badRequest("direction '\(other)': give up, down or both.")
        }
        let depth = try query["depth"].map { _ in try APIQuery.integer(query, "depth", default: 1, range: 1...100) }
        let directOnly = try APIQuery.boolean(query, "directOnly")
        request = Lineage.Request(name: name, direction: direction, depth: depth, directOnly: directOnly)
    }
}

/// Query-string values, checked.
enum APIQuery {
    static func integer(_ query: [String: String], _ name: String, default value: Int, range: ClosedRange<Int>)
        throws -> Int
    {
        guard let text = query[name] else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw APIError.badRequest(
                "\(name) '\(text)': give a whole number from \(range.lowerBound) to \(range.upperBound).")
        }
        return number
    }

    static func boolean(_ query: [String: String], _ name: String) throws -> Bool {
        switch query[name] {
        case nil, "false": return false
        case "true": return true
        case let other?: throw APIError.badRequest("\(name) '\(other)': give true or false.")
        }
    }
}

extension APIQuery {
    /// The request's query string as a dictionary, `+` read as a space and percent escapes
    /// decoded (the last value wins when a name repeats).
    static func values(of request: Request) -> [String: String] {
        guard let query = request.uri.query, !query.isEmpty else { return [:] }
        var values: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            values[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return values
    }
}
