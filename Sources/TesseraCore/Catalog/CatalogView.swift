import Foundation
import TesseraCatalog
import TesseraModel
import TesseraRuntime

/// The catalog, lineage and run history as one principal may see them (`Visibility`): what a
/// front end serving many people (the HTTP API) shows a signed-in caller. Products the caller
/// may not read leave no trace — they are left out of searches, lists, lineage and runs, and
/// asking for one by name is `notFound`, worded as for a name that does not exist.
public struct CatalogView: Sendable {
    let workspace: Workspace
    public let visibility: Visibility

    /// The browser over the workspace's catalog; its metadata is recorded from the loaded project
    /// first when the catalog has none.
    func browser() async throws(CoreError) -> CatalogBrowser {
        let store = try workspace.catalog()
        if let state = try await CatalogBrowser.map({ try await store.metadataState() }) {
            return CatalogBrowser(store: store, environment: workspace.environment, state: state)
        }
        try await CatalogBrowser.map {
            try await MetadataRecorder.refresh(
                workspace.mesh, lineage: workspace.lineageEdges, in: store, environment: workspace.environment)
        }
        guard let state = try await CatalogBrowser.map({ try await store.metadataState() }) else {
            throw CoreError(.internalError, "the catalog has no metadata right after recording it")
        }
        return CatalogBrowser(store: store, environment: workspace.environment, state: state)
    }

    /// Ranked search, best first, at most `limit` hits the caller may see.
    public func search(_ query: CatalogQuery, limit: Int) async throws(CoreError) -> [CatalogSearchHit] {
        let browser = try await browser()
        guard !visibility.seesEverything else { return try await browser.search(query, limit: limit) }
        // Hidden hits are dropped after ranking: ask for more, widening until enough are seen or
        // the catalog has no more.
        var asked = limit * 2 + 20
        while true {
            let hits = try await browser.search(query, limit: asked)
            let seen = hits.filter(sees)
            if seen.count >= limit || hits.count < asked { return Array(seen.prefix(limit)) }
            asked *= 4
        }
    }

    func sees(_ hit: CatalogSearchHit) -> Bool {
        guard let asset = hit.asset else { return true }
        return visibility.sees(asset)
    }

    /// Every domain (their names, owners and descriptions are the organisation, not data).
    public func domains() async throws(CoreError) -> [DomainMetadata] {
        try await browser().domains()
    }

    /// The sources, models and products the caller may see.
    public func assets() async throws(CoreError) -> [AssetMetadata] {
        try await browser().assets().filter { visibility.sees($0.id) }
    }

    /// One domain, asset or column, with every name in it the caller may not see left out.
    public func show(_ name: String, now: Date = Date()) async throws(CoreError) -> CatalogShowReport {
        let browser = try await browser()
        let report: CatalogShowReport
        do throws(CoreError) { report = try await browser.show(name, now: now) } catch  where error.kind == .usage {
            // The resolver's suggestions could name a product the caller may not read.
            throw notFound(name)
        }
        if let id = report.id, !visibility.sees(name: id) { throw notFound(name) }
        return filtered(report)
    }

    func filtered(_ report: CatalogShowReport) -> CatalogShowReport {
        guard !visibility.seesEverything else { return report }
        var report = report
        let sees = { (name: String) in visibility.sees(name: name) }
        report.upstream = report.upstream?.filter(sees)
        report.consumers = report.consumers?.filter(sees)
        report.lineage = report.lineage.map {
            .init(upstream: $0.upstream.filter(sees), downstream: $0.downstream.filter(sees))
        }
        report.members = report.members.map { members in
            .init(
                products: members.products.filter { sees($0.name) }, models: members.models.filter { sees($0.name) },
                sources: members.sources.filter { sees($0.name) })
        }
        return report
    }

    /// A node's or a column's lineage, through the nodes the caller may see.
    public func lineage(_ request: Lineage.Request) throws(CoreError) -> LineageDocument {
        let answer: Lineage.Answer
        do throws(CoreError) { answer = try workspace.lineage.trace(request) } catch  where error.kind == .usage {
            throw notFound(request.name)
        }
        var document = LineageDocument(answer.result, note: answer.note)
        guard !visibility.seesEverything else { return document }
        guard let root = NodeID(id: answer.result.root.node.id), visibility.sees(root) else {
            throw notFound(request.name)
        }
        let hidden = Set(document.vertices.filter { !visibility.sees(name: $0.node) }.map(\.id))
        document.vertices.removeAll { hidden.contains($0.id) }
        document.edges.removeAll { hidden.contains($0.from) || hidden.contains($0.to) }
        document.truncated.removeAll { !visibility.sees(name: $0) }
        return document
    }

    /// The latest runs, newest first. Every signed-in caller sees that runs happened; their node
    /// counts are the whole run's.
    public func runs(limit: Int) async throws(CoreError) -> [RunSummary] {
        try await workspace.runs.history(limit: limit)
    }

    /// One run by id or a unique prefix, with only the nodes the caller may see.
    public func run(_ id: String) async throws(CoreError) -> RunDetail {
        var detail: RunDetail
        do throws(CoreError) { detail = try await workspace.runs.show(id) } catch  where error.kind == .usage {
            throw CoreError(.notFound, error.message, hint: error.hint)
        }
        guard !visibility.seesEverything else { return detail }
        detail.nodes.removeAll { !visibility.sees(name: $0.node) }
        detail.published.removeAll { !visibility.sees(name: $0.product) }
        return detail
    }

    func notFound(_ name: String) -> CoreError {
        CoreError(
            .notFound, "the catalog has nothing named '\(name)' that you may see.",
            hint: "search the catalog for what you may read.")
    }
}

extension Workspace {
    /// The catalog, lineage and runs as `principal` may see them.
    public func catalogView(as principal: Principal) -> CatalogView {
        CatalogView(workspace: self, visibility: visibility(for: principal))
    }
}

/// A product's published history, newest first: each snapshot with its version, its checks'
/// outcome counts and whether its drift against the one before exceeded the product's limits.
/// Check samples (rows of data) are never part of it.
public struct ProductHistory: Sendable, Encodable {
    public struct Version: Sendable, Encodable {
        public var snapshot: String
        public var version: String
        public var status: String
        public var reason: String?
        public var createdAt: String
        public var rows: Int64
        public var bytes: Int64
        public var runId: String?
        /// How many checks ended in each status (`pass`, `warn`, `fail`, …).
        public var checks: [String: Int]
        public var drift: Drift?
    }

    public struct Drift: Sendable, Encodable {
        public var against: String
        public var exceeded: Bool
    }

    public var product: String
    public var versions: [Version]
}

extension CatalogView {
    /// The latest `limit` snapshots of a product the caller may see.
    public func history(of product: String, limit: Int) async throws(CoreError) -> ProductHistory {
        guard let node = visibility.node(named: product), node.kind == .product, visibility.sees(node) else {
            throw notFound(product)
        }
        let store = try workspace.catalog()
        return try await CatalogBrowser.map {
            let snapshots = try await store.snapshots(product: product).sorted { $0.createdAt > $1.createdAt }
            var versions: [ProductHistory.Version] = []
            for snapshot in snapshots.prefix(limit) {
                let checks = try await store.checks(snapshotID: snapshot.id)
                let drift = try await store.drift(snapshotID: snapshot.id)
                versions.append(
                    .init(
                        snapshot: snapshot.id, version: snapshot.version, status: snapshot.status.rawValue,
                        reason: snapshot.reason, createdAt: Timestamps.iso(snapshot.createdAt), rows: snapshot.rows,
                        bytes: snapshot.bytes, runId: snapshot.runID,
                        checks: Dictionary(grouping: checks, by: \.status).mapValues(\.count),
                        drift: drift.map { .init(against: $0.againstSnapshotID, exceeded: $0.exceeded) }))
            }
            return ProductHistory(product: product, versions: versions)
        }
    }
}
