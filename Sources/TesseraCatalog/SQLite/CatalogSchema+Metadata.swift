internal import GRDB

extension CatalogSchema {
    /// The mesh's metadata (`MeshMetadata`), replaced as a whole by each recording: `meta_domain`,
    /// `meta_asset` (sources, models, products; lists as JSON arrays), `meta_column`,
    /// `meta_lineage` (table level when both columns are NULL), `metadata_state` (one row: the
    /// fingerprint of what is stored), and `meta_search`, an FTS5 index with one document per
    /// domain, asset and column.
    ///
    /// Two FTS5 indexes with the same columns: `meta_search` (one document per domain and asset,
    /// a few thousand) and `meta_column_search` (one per column, hundreds of thousands). Apart, a
    /// query ranks the small one whole and reads the large one only `ORDER BY rank LIMIT n`
    /// (FTS5 sorts rowids and ranks, and fetches content for the rows returned only), instead
    /// of ranking every column that mentions a common word.
    ///
    /// Columns, in bm25 weight order (the `rank` each index is configured with): `name` 20,
    /// `description` 5, `tags` 2, `owner` 2, `context` 0 (the domain of an asset, the asset of a
    /// column: it lets a document match, not rank), `facets` 0: the filter values as single
    /// opaque tokens (`d` + hex of the domain, `t` tag, `o` owner, `c` classification, `k`
    /// kind): hex keeps each value one token whatever punctuation it has, so `tag:gold` matches
    /// the tag `gold` exactly and never `gold_tier`, through the same index as the words. The
    /// rest is UNINDEXED, what a hit displays. Prefix indexes of 2 and 3 characters keep the
    /// prefix match of the last word fast.
    static func v3Metadata(_ db: Database) throws {
        try db.execute(sql: v3MetadataTables)
        try createSearchTables(db)
    }

    /// The metadata tables as version 3 made them (later versions alter them in their own steps).
    private static let v3MetadataTables = """
        CREATE TABLE metadata_state (
            singleton INTEGER NOT NULL PRIMARY KEY CHECK (singleton = 1),
            environment TEXT NOT NULL,
            mesh TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            domain_count INTEGER NOT NULL,
            asset_count INTEGER NOT NULL,
            column_count INTEGER NOT NULL
        );
        CREATE TABLE meta_domain (
            name TEXT NOT NULL PRIMARY KEY,
            owner TEXT,
            description TEXT,
            tags TEXT NOT NULL DEFAULT '[]'
        );
        CREATE TABLE meta_asset (
            id TEXT NOT NULL PRIMARY KEY,
            kind TEXT NOT NULL,
            domain TEXT NOT NULL,
            name TEXT NOT NULL,
            description TEXT,
            owner TEXT,
            tags TEXT NOT NULL DEFAULT '[]',
            file TEXT,
            version TEXT,
            schedule TEXT,
            freshness TEXT,
            freshness_seconds REAL,
            readers TEXT,
            roles TEXT NOT NULL DEFAULT '[]',
            masks TEXT NOT NULL DEFAULT '[]',
            contract TEXT
        );
        CREATE INDEX meta_asset_by_domain ON meta_asset(domain, name);
        CREATE TABLE meta_column (
            asset TEXT NOT NULL,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            type TEXT,
            nullable INTEGER,
            description TEXT,
            classification TEXT,
            tags TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (asset, position)
        ) WITHOUT ROWID;
        CREATE TABLE meta_lineage (
            upstream TEXT NOT NULL,
            upstream_column TEXT,
            downstream TEXT NOT NULL,
            downstream_column TEXT,
            kind TEXT
        );
        CREATE INDEX meta_lineage_by_upstream ON meta_lineage(upstream, upstream_column);
        CREATE INDEX meta_lineage_by_downstream ON meta_lineage(downstream, downstream_column);
        """

    static let searchTables = ["meta_search", "meta_column_search"]

    /// Also run by each recording, which drops and recreates the indexes: far faster than
    /// deleting hundreds of thousands of FTS5 rows one by one.
    static func createSearchTables(_ db: Database) throws {
        for table in searchTables {
            try db.execute(
                sql: """
                    CREATE VIRTUAL TABLE \(table) USING fts5(
                        name, description, tags, owner, context, facets,
                        kind UNINDEXED, kind_order UNINDEXED, ref UNINDEXED, display UNINDEXED, classification UNINDEXED,
                        prefix = '2 3', tokenize = 'unicode61 remove_diacritics 2'
                    );
                    INSERT INTO \(table) (\(table), rank) VALUES ('rank', 'bm25(20.0, 5.0, 2.0, 2.0, 0.0, 0.0)');
                    """)
        }
    }
}
