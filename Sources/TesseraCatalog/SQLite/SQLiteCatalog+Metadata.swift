import Foundation
internal import GRDB
import TesseraModel

// The mesh's metadata and its search index (schema: `CatalogSchema.v3Metadata`). A recording
// replaces everything in one write transaction, so a reader in another process sees the old
// metadata or the new, never a mix; an unchanged fingerprint skips the write altogether, so
// `tessera validate` run again and again costs one read.
extension SQLiteCatalog {
    public func recordMetadata(_ metadata: MeshMetadata, environment: String) async throws(CatalogError) -> Bool {
        let fingerprint = metadata.fingerprint
        // Most recordings change nothing: learn it without taking the write lock.
        if try await metadataState()?.fingerprint == fingerprint { return false }
        return try await writing { db in
            // Another process may have written the same metadata while this one waited.
            if try String.fetchOne(db, sql: "SELECT fingerprint FROM metadata_state") == fingerprint { return false }
            try Self.replaceMetadata(db, with: metadata, environment: environment, fingerprint: fingerprint)
            return true
        }
    }

    public func metadataState() async throws(CatalogError) -> MetadataState? {
        try await reading { db in
            try Row.fetchOne(try db.cachedStatement(sql: "SELECT * FROM metadata_state")).map { row in
                MetadataState(
                    environment: row["environment"], mesh: row["mesh"], fingerprint: row["fingerprint"],
                    recordedAt: try row.decode(forColumn: "recorded_at"), domainCount: row["domain_count"],
                    assetCount: row["asset_count"], columnCount: row["column_count"])
            }
        }
    }

    public func confirmMetadata(fingerprint: String) async throws(CatalogError) {
        try await writing { db in
            try db.execute(
                sql: "UPDATE metadata_state SET recorded_at = ? WHERE fingerprint = ?",
                arguments: [Date(), fingerprint])
        }
    }

    public func lineageEdges() async throws(CatalogError) -> [MeshLineageEdge] {
        try await reading { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT upstream, upstream_column, downstream, downstream_column, kind FROM meta_lineage ORDER BY rowid
                    """
            ).map(Self.edge(_:))
        }
    }

    public func lineageEdges(of asset: NodeID) async throws(CatalogError) -> [MeshLineageEdge] {
        try await reading { db in
            try Row.fetchAll(
                try db.cachedStatement(
                    sql: """
                        SELECT upstream, upstream_column, downstream, downstream_column, kind FROM meta_lineage WHERE upstream = ?
                        UNION ALL
                        SELECT upstream, upstream_column, downstream, downstream_column, kind FROM meta_lineage
                        WHERE downstream = ? AND upstream <> downstream
                        """), arguments: [asset.id, asset.id]
            ).map(Self.edge(_:))
        }
    }

    public func consumers(of asset: NodeID) async throws(CatalogError) -> [NodeID] {
        try await reading { db in
            try String.fetchAll(
                try db.cachedStatement(
                    sql: """
                        SELECT DISTINCT downstream FROM meta_lineage WHERE upstream = ? AND downstream <> upstream ORDER BY downstream
                        """), arguments: [asset.id]
            ).compactMap(NodeID.init(id:))
        }
    }

    public func catalogDomains() async throws(CatalogError) -> [DomainMetadata] {
        try await reading { db in
            try Row.fetchAll(db, sql: "SELECT name, owner, description, tags FROM meta_domain ORDER BY name").map {
                row in
                DomainMetadata(
                    name: row["name"], owner: row["owner"], description: row["description"],
                    tags: Self.strings(row["tags"]))
            }
        }
    }

    public func catalogAssets() async throws(CatalogError) -> [AssetMetadata] {
        try await reading { db in
            try Row.fetchAll(db, sql: "SELECT * FROM meta_asset ORDER BY domain, name, kind").compactMap(Self.asset(_:))
        }
    }

    public func catalogAsset(_ id: NodeID) async throws(CatalogError) -> AssetMetadata? {
        try await reading { db in
            guard
                let row = try Row.fetchOne(
                    try db.cachedStatement(sql: "SELECT * FROM meta_asset WHERE id = ?"), arguments: [id.id]),
                var asset = Self.asset(row)
            else { return nil }
            asset.columns = try Row.fetchAll(
                try db.cachedStatement(
                    sql: """
                        SELECT position, name, type, nullable, description, classification, tags FROM meta_column
                        WHERE asset = ? ORDER BY position
                        """), arguments: [id.id]
            ).map { row in
                ColumnMetadata(
                    position: row["position"], name: row["name"], type: row["type"], nullable: row["nullable"],
                    description: row["description"], classification: row["classification"],
                    tags: Self.strings(row["tags"]))
            }
            return asset
        }
    }

    /// Ranked in two tiers: documents whose name holds every word first, then the rest; within a
    /// tier products, domains, models, sources, then columns, each by bm25. The tier is needed
    /// because FTS5's bm25 normalises by the length of the whole row: on bm25 alone a model
    /// without a description outranks the product of the same name. Filters alone list assets by
    /// kind and name, then columns in asset and position order.
    ///
    /// The small asset index is ranked whole, in one query; the column index is read tier by tier,
    /// `ORDER BY rank LIMIT` what is still missing, and only when the assets did not fill the page.
    ///
    /// Results are kept in `searchCache` while the metadata's stamp, read in the same
    /// transaction, stays the same.
    public func search(_ query: CatalogQuery, limit: Int) async throws(CatalogError) -> [CatalogSearchHit] {
        guard let expression = CatalogSearchExpression(query), limit > 0 else { return [] }
        let key = SearchResultCache.Key(query: query, limit: limit)
        return try await reading { db in
            let stamp = try String.fetchOne(
                try db.cachedStatement(sql: "SELECT fingerprint || ' ' || recorded_at FROM metadata_state"))
            if let stamp, let hits = searchCache.hits(for: key, stamp: stamp) { return hits }
            let hits = try Self.rankedSearch(expression, limit: limit, in: db)
            if let stamp { searchCache.store(hits, for: key, stamp: stamp) }
            return hits
        }
    }

    private static func rankedSearch(_ expression: CatalogSearchExpression, limit: Int, in db: Database) throws
        -> [CatalogSearchHit]
    {
        let columns = "kind, ref, display, name, description, tags, owner, context, classification"
        var rows: [Row] = []
        guard let nameTier = expression.nameTier, let otherTier = expression.otherTier else {
            rows = try Row.fetchAll(
                try db.cachedStatement(
                    sql: """
                        SELECT \(columns), 0.0 AS score FROM meta_search WHERE meta_search MATCH ?
                        ORDER BY kind_order, display LIMIT ?
                        """), arguments: [expression.match, limit])
            if rows.count < limit {
                rows += try Row.fetchAll(
                    try db.cachedStatement(
                        sql: """
                            SELECT \(columns), 0.0 AS score FROM meta_column_search WHERE meta_column_search MATCH ?
                            ORDER BY rowid LIMIT ?
                            """), arguments: [expression.match, limit - rows.count])
            }
            return rows.map { Self.hit($0, expression) }
        }
        let assets = try Row.fetchAll(
            try db.cachedStatement(
                sql: """
                    SELECT \(columns), rank AS score,
                        rowid IN (SELECT rowid FROM meta_search WHERE meta_search MATCH :names) AS in_name
                    FROM meta_search WHERE meta_search MATCH :match
                    ORDER BY in_name DESC, kind_order, rank, display LIMIT :limit
                    """), arguments: ["names": nameTier, "match": expression.match, "limit": limit])
        let named = assets.filter { $0["in_name"] == true }
        rows = named
        for (tier, assetsAfter) in [(nameTier, assets.filter { $0["in_name"] != true }), (otherTier, [])] {
            if rows.count < limit {
                rows += try Row.fetchAll(
                    try db.cachedStatement(
                        sql: """
                            SELECT \(columns), rank AS score FROM meta_column_search WHERE meta_column_search MATCH ?
                            ORDER BY rank LIMIT ?
                            """), arguments: [tier, limit - rows.count])
            }
            rows += assetsAfter.prefix(max(0, limit - rows.count))
        }
        return rows.map { Self.hit($0, expression) }

    }

    private static func hit(_ row: Row, _ expression: CatalogSearchExpression) -> CatalogSearchHit {
        let kind: String = row["kind"], ref: String = row["ref"], name: String = row["name"]
        let tags: String = row["tags"]
        let fields: [(String, String?)] = [
            ("name", name), ("description", row["description"]), ("tags", tags),
            ("owner", row["owner"]), (kind == "column" ? "asset" : "domain", row["context"]),
        ]
        return CatalogSearchHit(
            kind: kind, name: row["display"], asset: kind == "domain" ? nil : NodeID(id: ref),
            column: kind == "column" ? name : nil, description: row["description"], owner: row["owner"],
            tags: tags.split(separator: " ").map(String.init), classification: row["classification"],
            score: row["score"],
            matched: fields.compactMap { field, text in expression.matches(text ?? "") ? field : nil })
    }

    // MARK: Writing

    private static func replaceMetadata(
        _ db: Database, with metadata: MeshMetadata, environment: String,
        fingerprint: String
    ) throws {
        try db.execute(
            sql: """
                DELETE FROM meta_domain; DELETE FROM meta_asset; DELETE FROM meta_column; DELETE FROM meta_lineage;
                DROP TABLE meta_search; DROP TABLE meta_column_search;
                """)
        try CatalogSchema.createSearchTables(db)
        let insert = """
            (name, description, tags, owner, context, facets, kind, kind_order, ref, display, classification)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        let search = try db.makeStatement(sql: "INSERT INTO meta_search \(insert)")
        let columnSearch = try db.makeStatement(sql: "INSERT INTO meta_column_search \(insert)")
        try insertDomains(metadata, db, search: search)
        let columnCount = try insertAssets(metadata, db, search: search, columnSearch: columnSearch)
        try insertLineage(metadata, db)
        // One b-tree per index segment makes every later query cheaper; done once per change.
        for table in CatalogSchema.searchTables {
            try db.execute(sql: "INSERT INTO \(table) (\(table)) VALUES ('optimize')")
        }
        try db.execute(
            sql: """
                INSERT INTO metadata_state (singleton, environment, mesh, fingerprint, recorded_at, domain_count, asset_count, column_count)
                VALUES (1, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (singleton) DO UPDATE SET environment = excluded.environment, mesh = excluded.mesh,
                    fingerprint = excluded.fingerprint, recorded_at = excluded.recorded_at, domain_count = excluded.domain_count,
                    asset_count = excluded.asset_count, column_count = excluded.column_count
                """,
            arguments: [
                environment, metadata.mesh, fingerprint, Date(), metadata.domains.count, metadata.assets.count,
                columnCount,
            ])
    }

    private static func insertDomains(_ metadata: MeshMetadata, _ db: Database, search: Statement) throws {
        let domain = try db.makeStatement(
            sql: "INSERT INTO meta_domain (name, owner, description, tags) VALUES (?, ?, ?, ?)")
        for entry in metadata.domains {
            try domain.execute(arguments: [entry.name, entry.owner, entry.description, json(entry.tags)])
            try search.execute(arguments: [
                entry.name, entry.description, entry.tags.joined(separator: " "), entry.owner, nil,
                SearchFacets(domain: entry.name, tags: entry.tags, owner: entry.owner, kind: "domain").text,
                "domain", kindOrder("domain"), entry.name, entry.name, nil,
            ])
        }

    }

    /// Every asset, searchable, with its columns; returns the number of columns.
    private static func insertAssets(
        _ metadata: MeshMetadata, _ db: Database, search: Statement, columnSearch: Statement
    ) throws -> Int {
        let domainOwners = Dictionary(
            metadata.domains.map { ($0.name, $0.owner) }, uniquingKeysWith: { first, _ in first })
        let asset = try db.makeStatement(
            sql: """
                INSERT INTO meta_asset (id, kind, domain, name, description, owner, tags, file, version, schedule, freshness,
                    freshness_seconds, readers, roles, masks, contract)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let column = try db.makeStatement(
            sql: """
                INSERT INTO meta_column (asset, position, name, type, nullable, description, classification, tags)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
        var columnCount = 0
        for entry in metadata.assets {
            let id = entry.id, kind = id.kind.rawValue
            let owner = entry.owner ?? domainOwners[id.domain] ?? nil
            try asset.execute(arguments: [
                id.id, kind, id.domain, id.name, entry.description, owner, json(entry.tags), entry.file, entry.version,
                entry.schedule, entry.freshness, entry.freshnessSeconds, entry.readers.map { json($0) },
                json(entry.roles),
                json(entry.masks), entry.contract,
            ])
            let classifications = Array(Set(entry.columns.compactMap(\.classification))).sorted()
            try search.execute(arguments: [
                id.name, entry.description, entry.tags.joined(separator: " "), owner, id.domain,
                SearchFacets(
                    domain: id.domain, tags: entry.tags, owner: owner, kind: kind, classifications: classifications
                ).text,
                kind, kindOrder(kind), id.id, id.displayName, nil,
            ])
            columnCount += try insertColumns(of: entry, owner: owner, column: column, search: columnSearch)
        }
        return columnCount
    }

    /// An asset's columns, each searchable with the asset's tags too; returns how many.
    private static func insertColumns(
        of entry: AssetMetadata, owner: String?, column: Statement, search columnSearch: Statement
    ) throws -> Int {
        let id = entry.id
        for field in entry.columns {
            try column.execute(arguments: [
                id.id, field.position, field.name, field.type, field.nullable, field.description,
                field.classification,
                json(field.tags),
            ])
            let tags = field.tags + entry.tags
            try columnSearch.execute(arguments: [
                field.name, field.description, tags.joined(separator: " "), owner, id.displayName,
                SearchFacets(
                    domain: id.domain, tags: tags, owner: owner, kind: "column",
                    classifications: field.classification.map { [$0] } ?? []
                ).text,
                "column", kindOrder("column"), id.id, "\(id.displayName).\(field.name)", field.classification,
            ])
        }
        return entry.columns.count
    }

    private static func insertLineage(_ metadata: MeshMetadata, _ db: Database) throws {
        let edge = try db.makeStatement(
            sql: """
                INSERT INTO meta_lineage (upstream, upstream_column, downstream, downstream_column, kind) VALUES (?, ?, ?, ?, ?)
                """)
        for entry in metadata.lineage {
            try edge.execute(arguments: [
                entry.upstream.id, entry.upstreamColumn, entry.downstream.id, entry.downstreamColumn, entry.kind,
            ])
        }
    }

    /// Products first at an equal score: they are what consumers look for.
    private static func kindOrder(_ kind: String) -> Int {
        ["product": 0, "domain": 1, "model": 2, "source": 3, "column": 4][kind] ?? 5
    }

    // MARK: Reading rows

    private static func asset(_ row: Row) -> AssetMetadata? {
        guard let id = NodeID(id: row["id"]) else { return nil }
        let readers: String? = row["readers"]
        return AssetMetadata(
            id: id, description: row["description"], owner: row["owner"], tags: strings(row["tags"]), file: row["file"],
            version: row["version"], schedule: row["schedule"], freshness: row["freshness"],
            freshnessSeconds: row["freshness_seconds"], readers: readers.map(strings), roles: strings(row["roles"]),
            masks: decode([AssetMetadata.Mask].self, row["masks"]) ?? [], contract: row["contract"])
    }

    private static func edge(_ row: Row) throws -> MeshLineageEdge {
        let upstream: String = row["upstream"], downstream: String = row["downstream"]
        guard let from = NodeID(id: upstream) else {
            throw StoredValueError(column: "meta_lineage.upstream", value: upstream)
        }
        guard let to = NodeID(id: downstream) else {
            throw StoredValueError(column: "meta_lineage.downstream", value: downstream)
        }
        return MeshLineageEdge(
            upstream: from, upstreamColumn: row["upstream_column"], downstream: to,
            downstreamColumn: row["downstream_column"], kind: row["kind"])
    }

    private static func json<T: Encodable>(_ value: T) -> String {
        (try? JSONEncoder().encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    private static func strings(_ text: String?) -> [String] {
        decode([String].self, text) ?? []
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ text: String?) -> T? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
