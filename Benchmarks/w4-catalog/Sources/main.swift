// catalog-bench: benchmark W4 (docs/performance.md). Generates a catalog of D domains × P products
// × C columns through the real store (`SQLiteCatalog.recordMetadata`), and times catalog searches
// in-process. The whole-CLI call (`tessera catalog search`) is timed by the harness
// (Benchmarks/w4-catalog/workload.py) on the project `generate` writes.
//
//   catalog-bench generate DIR [--domains 100] [--products 100] [--columns 30]
//   catalog-bench search DIR [--queries 1000] [--seed 42] [--out FILE]
//   catalog-bench queries [--queries 1000] [--seed 42]     print the queries, one a line
import Foundation
import TesseraCatalog
import TesseraModel

/// SplitMix64: the same catalog and the same queries for a seed, on every machine.
struct Random {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

enum Vocabulary {
    static let domains = [
        "sales", "finance", "marketing", "logistics", "people", "support", "billing", "inventory",
        "web", "mobile", "risk", "payments", "growth", "supply", "legal", "research",
    ]
    static let nouns = [
        "orders", "customers", "revenue", "invoices", "shipments", "payments", "refunds", "sessions",
        "campaigns", "tickets", "accounts", "products", "suppliers", "returns", "subscriptions",
        "churn", "margins", "leads", "visits", "claims", "contracts", "employees", "budgets", "stock",
    ]
    static let adjectives = [
        "daily", "weekly", "monthly", "active", "lost", "net", "gross", "open", "closed",
        "regional", "global", "pending", "certified", "raw", "clean", "enriched",
    ]
    static let columns = [
        "id", "customer_id", "order_id", "amount", "currency", "email", "phone", "first_name",
        "last_name", "country", "city", "status", "created_at", "updated_at", "quantity", "price",
        "discount", "channel", "segment", "region", "score", "margin", "tax", "shipped_at",
        "carrier", "sku", "category", "plan", "seats", "balance", "iban", "birth_date", "ip_address",
    ]
    static let pii: Set<String> = ["email", "phone", "first_name", "last_name", "iban", "birth_date", "ip_address"]
    static let words = [
        "the", "of", "per", "with", "for", "every", "one", "row", "latest", "as", "reported", "by",
        "team", "used", "in", "dashboards", "reconciled", "against", "ledger", "source", "system",
    ]
    static let tags = ["gold", "silver", "bronze", "core", "experimental", "certified", "finance", "kpi", "gdpr"]

    static func sentence(_ random: inout Random, about topic: String, words count: Int) -> String {
        var words = [topic]
        for _ in 0..<count { words.append(random.below(4) == 0 ? random.pick(nouns) : random.pick(Self.words)) }
        return words.joined(separator: " ").prefix(1).uppercased() + words.joined(separator: " ").dropFirst() + "."
    }
}

func generate(domains domainCount: Int, products productCount: Int, columns columnCount: Int, seed: UInt64)
    -> MeshMetadata
{
    var random = Random(state: seed)
    var domains: [DomainMetadata] = [], assets: [AssetMetadata] = [], lineage: [MeshLineageEdge] = []
    for d in 0..<domainCount {
        let domain = "\(Vocabulary.domains[d % Vocabulary.domains.count])_\(d / Vocabulary.domains.count)"
        let owner = "\(domain.replacingOccurrences(of: "_", with: "-"))-data@acme.example"
        domains.append(
            DomainMetadata(
                name: domain, owner: owner,
                description: Vocabulary.sentence(&random, about: "data of \(domain)", words: 8),
                tags: [random.pick(Vocabulary.tags)]))
        var previous: NodeID?
        for p in 0..<productCount {
            let noun = random.pick(Vocabulary.nouns)
            let name = "\(random.pick(Vocabulary.adjectives))_\(noun)_\(p)"
            let id = NodeID(.product, domain, name)
            var columns: [ColumnMetadata] = []
            var used: Set<String> = []
            for c in 0..<columnCount {
                var column = random.pick(Vocabulary.columns)
                if used.contains(column) { column += "_\(c)" }
                used.insert(column)
                let base = Vocabulary.columns.first { column.hasPrefix($0) } ?? column
                let classification =
                    Vocabulary.pii.contains(base)
                    ? "pii" : random.pick(["internal", "internal", "public", "confidential"])
                columns.append(
                    ColumnMetadata(
                        position: c, name: column,
                        type: random.pick(["BIGINT", "VARCHAR", "DECIMAL(12,2)", "TIMESTAMP", "DATE"]),
                        nullable: random.below(3) != 0,
                        description: Vocabulary.sentence(
                            &random, about: column.replacingOccurrences(of: "_", with: " "), words: 6),
                        classification: classification))
            }
            var tags = [random.pick(Vocabulary.tags)]
            if random.below(2) == 0 { tags.append(random.pick(Vocabulary.tags)) }
            assets.append(
                AssetMetadata(
                    id: id, description: Vocabulary.sentence(&random, about: "\(noun) of \(domain)", words: 12),
                    owner: owner, tags: Array(Set(tags)).sorted(), file: "domains/\(domain)/products/\(name).yaml",
                    version: "1.\(random.below(5)).0", freshness: "1d", freshnessSeconds: 86400,
                    columns: columns))
            if let previous { lineage.append(MeshLineageEdge(upstream: previous, downstream: id)) }
            previous = id
        }
    }
    return MeshMetadata(mesh: "bench", domains: domains, assets: assets, lineage: lineage)
}

/// Varied queries over the same vocabulary: single words, pairs, prefixes, words with filters,
/// filters alone, and words nothing matches.
func queries(count: Int, seed: UInt64, domains: Int) -> [String] {
    var random = Random(state: seed)
    func domain() -> String {
        let d = random.below(domains)
        return "\(Vocabulary.domains[d % Vocabulary.domains.count])_\(d / Vocabulary.domains.count)"
    }
    func word() -> String { random.pick(random.below(2) == 0 ? Vocabulary.nouns : Vocabulary.columns) }
    return (0..<count).map { i in
        switch i % 10 {
        case 0, 1, 2: word()
        case 3, 4: "\(word()) \(word())"
        case 5: String(word().prefix(3 + random.below(2)))
        case 6: "\(word()) domain:\(domain())"
        case 7: "\(word()) tag:\(random.pick(Vocabulary.tags))"
        case 8:
            random.below(2) == 0
                ? "classification:pii domain:\(domain())" : "tag:\(random.pick(Vocabulary.tags)) kind:product"
        default:
            random.below(2) == 0
                ? "zebra\(random.below(100))"
                : "\(random.pick(Vocabulary.adjectives)) \(random.pick(Vocabulary.nouns)) \(word().prefix(2))"
        }
    }
}

struct Arguments {
    var positional: [String] = []
    var options: [String: String] = [:]

    init(_ arguments: ArraySlice<String>) {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            if argument.hasPrefix("--") {
                options[String(argument.dropFirst(2))] = iterator.next() ?? ""
            } else {
                positional.append(argument)
            }
        }
    }

    func int(_ name: String, _ fallback: Int) -> Int { options[name].flatMap(Int.init) ?? fallback }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("catalog-bench: \(message)\n".utf8))
    exit(2)
}

func catalogFile(_ folder: String) -> URL {
    URL(fileURLWithPath: folder).appendingPathComponent(".tessera/dev/catalog.sqlite")
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
}

func emit(_ object: [String: Any], to path: String?) {
    guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]) else {
        return
    }
    if let path { _ = FileManager.default.createFile(atPath: path, contents: data) }
    print(String(decoding: data, as: UTF8.self))
}

let arguments = Arguments(CommandLine.arguments.dropFirst(2))
do {
    switch CommandLine.arguments.dropFirst().first {
    case "generate":
        guard let folder = arguments.positional.first else {
            fail("usage: catalog-bench generate DIR [--domains N] [--products N] [--columns N]")
        }
        let (d, p, c) = (arguments.int("domains", 100), arguments.int("products", 100), arguments.int("columns", 30))
        let root = URL(fileURLWithPath: folder)
        try? FileManager.default.removeItem(at: root.appendingPathComponent(".tessera"))
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        // The project is tessera.yaml alone: the catalog commands read nothing else once the
        // catalog has metadata (docs/catalog.md).
        try Data(
            "mesh: bench\ndescription: Benchmark W4, written by catalog-bench generate\nenvironments: [dev]\n".utf8
        )
        .write(to: root.appendingPathComponent("tessera.yaml"))
        let started = Date()
        let metadata = generate(domains: d, products: p, columns: c, seed: UInt64(arguments.int("seed", 42)))
        let built = Date().timeIntervalSince(started)
        let store = try SQLiteCatalog(file: catalogFile(folder))
        let recordStart = Date()
        _ = try await store.recordMetadata(metadata, environment: "dev")
        let recorded = Date().timeIntervalSince(recordStart)
        let again = Date()
        let rewrote = try await store.recordMetadata(metadata, environment: "dev")
        let size = (try? FileManager.default.attributesOfItem(atPath: catalogFile(folder).path)[.size] as? Int) ?? 0
        emit(
            [
                "domains": d, "products": d * p, "columns": d * p * c, "generate_seconds": built,
                "record_seconds": recorded,
                "unchanged_record_seconds": Date().timeIntervalSince(again), "unchanged_rewrote": rewrote,
                "catalog_bytes": size,
            ],
            to: arguments.options["out"])
    case "search":
        guard let folder = arguments.positional.first else {
            fail("usage: catalog-bench search DIR [--queries N] [--seed N] [--out FILE]")
        }
        let store = try SQLiteCatalog(file: catalogFile(folder))
        guard let state = try await store.metadataState() else {
            fail("\(catalogFile(folder).path) has no metadata: run generate first")
        }
        let texts = queries(
            count: arguments.int("queries", 1000), seed: UInt64(arguments.int("seed", 42)),
            domains: max(1, state.domainCount))
        let parsed = try texts.map { try CatalogQuery(parsing: $0) }
        _ = try await store.search(parsed[0], limit: 20)  // opens the pool's reader connection
        var timings: [(String, Double, Int)] = []
        for (text, query) in zip(texts, parsed) {
            let start = DispatchTime.now().uptimeNanoseconds
            let hits = try await store.search(query, limit: 20)
            timings.append((text, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6, hits.count))
        }
        let sorted = timings.map(\.1).sorted()
        let slowest = timings.sorted { $0.1 > $1.1 }.prefix(5).map {
            ["query": $0.0, "ms": ($0.1 * 100).rounded() / 100, "hits": $0.2] as [String: Any]
        }
        emit(
            [
                "queries": texts.count, "columns": state.columnCount, "p50_ms": percentile(sorted, 0.5),
                "p95_ms": percentile(sorted, 0.95),
                "max_ms": sorted.last ?? 0, "mean_ms": sorted.reduce(0, +) / Double(max(sorted.count, 1)),
                "with_hits": timings.filter { $0.2 > 0 }.count, "slowest": slowest,
            ], to: arguments.options["out"])
    case "queries":
        for text in queries(
            count: arguments.int("queries", 1000), seed: UInt64(arguments.int("seed", 42)),
            domains: arguments.int("domains", 100))
        {
            print(text)
        }
    default:
        fail("usage: catalog-bench generate DIR | search DIR | queries")
    }
} catch {
    fail("\(error)")
}
