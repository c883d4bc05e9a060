// swift-tools-version:6.0
import Foundation
import PackageDescription

// DuckDB is provisioned by `make setup` (scripts/setup-duckdb.sh) into .deps/duckdb: the header,
// libduckdb.so, and — when it comes from the PyPI wheel — the libpython it needs. The binaries
// find the libraries through an rpath to that folder.
let duckdbLib = Context.packageDirectory + "/.deps/duckdb/lib"
let wheelNeedsPython = FileManager.default.fileExists(atPath: duckdbLib + "/libpython.so")
var duckdbLinker: [LinkerSetting] = [
    .unsafeFlags(["-L", duckdbLib, "-Xlinker", "-rpath", "-Xlinker", duckdbLib])
]
if wheelNeedsPython { duckdbLinker.append(.linkedLibrary("python")) }

let package = Package(
    name: "tessera",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tessera", targets: ["tessera"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        .systemLibrary(name: "CDuckDB", path: "Sources/CDuckDB"),
        // cairo from Debian (scripts/setup-system.sh), for dashboards' PDF and PNG pages.
        .systemLibrary(name: "CCairo", path: "Sources/CCairo", pkgConfig: "cairo"),
        // Charts as scenes of drawing primitives, and those scenes as SVG, PDF and PNG.
        .target(name: "TesseraCharts", dependencies: ["TesseraModel", "CCairo"]),
        .target(name: "DuckDB", dependencies: ["CDuckDB"], linkerSettings: duckdbLinker),
        .target(name: "TesseraModel", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(
            name: "TesseraSQL",
            dependencies: ["DuckDB", "TesseraModel", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "PostgresWire", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // The one HTTP client (URLSession), shared by the HTTP connector and OpenLineage.
        .target(name: "TesseraHTTP"),
        // A domain's DuckDB file: opened, sandboxed, and who holds it.
        .target(name: "TesseraWarehouse", dependencies: ["DuckDB", "TesseraModel"]),
        .target(
            name: "TesseraIngest",
            dependencies: [
                "DuckDB", "TesseraModel", "TesseraHTTP", "TesseraWarehouse", "PostgresWire",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .target(name: "TesseraTransform", dependencies: ["DuckDB", "TesseraModel", "TesseraSQL"]),
        // HMAC-SHA256 for the `hash` mask, in C for the CPU's SHA instructions (see its header).
        .target(name: "CKeyedHash"),
        .target(name: "TesseraQuality", dependencies: ["DuckDB", "TesseraModel", "CKeyedHash"]),
        .target(name: "CSQLiteOptions", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(
            name: "TesseraCatalog",
            dependencies: [
                "TesseraModel", "CSQLiteOptions", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]),
        .target(name: "TesseraLineage", dependencies: ["TesseraModel", "TesseraSQL", "TesseraTransform"]),
        .target(name: "TesseraOpenLineage", dependencies: ["TesseraModel", "TesseraHTTP"]),
        // Alert events, their webhook bodies, routing and retry policy; sent through TesseraHTTP.
        .target(
            name: "TesseraAlerts",
            dependencies: ["TesseraModel", "TesseraHTTP", .product(name: "Crypto", package: "swift-crypto")]),
        // What should run now and why, from the project's automation, a state and the time: pure.
        .target(name: "TesseraAutomation", dependencies: ["TesseraModel"]),
        .target(
            name: "TesseraRuntime",
            dependencies: [
                "DuckDB", "TesseraModel", "TesseraSQL", "TesseraWarehouse", "TesseraIngest", "TesseraTransform",
                "TesseraQuality", "TesseraCatalog", "TesseraLineage", "TesseraOpenLineage",
            ]),
        // The one core every front end calls: the project, runs, products, query, catalog,
        // lineage and the policy gates. Front ends parse, call it and render.
        .target(
            name: "TesseraCore",
            dependencies: [
                "DuckDB", "TesseraModel", "TesseraSQL", "TesseraWarehouse", "TesseraIngest", "TesseraTransform",
                "TesseraQuality", "TesseraCatalog", "TesseraLineage", "TesseraRuntime", "TesseraAutomation",
                "TesseraAlerts", "PostgresWire", "TesseraCharts",
            ]),
        // `tessera serve`'s long-running parts: the automation's ticks, the queue's dispatcher,
        // recovery after a crash, SLA watch; over the core, with an injected clock.
        .target(name: "TesseraService", dependencies: ["TesseraCore", "TesseraModel"]),
        // The web UI of `tessera serve`: pages rendered on the server from the core, as the
        // signed-in principal; its CSS and JavaScript are embedded.
        .target(
            name: "TesseraWeb",
            dependencies: [
                "TesseraCore", "TesseraModel", .product(name: "Hummingbird", package: "hummingbird"),
            ]),
        // The HTTP API of `tessera serve` on Hummingbird: thin handlers over the core.
        .target(
            name: "TesseraServer",
            dependencies: [
                "TesseraCore", "TesseraModel", "TesseraWeb",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        // The PostgreSQL endpoint of `tessera serve`: the protocol as a pure state machine
        // (Protocol/), the catalog clients read at connect (Catalog/), a principal's statements
        // (Session/) and the swift-nio edge (IO/).
        .target(
            name: "PostgresEndpoint",
            dependencies: [
                "PostgresWire", "TesseraCatalog", "TesseraCore", "TesseraModel", "DuckDB",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]),
        .executableTarget(
            name: "tessera",
            dependencies: [
                "TesseraCore", "TesseraModel", "TesseraService", "TesseraServer", "PostgresEndpoint",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What the test targets share: mesh fixtures, temporary folders, an HTTP fixture server
        // and a runner for programs and the real binary. No product and no executable depends on
        // it, so it never ships in `tessera`.
        .target(
            name: "TesseraTesting",
            dependencies: [
                "DuckDB", "TesseraModel", "TesseraSQL", "TesseraTransform", "TesseraIngest", "TesseraLineage",
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]),
        .executableTarget(name: "decode-bench", dependencies: ["DuckDB"], path: "Benchmarks/decode/Sources"),
        .executableTarget(
            name: "catalog-bench", dependencies: ["TesseraModel", "TesseraCatalog"],
            path: "Benchmarks/w4-catalog/Sources"),
        .executableTarget(
            name: "lineage-bench", dependencies: ["TesseraModel", "TesseraLineage"],
            path: "Benchmarks/w4b-lineage/Sources"),
        .executableTarget(name: "web-bench", dependencies: ["TesseraWeb"], path: "Benchmarks/w9-web/Sources"),
        .testTarget(name: "DuckDBTests", dependencies: ["DuckDB"]),
        .testTarget(
            name: "TesseraModelTests", dependencies: ["TesseraModel", "TesseraTesting"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TesseraSQLTests", dependencies: ["TesseraSQL", "DuckDB"]),
        .testTarget(name: "PostgresWireTests", dependencies: ["PostgresWire"]),
        .testTarget(
            name: "PostgresEndpointTests",
            dependencies: [
                "PostgresEndpoint", "PostgresWire", "TesseraCatalog", "TesseraCore", "TesseraModel", "TesseraTesting",
                "DuckDB",
            ]),
        .testTarget(
            name: "TesseraIngestTests",
            dependencies: [
                "TesseraIngest", "TesseraHTTP", "PostgresWire", "TesseraTesting",
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]),
        .testTarget(
            name: "TesseraWarehouseTests",
            dependencies: ["TesseraWarehouse", "DuckDB", "TesseraModel", "TesseraTesting"]),
        .testTarget(name: "TesseraTransformTests", dependencies: ["TesseraTransform", "TesseraTesting"]),
        .testTarget(
            name: "TesseraQualityTests",
            dependencies: ["TesseraQuality", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "TesseraCatalogTests", dependencies: ["TesseraCatalog", "TesseraTesting"]),
        .testTarget(name: "TesseraLineageTests", dependencies: ["TesseraLineage", "TesseraTesting"]),
        .testTarget(
            name: "TesseraOpenLineageTests",
            dependencies: [
                "TesseraOpenLineage", "TesseraHTTP", "TesseraTesting",
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]),
        .testTarget(name: "TesseraRuntimeTests", dependencies: ["TesseraRuntime"]),
        .testTarget(name: "TesseraChartsTests", dependencies: ["TesseraCharts", "TesseraModel"]),
        .testTarget(name: "TesseraAutomationTests", dependencies: ["TesseraAutomation", "TesseraModel"]),
        .testTarget(
            name: "TesseraAlertsTests",
            dependencies: [
                "TesseraAlerts", "TesseraModel", "TesseraHTTP", "TesseraTesting",
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]),
        .testTarget(
            name: "TesseraCoreTests",
            dependencies: [
                "TesseraCore", "TesseraModel", "TesseraTesting", "PostgresWire",
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]),
        .testTarget(
            name: "TesseraServerTests",
            dependencies: ["TesseraServer", "TesseraCore", "TesseraModel", "TesseraTesting"]),
        .testTarget(name: "TesseraWebTests", dependencies: ["TesseraWeb", "TesseraCore", "TesseraModel"]),
        .testTarget(
            name: "TesseraServiceTests",
            dependencies: ["TesseraService", "TesseraCore", "TesseraModel", "TesseraCatalog", "TesseraTesting"]),
        .testTarget(
            name: "TesseraEndToEndTests",
            dependencies: [
                "tessera", "DuckDB", "TesseraCatalog", "TesseraTesting",
                .product(name: "FlyingFox", package: "FlyingFox"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "TesseraTestingTests",
            dependencies: ["TesseraTesting", .product(name: "FlyingFox", package: "FlyingFox")]),
    ],
    swiftLanguageModes: [.v6]
)
