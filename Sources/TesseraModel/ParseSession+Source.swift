import Yams

extension ParseSession {
    static let sourceKeys = ["name", "description", "connector", "load", "schema", "standardize"] + automationKeys
    static let loadKeys = ["mode", "cursor", "primary_key"]
    static let schemaKeys = ["on_change", "max_rejected", "columns"]
    static let schemaColumnKeys = ["name", "type", "nullable", "description", "classification"]
    static let standardizeKeys = ["column_names", "trim_strings", "empty_as_null"]

    func loadSources(domain: String) -> [Source] {
        namedFiles(in: "domains/\(domain)/sources", kind: "source").compactMap { name, file in
            let source = loadSource(file: file, name: name, domain: domain)
            return Name.isValid(name) ? source : nil
        }
    }

    private func loadSource(file: String, name: String, domain: String) -> Source? {
        guard let document = YAMLFile.read(url(file), path: file, into: sink) else { return nil }
        let reader = reader(for: file)
        guard let root = reader.mapping(document.root, path: "") else { return nil }
        root.allowKeys(ParseSession.sourceKeys)
        checkNameKey(root, expected: name, kind: "source", fileKind: "file")
        let description = root.text("description")
        let connector = root.required("connector", hint: "e.g. `connector: {type: csv, path: data/orders.csv}`")
            .flatMap { readConnector($0, reader: reader) }
        let load = root.mapping("load").map { readLoad($0) } ?? LoadSettings()
        let schema = root.mapping("schema").map { readSchema($0) }
        let standardize = root.mapping("standardize").map { readStandardize($0) } ?? Standardization()
        let automation = readAutomation(root, eagerRefusal: connector.flatMap(Self.eagerRefusal))
        guard let connector else { return nil }
        return Source(
            name: name, domain: domain, description: description, connector: connector, load: load,
            schema: schema, standardize: standardize, automation: automation, location: root.location)
    }

    /// Why a source reading `connector` cannot be eager, when it cannot: only files announce new data.
    private static func eagerRefusal(_ connector: Connector) -> (message: String, hint: String)? {
        guard !connector.isFile else { return nil }
        return (
            "'automation: eager' watches files for new data, and a \(connector.kind.rawValue) source reads none",
            "schedule its loads instead, e.g. `schedule: \"0 * * * *\"` (every hour, UTC)"
        )
    }

    private func readLoad(_ mapping: MappingReader) -> LoadSettings {
        mapping.allowKeys(ParseSession.loadKeys)
        var load = LoadSettings()
        let mode = mapping.enumeration("mode", as: LoadSettings.Mode.self)
        load.mode = mode ?? .full
        let cursor = mapping.identifier("cursor")
        if mode == nil, mapping.has("mode") {
            load.cursor = cursor  // the mode is wrong, not necessarily the cursor: nothing more to say
        } else if load.mode == .incremental {
            if let cursor {
                load.cursor = cursor
            } else {
                mapping.reader.error(
                    "missing required key 'cursor' in 'load' (mode incremental)", at: mapping.node,
                    hint: "name the column that grows with each change, e.g. `cursor: updated_at`")
            }
        } else if cursor != nil {
            mapping.reader.warning(
                "'load.cursor' is ignored unless load.mode is incremental", at: mapping.entry("cursor")?.keyNode)
        }
        load.primaryKey = mapping.strings("primary_key")?.map(\.value) ?? []
        return load
    }

    private func readSchema(_ mapping: MappingReader) -> SourceSchema {
        mapping.allowKeys(ParseSession.schemaKeys)
        let reader = mapping.reader
        var schema = SourceSchema()
        schema.onChange = mapping.enumeration("on_change", as: SourceSchema.OnChange.self) ?? .evolve
        if let node = mapping.value("max_rejected"), let fraction = reader.number(node, path: "schema.max_rejected") {
            if (0...1).contains(fraction) {
                schema.maxRejected = fraction
            } else {
                reader.error(
                    "'schema.max_rejected' must be a fraction between 0 and 1, found \(node.valueDescription)",
                    at: node,
                    hint: "0.01 lets 1% of the rows be rejected before the load fails")
            }
        }
        guard let items = mapping.list("columns") else { return schema }
        var seen: [String: SourceLocation] = [:]
        for (index, item) in items.enumerated() {
            let path = "schema.columns[\(index + 1)]"
            guard let column = reader.mapping(item, path: path) else { continue }
            let (type, typeKeys) = column.sqlType(
                "type", hint: "a DuckDB type such as BIGINT, VARCHAR or DECIMAL(12,2)")
            column.allowKeys(ParseSession.schemaColumnKeys, besides: typeKeys)
            let name = column.required("name").flatMap { reader.literal($0, path: "\(path).name") }
            let nullable = column.bool("nullable") ?? true
            let description = column.text("description")
            let classification = column.enumeration("classification", as: Classification.self)
            guard let name, let type else { continue }
            if let first = seen[name] {
                reader.error(
                    "column '\(name)' is declared twice in 'schema.columns'", at: column.value("name"),
                    hint: "first declared at line \(first.line)")
                continue
            }
            seen[name] = column.location
            schema.columns.append(
                .init(
                    name: name, type: type, nullable: nullable, description: description,
                    classification: classification, location: column.location))
        }
        return schema
    }

    private func readStandardize(_ mapping: MappingReader) -> Standardization {
        mapping.allowKeys(ParseSession.standardizeKeys)
        return Standardization(
            columnNames: mapping.enumeration("column_names", as: Standardization.ColumnNames.self) ?? .snakeCase,
            trimStrings: mapping.bool("trim_strings") ?? true,
            emptyAsNull: mapping.bool("empty_as_null") ?? true
        )
    }
}
