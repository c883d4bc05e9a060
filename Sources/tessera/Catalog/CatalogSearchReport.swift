import Foundation
import TesseraCore

/// What `tessera catalog search` prints: `--format json` encodes it, text renders one line per hit.
struct CatalogSearchReport: Encodable {
    struct Hit: Encodable {
        var rank: Int
        var kind: String
        var name: String
        /// The id of the node the hit is, or whose column it is (as `lineage` says `node`); nil for a domain.
        var node: String?
        var column: String?
        var description: String?
        var owner: String?
        var tags: [String]
        var classification: String?
        /// SQLite's bm25: lower is better; 0 when only filters were given.
        var score: Double
        var matched: [String]
    }

    var query: String
    var environment: String
    var hits: [Hit]

    init(text: String, environment: String, hits: [CatalogSearchHit]) {
        self.query = text
        self.environment = environment
        self.hits = hits.enumerated().map { index, hit in
            Hit(
                rank: index + 1, kind: hit.kind, name: hit.name, node: hit.asset?.id, column: hit.column,
                description: hit.description, owner: hit.owner, tags: hit.tags, classification: hit.classification,
                score: (hit.score * 1000).rounded() / 1000, matched: hit.matched)
        }
    }

    func render(_ console: Console) {
        guard !hits.isEmpty else {
            console.result("No matches for '\(query)' in '\(environment)'.")
            return
        }
        let nameWidth = min(48, hits.map { Self.label($0).count }.max() ?? 10)
        let rankWidth = String(hits.count).count
        for hit in hits {
            let rank = String(hit.rank).catalogLeftPadded(to: rankWidth)
            var line =
                "\(rank)  \(hit.kind.catalogPadded(to: 7))  "
                + console.styled(Self.label(hit).catalogPadded(to: nameWidth), .bold)
            if let classification = hit.classification, hit.kind == "column" { line += "  [\(classification)]" }
            if let description = hit.description, !description.isEmpty {
                line += "  " + Self.oneLine(description, limit: 70)
            }
            if !hit.matched.isEmpty {
                line += console.styled("  (matched \(hit.matched.joined(separator: ", ")))", .dim)
            }
            console.result(line)
        }
    }

    /// A model's column usually has the name of the product column it feeds: the label says which.
    static func label(_ hit: Hit) -> String {
        hit.kind == "column" && hit.node?.hasPrefix("model.") == true ? "\(hit.name) (model)" : hit.name
    }

    /// The first line of a description, cut at `limit` characters.
    static func oneLine(_ text: String, limit: Int) -> String {
        let first = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let trimmed = first.trimmingCharacters(in: .whitespaces)
        return trimmed.count <= limit ? trimmed : String(trimmed.prefix(limit - 1)) + "…"
    }
}

extension String {
    func catalogPadded(to width: Int) -> String {
        count >= width ? self : padding(toLength: width, withPad: " ", startingAt: 0)
    }
    func catalogLeftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
