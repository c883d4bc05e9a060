import DuckDB
import Foundation
import TesseraModel

/// The csv, json and parquet connectors: a glob of local files, read by DuckDB's own readers.
///
/// Nothing passes through Swift but file names: DuckDB parses, types and writes the batch.
/// Files already loaded with the same fingerprint are skipped (append, incremental); a full
/// load reloads everything as soon as any file changed, appeared or vanished.
struct FileExtractor {
    var source: Source
    var connector: FileConnector
    var projectRoot: URL
    var loadID: LoadID

    func extract(on connection: Connection) throws -> ExtractOutcome {
        let files = try matchingFiles(on: connection)
        guard !files.isEmpty else {
            throw IngestError(
                .configuration, "no file matches '\(connector.path)'",
                hint: connector.path.value.hasPrefix("/")
                    ? "check the connector's path" : "check the connector's path; it is relative to the project root",
                location: source.location)
        }
        let fingerprints = try files.map { try FileFingerprint.of($0, projectRoot: projectRoot) }
        let selected: [FileFingerprint]
        switch source.load.mode {
        case .full:
            let previous = try LoadLedger.lastLoadFiles(source: source.name, matching: fingerprints, on: connection)
            let current = Dictionary(uniqueKeysWithValues: fingerprints.map { ($0.key, $0.fingerprint) })
            if previous == current { return .nothingNew(inputs: files.count) }
            selected = fingerprints
        case .append, .incremental:
            let loaded = try LoadLedger.loadedFiles(source: source.name, matching: fingerprints, on: connection)
            selected = fingerprints.filter { loaded[$0.key] != $0.fingerprint }
            if selected.isEmpty { return .nothingNew(inputs: files.count) }
        }
        return .batch(try readerExtraction(for: selected, on: connection))
    }

    /// The connector's path, absolute (it may be relative to the project root).
    func absolutePattern() -> String {
        let path = connector.path.value
        return path.hasPrefix("/") ? path : projectRoot.appendingPathComponent(path).path
    }

    func matchingFiles(on connection: Connection) throws -> [URL] {
        let pattern = absolutePattern()
        if connector.glob.isLiteral {
            return FileManager.default.fileExists(atPath: pattern) ? [URL(fileURLWithPath: pattern)] : []
        }
        // DuckDB's own glob, so that the files matched are exactly the ones its readers would read.
        let rows = try connection.rows("SELECT file FROM glob($1) ORDER BY file", .varchar(pattern))
        return rows.compactMap { row in
            if case .varchar(let path)? = row.first { return URL(fileURLWithPath: path) }
            return nil
        }
    }

    private func readerExtraction(for files: [FileFingerprint], on connection: Connection) throws -> Extraction {
        switch source.connector.kind {
        case .csv: return try csvExtraction(files, on: connection)
        case .json:
            let parameters = try ReaderOptions.parameters(connector.options, known: ReaderOptions.json, source: source)
            let args = ([SQL.list(files.map(\.path)), "filename='_source_file'"] + parameters).joined(separator: ", ")
            return Extraction(selectSQL: "SELECT * FROM read_json(\(args))", files: files, inputs: files.count)
        default:
            let parameters = try ReaderOptions.parameters(
                connector.options, known: ReaderOptions.parquet, source: source)
            let args = ([SQL.list(files.map(\.path)), "filename='_source_file'"] + parameters).joined(separator: ", ")
            return Extraction(selectSQL: "SELECT * FROM read_parquet(\(args))", files: files, inputs: files.count)
        }
    }

    /// CSV files are read with the declared types and `store_rejects`, so a line that does not
    /// parse (a bad cast, broken quoting, a wrong column count) is set aside with its line number
    /// and text instead of failing the load. Files with different headers are read by separate
    /// reader calls (DuckDB cannot keep rejects while unioning by name) and unioned by name.
    private func csvExtraction(_ files: [FileFingerprint], on connection: Connection) throws -> Extraction {
        let parameters = try ReaderOptions.parameters(connector.options, known: ReaderOptions.csv, source: source)
        var groups: [[String]: [FileFingerprint]] = [:]
        var order: [[String]] = []
        for file in files {
            let header = try columnNames(of: file.path, parameters: parameters, on: connection)
            if groups[header] == nil { order.append(header) }
            groups[header, default: []].append(file)
        }
        var selects: [String] = []
        var rejectTables: [(String, String)] = []
        let declared = Dictionary(
            (source.schema?.columns ?? []).map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a })
        let naming: ColumnNaming.StandardizedNames =
            source.standardize.columnNames == .snakeCase ? .snakeCase : .preserve
        for (index, header) in order.enumerated() {
            let standardized = ColumnNaming.standardize(header, style: naming)
            let types = zip(header, standardized).compactMap { raw, name in declared[name].map { (raw, $0) } }
            let suffix = "\(index)_\(UInt32.random(in: 0...UInt32.max))"
            let errors = "tessera_rejects_\(suffix)", scans = "tessera_scans_\(suffix)"
            rejectTables.append((errors, scans))
            var args = [
                SQL.list(groups[header, default: []].map(\.path)), "filename='_source_file'",
                "store_rejects=true", "rejects_table=\(SQL.literal(errors))", "rejects_scan=\(SQL.literal(scans))",
            ]
            if !types.isEmpty { args.append("types=\(SQL.structLiteral(types))") }
            args += parameters
            selects.append("SELECT * FROM read_csv(\(args.joined(separator: ", ")))")
        }
        return Extraction(
            selectSQL: selects.joined(separator: "\nUNION ALL BY NAME\n"), files: files,
            csvRejectTables: rejectTables, inputs: files.count)
    }

    private func relative(_ path: String) -> String {
        path.hasPrefix(projectRoot.path + "/") ? String(path.dropFirst(projectRoot.path.count + 1)) : path
    }

    private func columnNames(of path: String, parameters: [String], on connection: Connection) throws -> [String] {
        // With store_rejects the sniffer tolerates lines it cannot parse, as the load itself will.
        let args = ([SQL.literal(path), "store_rejects=true"] + parameters).joined(separator: ", ")
        let rows: [[DuckDBValue]]
        do {
            rows = try connection.rows("DESCRIBE SELECT * FROM read_csv(\(args))")
        } catch let error as DuckDBError {
            throw IngestError(
                .data, "cannot read \(relative(path)): \(DuckDBMessage.summary(error.message))",
                hint:
                    "check the file, or set the connector's options (delimiter, quote, escape, header) so DuckDB need not guess them",
                location: source.location)
        }
        return rows.compactMap { row in
            if case .varchar(let name)? = row.first { return name }
            return nil
        }
    }
}
