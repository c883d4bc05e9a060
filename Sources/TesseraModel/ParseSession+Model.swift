import Foundation
import Yams

extension ParseSession {
    static let modelKeys =
        [
            "name", "description", "materialized", "incremental", "snapshot", "tags", "columns", "checks",
        ] + automationKeys
    static let incrementalKeys = ["time_column", "unique_key"]
    static let snapshotKeys = ["unique_key", "updated_at", "check_columns"]
    static let modelColumnKeys = ["description", "checks"]

    func loadModels(domain: String) -> [Model] {
        let folder = "domains/\(domain)/models"
        guard isDirectory(folder) else { return [] }
        let files = modelFiles(in: folder)
        return files.order.compactMap {
            loadModel(named: $0, domain: domain, folder: folder, sqlFile: files.sql[$0], configFile: files.config[$0])
        }.sorted { $0.name < $1.name }
    }

    /// The `.sql` and `.yaml` files of a models folder, by model name, in the order met; reports
    /// other files, two configuration files for one model, and invalid names.
    private func modelFiles(in folder: String) -> (sql: [String: String], config: [String: String], order: [String]) {
        var sqlFiles: [String: String] = [:]
        var configFiles: [String: String] = [:]
        var order: [String] = []
        for entry in entries(of: folder) {
            let path = "\(folder)/\(entry)"
            guard let dot = entry.lastIndex(of: "."), !isDirectory(path),
                ["sql", "yaml", "yml"].contains(String(entry[entry.index(after: dot)...]))
            else {
                sink.warning(
                    "'\(path)' is not a model file and is ignored", at: .start(of: path),
                    hint: "models are <name>.sql files, each with an optional <name>.yaml")
                continue
            }
            let name = String(entry[..<dot])
            if entry.hasSuffix(".sql") {
                sqlFiles[name] = path
            } else if let first = configFiles[name] {
                sink.error(
                    "model '\(name)' has two configuration files: \(first) and \(path)", at: .start(of: path),
                    hint: "keep one of them")
                continue
            } else {
                configFiles[name] = path
            }
            if !order.contains(name) {
                order.append(name)
                if !Name.isValid(name) {
                    sink.error(
                        invalidNameMessage(name, kind: "model"), at: .start(of: path),
                        hint: Name.suggestion(for: name).map { "rename the model's files to \($0).sql / \($0).yaml" })
                }
            }
        }

        return (sqlFiles, configFiles, order)
    }

    /// One model from its files; nil (reported) without a readable `.sql` file or with an invalid name.
    private func loadModel(named name: String, domain: String, folder: String, sqlFile: String?, configFile: String?)
        -> Model?
    {
        guard let sqlFile else {
            let configFile = configFile ?? folder
            sink.error(
                "model '\(name)' has a configuration file but no \(name).sql", at: .start(of: configFile),
                hint: "add \(folder)/\(name).sql with the model's SELECT, or remove \(configFile)")
            var scratch = Model(name: name, domain: domain, sql: "", sqlFile: "", location: .start(of: configFile))
            readModelConfig(configFile, into: &scratch)
            return nil
        }
        guard let sql = try? String(contentsOf: url(sqlFile), encoding: .utf8) else {
            sink.error("cannot read \(sqlFile) as UTF-8 text", at: .start(of: sqlFile))
            return nil
        }
        if sql.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            sink.error(
                "\(sqlFile) is empty", at: .start(of: sqlFile),
                hint: "a model is one SELECT statement (CTEs allowed)")
        }
        var model = Model(
            name: name, domain: domain, sql: sql, sqlFile: sqlFile, configFile: configFile,
            location: .start(of: sqlFile))
        if let configFile { readModelConfig(configFile, into: &model) }
        return Name.isValid(name) ? model : nil
    }

    private func readModelConfig(_ file: String, into model: inout Model) {
        guard let document = YAMLFile.read(url(file), path: file, into: sink) else { return }
        let reader = reader(for: file)
        guard let root = reader.mapping(document.root, path: "") else { return }
        root.allowKeys(ParseSession.modelKeys)
        checkNameKey(root, expected: model.name, kind: "model", fileKind: "file")
        model.description = root.text("description")
        model.tags = root.tags()
        model.materialization = readMaterialization(root)
        model.automation = readAutomation(root)

        if let columns = root.mapping("columns") {
            for entry in columns.entries {
                let path = "columns.\(entry.key)"
                var column = Model.Column(name: entry.key, location: reader.location(entry.keyNode))
                if !entry.value.isNull, let details = reader.mapping(entry.value, path: path) {
                    details.allowKeys(ParseSession.modelColumnKeys)
                    column.description = details.text("description")
                    if let checks = details.value("checks") {
                        column.checks = register(
                            reader.checks(checks, path: "\(path).checks", column: entry.key), reader: reader)
                    }
                }
                model.columns.append(column)
            }
        }
        if let checks = root.value("checks") {
            model.checks = register(reader.checks(checks, path: "checks", column: nil), reader: reader)
        }
    }

    /// Notes the relationship targets of model checks, checked once every product is read.
    private func register(_ checks: [ParsedCheck], reader: YAMLReader) -> [Check] {
        for parsed in checks {
            if case let .relationship(_, reference) = parsed.check.kind {
                relationshipReferences.append(
                    .init(reference: reference, location: reader.location(parsed.relationshipNode)))
            }
        }
        return checks.map(\.check)
    }

    private func readMaterialization(_ root: MappingReader) -> Materialization {
        let reader = root.reader
        let kind = root.enumeration("materialized", as: Materialization.Kind.self) ?? .table
        let incremental = root.mapping("incremental")
        let snapshot = root.mapping("snapshot")
        incremental?.allowKeys(ParseSession.incrementalKeys)
        snapshot?.allowKeys(ParseSession.snapshotKeys)
        if kind != .incremental, let block = incremental, block.node != nil {
            reader.warning(
                "'incremental' is ignored unless materialized is incremental", at: root.entry("incremental")?.keyNode)
        }
        if kind != .snapshot, let block = snapshot, block.node != nil {
            reader.warning("'snapshot' is ignored unless materialized is snapshot", at: root.entry("snapshot")?.keyNode)
        }
        switch kind {
        case .view: return .view
        case .table: return .table
        case .incremental: return readIncremental(incremental, root: root)
        case .snapshot: return readSnapshot(snapshot, root: root)
        }
    }

    /// `incremental: {time_column}` (interval mode) or `{unique_key}` (key mode); a table when
    /// neither is given (reported).
    private func readIncremental(_ incremental: MappingReader?, root: MappingReader) -> Materialization {
        let reader = root.reader
        guard let block = incremental, block.node != nil else {
            reader.error(
                "materialized: incremental needs an 'incremental' block", at: root.value("materialized"),
                hint:
                    "add `incremental: {time_column: <column>}` (interval mode) or `incremental: {unique_key: [<column>]}` (key mode)"
            )
            return .table
        }
        let timeColumn = block.identifier("time_column")
        let uniqueKey = block.strings("unique_key")?.map(\.value)
        switch (timeColumn, uniqueKey) {
        case let (column?, nil): return .incremental(.interval(timeColumn: column))
        case let (nil, key?) where !key.isEmpty: return .incremental(.uniqueKey(key))
        case (_?, _?):
            reader.error(
                "give either 'incremental.time_column' or 'incremental.unique_key', not both",
                at: block.entry("unique_key")?.keyNode)
        default:
            if !block.has("time_column"), !block.has("unique_key") {
                reader.error("missing required key 'time_column' or 'unique_key' in 'incremental'", at: block.node)
            }
        }
        return .table
    }

    /// `snapshot: {unique_key, updated_at | check_columns}`; a table when it is incomplete (reported).
    private func readSnapshot(_ snapshot: MappingReader?, root: MappingReader) -> Materialization {
        let reader = root.reader
        guard let block = snapshot, block.node != nil else {
            reader.error(
                "materialized: snapshot needs a 'snapshot' block", at: root.value("materialized"),
                hint:
                    "add `snapshot: {unique_key: [<column>], updated_at: <column>}` or use check_columns instead of updated_at"
            )
            return .table
        }
        let uniqueKey = block.required("unique_key").flatMap { reader.strings($0, path: "snapshot.unique_key") }?
            .map(\.value)
        let updatedAt = block.identifier("updated_at")
        let checkColumns = block.strings("check_columns")?.map(\.value)
        let detection: SCD2Strategy.ChangeDetection
        switch (updatedAt, checkColumns) {
        case let (column?, nil): detection = .updatedAt(column)
        case let (nil, columns?) where !columns.isEmpty: detection = .checkColumns(columns)
        case (_?, _?):
            reader.error(
                "give either 'snapshot.updated_at' or 'snapshot.check_columns', not both",
                at: block.entry("check_columns")?.keyNode)
            return .table
        default:
            if !block.has("updated_at"), !block.has("check_columns") {
                reader.error("missing required key 'updated_at' or 'check_columns' in 'snapshot'", at: block.node)
            }
            return .table
        }
        guard let uniqueKey, !uniqueKey.isEmpty else { return .table }
        return .scd2(SCD2Strategy(uniqueKey: uniqueKey, changeDetection: detection))
    }
}
