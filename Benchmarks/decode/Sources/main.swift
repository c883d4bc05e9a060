// The Swift side of the decode benchmark: one query of N rows × (BIGINT, DOUBLE, VARCHAR,
// TIMESTAMP), read either as rows of DuckDBValue (like Python's fetchall) or as four typed
// columns (like Python's fetchnumpy). Every value is kept until the end and folded into a
// checksum that is printed, so none of the work can be skipped.
//
// usage: decode-bench materialize|columns|scan N
import DuckDB
import Foundation

func query(_ rows: Int) -> String {
    """
    SELECT i::BIGINT AS a, i::DOUBLE * 1.5 AS b, 'name_' || i AS c, TIMESTAMP '2020-01-01' + to_seconds(i) AS d
    FROM range(\(rows)) t(i)
    """
}

/// Rows of values, like `fetchall()`.
func materialize(_ connection: Connection, rows: Int) throws -> (count: Int, checksum: UInt64) {
    let result = try connection.query(query(rows)).rows()
    var checksum: UInt64 = 0
    for row in result {
        for value in row {
            switch value {
            case .bigint(let v): checksum &+= UInt64(bitPattern: v)
            case .double(let v): checksum &+= UInt64(v)
            case .varchar(let v): checksum &+= UInt64(v.utf8.count)
            case .timestamp(let v): checksum &+= UInt64(bitPattern: v.value) & 0xFFFF
            default: checksum &+= 1
            }
        }
    }
    return (result.count, checksum)
}

/// Four typed columns, like `fetchnumpy()`.
func columns(_ connection: Connection, rows: Int) throws -> (count: Int, checksum: UInt64) {
    var a = TypedColumn<Int64>(), b = TypedColumn<Double>(), c = TypedColumn<String>(), d = TypedColumn<Int64>()
    try connection.query(query(rows)).forEachChunk { chunk in
        try chunk.append(column: 0, to: &a)
        try chunk.append(column: 1, to: &b)
        try chunk.append(column: 2, to: &c)
        try chunk.append(column: 3, to: &d)
    }
    var checksum: UInt64 = 0
    for v in a.values { checksum &+= UInt64(bitPattern: v) }
    for v in b.values { checksum &+= UInt64(v) }
    for v in c.values { checksum &+= UInt64(v.utf8.count) }
    for v in d.values { checksum &+= UInt64(bitPattern: v) & 0xFFFF }
    return (a.count, checksum)
}

/// Only fetches the chunks: the floor that DuckDB's own execution and streaming set.
func scan(_ connection: Connection, rows: Int) throws -> (count: Int, checksum: UInt64) {
    let count = try connection.query(query(rows)).drain()
    return (count, 0)
}

let arguments = CommandLine.arguments
guard arguments.count == 3, let rows = Int(arguments[2]), rows >= 0,
    ["materialize", "columns", "scan"].contains(arguments[1])
else {
    FileHandle.standardError.write(Data("usage: decode-bench materialize|columns|scan N\n".utf8))
    exit(2)
}
do {
    // DECODE_BENCH_OPTIONS="threads=1,memory_limit=2GB" passes DuckDB options through, for experiments.
    var options: [String: String] = [:]
    for pair in (ProcessInfo.processInfo.environment["DECODE_BENCH_OPTIONS"] ?? "").split(separator: ",") {
        let parts = pair.split(separator: "=", maxSplits: 1)
        if parts.count == 2 { options[String(parts[0])] = String(parts[1]) }
    }
    let connection = try Database.inMemory(options: options).connect()
    let clock = ContinuousClock()
    let start = clock.now
    let (count, checksum) =
        switch arguments[1] {
        case "materialize": try materialize(connection, rows: rows)
        case "columns": try columns(connection, rows: rows)
        default: try scan(connection, rows: rows)
        }
    let elapsed = clock.now - start
    print(
        "\(arguments[1]) rows=\(count) checksum=\(checksum) seconds=\(elapsed.components.seconds).\(String(format: "%03d", elapsed.components.attoseconds / 1_000_000_000_000_000))"
    )
    guard count == rows else {
        FileHandle.standardError.write(Data("expected \(rows) rows, read \(count)\n".utf8))
        exit(1)
    }
} catch {
    FileHandle.standardError.write(Data("decode-bench: \(error)\n".utf8))
    exit(1)
}
