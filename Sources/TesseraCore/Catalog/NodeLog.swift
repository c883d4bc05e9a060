import Foundation
import TesseraCatalog
import TesseraModel

/// A run's log lines as one principal may read them: only the lines of nodes it may see
/// (`Visibility`, as the run's nodes), and the sample rows a failing check quotes only when it
/// is a member of the node's domain or a mesh admin (or the operator); others get the line with
/// a count of the rows left out. Secrets were redacted before the lines were stored.
public struct NodeLog: Sendable, Encodable {
    public struct Line: Sendable, Encodable {
        public var at: Date
        public var node: String
        public var level: NodeLogLevel
        public var text: String
        /// The sample rows the line quotes, when the reader may see them.
        public var samples: [String]?
        /// How many sample rows were left out for this reader (0 when none).
        public var hiddenSampleRows: Int

        /// What a front end prints in place of the rows left out.
        public var hiddenNote: String? {
            guard hiddenSampleRows > 0 else { return nil }
            return
                "\(counted(hiddenSampleRows, "sample row")) hidden: only the domain's members and mesh admins see them"
        }

        enum CodingKeys: String, CodingKey { case at, node, level, text, samples, hiddenSampleRows }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(Timestamps.iso(at), forKey: .at)
            try container.encode(node, forKey: .node)
            try container.encode(level, forKey: .level)
            try container.encode(text, forKey: .text)
            try container.encodeIfPresent(samples, forKey: .samples)
            try container.encode(hiddenSampleRows, forKey: .hiddenSampleRows)
        }
    }

    public var runId: String
    public var runStatus: String
    /// The node asked for; nil for the whole run.
    public var node: String?
    public var lines: [Line]
}

extension CatalogView {
    /// The log of a run (by id or a unique prefix), of one node (its id, `product.sales.orders`, or
    /// its name, `sales.orders`) or of every node the caller may see. A node the caller may not
    /// see is `notFound`, worded as for one that is not in the run.
    public func nodeLog(run id: String, node: String? = nil) async throws(CoreError) -> NodeLog {
        let detail = try await run(id)
        let wanted = try node.map { name throws(CoreError) -> String in
            let id = NodeID(id: name)?.id ?? visibility.node(named: name)?.id ?? name
            guard visibility.sees(name: id), detail.nodes.contains(where: { $0.node == id }) else {
                throw CoreError(
                    .notFound, "run \(detail.run.id) has no node '\(name)' that you may see.",
                    hint: "`tessera runs show \(detail.run.id.prefix(12))` lists its nodes.")
            }
            return id
        }
        let store = try workspace.catalog()
        let records = try await CatalogBrowser.map { try await store.nodeLog(runID: detail.run.id, node: wanted) }
        var samplesShown: [String: Bool] = [:]
        let lines = records.filter { visibility.sees(name: $0.node) }.map { record in
            let shown = samplesShown[record.node] ?? visibility.seesSamples(of: record.node)
            samplesShown[record.node] = shown
            return NodeLog.Line(
                at: record.loggedAt, node: record.node, level: record.level, text: record.text,
                samples: record.samples.isEmpty ? nil : (shown ? record.samples : nil),
                hiddenSampleRows: shown || record.samples.isEmpty ? 0 : max(record.sampleRows, 1))
        }
        return NodeLog(runId: detail.run.id, runStatus: detail.run.status.rawValue, node: wanted, lines: lines)
    }
}

extension Visibility {
    /// Whether the principal may see the rows of data a node's checks quote: a member (or the
    /// domain itself, or its service), a mesh admin, the operator. Reading the product is not
    /// enough: the rows are the domain's raw values, whatever masks its readers get.
    func seesSamples(of node: String) -> Bool {
        if seesEverything { return true }
        guard let id = NodeID(id: node), let domain = project.domain(named: id.domain) else { return false }
        return belongs(to: domain)
    }
}
