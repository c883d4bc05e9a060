import Yams

extension ParseSession {
    static let fileConnectorKeys = ["type", "path", "options"]
    static let postgresConnectorKeys = ["type", "url", "table", "query"]
    static let httpConnectorKeys = [
        "type", "url", "method", "headers", "params", "records", "pagination", "retries", "rate_limit", "timeout",
    ]
    static let httpRetriesKeys = ["max_attempts", "backoff", "max_backoff"]

    func readConnector(_ node: Node, reader: YAMLReader) -> Connector? {
        guard let mapping = reader.mapping(node, path: "connector") else { return nil }
        guard
            let typeNode = mapping.required(
                "type", hint: "one of " + Connector.Kind.allCases.map(\.rawValue).joined(separator: ", ")),
            let kind = reader.enumeration(typeNode, path: "connector.type", as: Connector.Kind.self)
        else { return nil }
        switch kind {
        case .csv, .json, .parquet:
            mapping.allowKeys(ParseSession.fileConnectorKeys)
            guard let file = readFileConnector(mapping) else { return nil }
            return kind == .csv ? .csv(file) : kind == .json ? .json(file) : .parquet(file)
        case .postgres:
            mapping.allowKeys(ParseSession.postgresConnectorKeys)
            return readPostgresConnector(mapping).map(Connector.postgres)
        case .http:
            mapping.allowKeys(ParseSession.httpConnectorKeys)
            return readHTTPConnector(mapping).map(Connector.http)
        }
    }

    private func readFileConnector(_ mapping: MappingReader) -> FileConnector? {
        let options = mapping.mapping("options").map { settings($0, credentials: false) } ?? []
        // A path is no credential: it is recorded with each load and in every row's
        // `_source_file`, so it is written literally.
        guard
            let node = mapping.required(
                "path", hint: "a file or glob relative to the project root, e.g. data/orders/*.csv"),
            let path = mapping.reader.text(node, path: "connector.path")
        else { return nil }
        do {
            let glob = try Glob(parsing: path)
            return FileConnector(path: ConfigString(stringLiteral: path), glob: glob, options: options)
        } catch {
            mapping.reader.error(
                "invalid glob in 'connector.path': \(error.reason)", at: node,
                hint: "use * and ** for any names, ? for one character, [abc] for a set; write \\[ for a literal [")
            return nil
        }
    }

    private func readPostgresConnector(_ mapping: MappingReader) -> PostgresConnector? {
        let url = mapping.required("url", hint: "e.g. `url: ${SHOP_DB_URL}` holding postgres://user:pass@host:port/db")
            .flatMap { mapping.reader.secret($0, path: "connector.url") }
        let table = mapping.text("table").map(ConfigString.init(stringLiteral:))
        let query = mapping.text("query").map(ConfigString.init(stringLiteral:))
        let target: PostgresConnector.Target
        switch (table, query) {
        case let (table?, nil): target = .table(table)
        case let (nil, query?): target = .query(query)
        case (_?, _?):
            mapping.reader.error(
                "give either 'connector.table' or 'connector.query', not both", at: mapping.entry("query")?.keyNode)
            return nil
        case (nil, nil):
            if !mapping.has("table"), !mapping.has("query") {
                mapping.reader.error(
                    "missing required key 'table' in 'connector'", at: mapping.node,
                    hint: "name a table (`table: public.orders`) or give a `query:`")
            }
            return nil
        }
        guard let url else { return nil }
        return PostgresConnector(url: url, target: target)
    }

    private func readHTTPConnector(_ mapping: MappingReader) -> HTTPConnector? {
        let reader = mapping.reader
        let url = mapping.required("url").flatMap { reader.secret($0, path: "connector.url") }
        let method = mapping.enumeration("method", as: HTTPConnector.Method.self) ?? .GET
        let headers = mapping.mapping("headers").map { settings($0, credentials: true) } ?? []
        let params = mapping.mapping("params").map { settings($0, credentials: true) } ?? []
        var records = ""
        if let node = mapping.value("records"), let pointer = reader.literal(node, path: "connector.records") {
            if pointer.isEmpty || pointer.hasPrefix("/") {
                records = pointer
            } else {
                reader.error(
                    "'connector.records' must be a JSON pointer, found '\(pointer)'", at: node,
                    hint: "start it with /, e.g. /data or /results/items")
            }
        }
        var pagination: HTTPConnector.Pagination?
        if let block = mapping.mapping("pagination"),
            let typeNode = block.required(
                "type", hint: "one of " + HTTPConnector.Pagination.Kind.allCases.map(\.rawValue).joined(separator: ", ")
            ),
            let kind = reader.enumeration(
                typeNode, path: "connector.pagination.type", as: HTTPConnector.Pagination.Kind.self)
        {
            pagination = HTTPConnector.Pagination(
                kind: kind, settings: settings(block, credentials: false).filter { $0.name != "type" })
        }
        let retries = mapping.mapping("retries").map(readHTTPRetries) ?? HTTPConnector.Retries()
        var rateLimit: Double?
        if let node = mapping.value("rate_limit"), let rate = reader.number(node, path: "connector.rate_limit") {
            if rate > 0, rate.isFinite {
                rateLimit = rate
            } else {
                reader.error(
                    "'connector.rate_limit' must be more than 0 requests per second, found \(node.valueDescription)",
                    at: node,
                    hint:
                        "e.g. `rate_limit: 10` for ten requests a second, `rate_limit: 0.5` for one every two seconds; leave it out for no limit"
                )
            }
        }
        var timeout = HTTPConnector.defaultTimeout
        if let node = mapping.value("timeout"), let span = reader.timeSpan(node, path: "connector.timeout") {
            if span.seconds > 0 {
                timeout = span
            } else {
                reader.error(
                    "'connector.timeout' must be longer than 0s", at: node,
                    hint: "e.g. `timeout: 30s` (the default) or `timeout: 2m`")
            }
        }
        guard let url else { return nil }
        return HTTPConnector(
            url: url, method: method, headers: headers, params: params, records: records, pagination: pagination,
            retries: retries, rateLimit: rateLimit, timeout: timeout)
    }

    /// `retries: {max_attempts: 5, backoff: 1s, max_backoff: 60s}`; a bad value is reported and its default kept.
    private func readHTTPRetries(_ block: MappingReader) -> HTTPConnector.Retries {
        let reader = block.reader
        block.allowKeys(ParseSession.httpRetriesKeys)
        var retries = HTTPConnector.Retries()
        if let node = block.value("max_attempts"),
            let attempts = reader.integer(node, path: "connector.retries.max_attempts")
        {
            if attempts >= 1 {
                retries.maxAttempts = attempts
            } else {
                reader.error(
                    "'connector.retries.max_attempts' must be at least 1, found \(attempts)", at: node,
                    hint: "it counts the first request too: 1 turns retries off, 5 (the default) allows four retries")
            }
        }
        let backoffNode = block.value("backoff")
        if let node = backoffNode, let span = reader.timeSpan(node, path: "connector.retries.backoff") {
            retries.backoff = span
        }
        if let node = block.value("max_backoff"),
            let span = reader.timeSpan(node, path: "connector.retries.max_backoff")
        {
            retries.maxBackoff = span
        }
        if retries.maxBackoff < retries.backoff {
            reader.error(
                "'connector.retries.max_backoff' (\(retries.maxBackoff)) is shorter than 'connector.retries.backoff' (\(retries.backoff))",
                at: block.value("max_backoff") ?? backoffNode ?? block.node,
                hint: "the wait doubles from backoff up to max_backoff, e.g. `backoff: 1s, max_backoff: 60s`")
            retries.maxBackoff = retries.backoff
        }
        return retries
    }

    /// A mapping of scalar settings, in the order written. Only `credentials` (headers, params)
    /// may take `${NAME}` from the environment; reader options and pagination are written literally.
    private func settings(_ mapping: MappingReader, credentials: Bool) -> [ConnectorSetting] {
        mapping.entries.compactMap { entry in
            guard !entry.value.isNull else { return nil }
            let path = mapping.qualified(entry.key)
            let value =
                credentials
                ? mapping.reader.secret(entry.value, path: path)
                : mapping.reader.text(entry.value, path: path).map(ConfigString.init(stringLiteral:))
            return value.map { ConnectorSetting(name: entry.key, value: $0) }
        }
    }
}
