import Foundation
import Yams

extension ParseSession {
    static let dashboardKeys = [
        "title", "description", "owner", "readers", "columns", "parameters", "charts", "deliver",
    ]
    static let parameterKeys = ["type", "label", "default", "query"]
    static let chartKeys = [
        "title", "sql", "type", "x", "y", "series", "compare", "columns", "sort", "number_format", "date_format",
        "x_title", "y_title", "bins", "width", "height",
    ]

    func loadDashboards(domain: Domain) -> [Dashboard] {
        namedFiles(in: "domains/\(domain.name)/dashboards", kind: "dashboard").compactMap { name, file in
            let dashboard = loadDashboard(file: file, name: name, domain: domain.name)
            return Name.isValid(name) ? dashboard : nil
        }
    }

    private func loadDashboard(file: String, name: String, domain: String) -> Dashboard? {
        guard let document = YAMLFile.read(url(file), path: file, into: sink) else { return nil }
        let reader = reader(for: file)
        guard let root = reader.mapping(document.root, path: "") else { return nil }
        root.allowKeys(ParseSession.dashboardKeys)
        if let owner = root.value("owner"), let written = reader.literal(owner, path: "owner"), written != domain {
            reader.error(
                "owner '\(written)' is not the domain the dashboard is in ('\(domain)')", at: owner,
                hint: "a dashboard belongs to the domain whose folder holds it: remove `owner:` or move the file")
        }
        let title =
            root.text("title")
            ?? {
                _ = root.required("title"); return name
            }()
        var dashboard = Dashboard(
            name: name, domain: domain, title: title, description: root.text("description"),
            location: root.location)
        for reader in root.names("readers", kind: "domain") ?? [] {
            readerReferences.append(.init(domain: reader.value, location: root.reader.location(reader.node)))
            dashboard.readers.append(reader.value)
        }
        if let columns = root.integer("columns") {
            if (1...4).contains(columns) {
                dashboard.columns = columns
            } else {
                reader.error("'columns' must be 1 to 4, found \(columns)", at: root.value("columns"))
            }
        }
        dashboard.parameters = readParameters(root)
        dashboard.charts = (root.list("charts") ?? []).enumerated().compactMap { index, node in
            reader.mapping(node, path: "charts[\(index + 1)]").flatMap(readChart)
        }
        dashboard.deliveries = readDeliveries(root, of: dashboard)
        if dashboard.charts.isEmpty {
            reader.error("the dashboard has no charts", at: root.node, hint: "add `charts:` with at least one chart")
        }
        return dashboard
    }

    private func readParameters(_ root: MappingReader) -> [DashboardParameter] {
        guard let parameters = root.mapping("parameters") else { return [] }
        return parameters.entries.compactMap { entry in
            guard let name = root.reader.checkedName(entry.key, at: entry.keyNode, kind: "parameter"),
                let mapping = root.reader.mapping(entry.value, path: "parameters.\(entry.key)")
            else { return nil }
            mapping.allowKeys(ParseSession.parameterKeys)
            guard let type = mapping.required("type", hint: "date_range or category"),
                let typeName = mapping.reader.literal(type, path: mapping.qualified("type"))
            else { return nil }
            let kind: DashboardParameter.Kind
            switch typeName {
            case "date_range":
                let fallback = mapping.text("default") ?? "last_30_days"
                if DateRangeText.parse(fallback, today: DateRangeText.Day(year: 2000, month: 1, day: 1)) == nil {
                    mapping.reader.error(
                        "invalid date range '\(fallback)'", at: mapping.value("default"), hint: DateRangeText.hint)
                }
                kind = .dateRange(default: fallback)
            case "category":
                guard let query = mapping.required("query", hint: "the SQL whose first column lists the values"),
                    let text = mapping.reader.text(query, path: mapping.qualified("query"))
                else { return nil }
                let location = mapping.reader.textLocation(query, key: mapping.entry("query")?.keyNode)
                kind = .category(query: text, queryLocation: location, default: mapping.text("default"))
            default:
                mapping.reader.error(
                    "invalid parameter type '\(typeName)'", at: type, hint: "expected one of date_range, category")
                return nil
            }
            return DashboardParameter(name: name, label: mapping.text("label"), kind: kind, location: mapping.location)
        }
    }

    private func readChart(_ mapping: MappingReader) -> Chart? {
        mapping.allowKeys(ParseSession.chartKeys)
        let title = mapping.text("title")
        let type = mapping.enumeration("type", as: ChartType.self)
        if mapping.value("type") == nil {
            _ = mapping.required("type", hint: ChartType.allCases.map(\.rawValue).joined(separator: " | "))
        }
        guard let sqlNode = mapping.required("sql", hint: "the SQL over products whose rows the chart shows"),
            let sql = mapping.reader.text(sqlNode, path: mapping.qualified("sql")), let type
        else { return nil }
        let encoding = readEncoding(mapping)
        if type.needsX, encoding.x == nil {
            _ = mapping.required("x", hint: "the result column along the horizontal axis")
        }
        if ![.table, .histogram].contains(type), encoding.y.isEmpty {
            _ = mapping.required("y", hint: "the result column(s) measured")
        }
        return Chart(
            title: title ?? "", sql: sql,
            sqlLocation: mapping.reader.textLocation(sqlNode, key: mapping.entry("sql")?.keyNode), type: type,
            encoding: encoding, width: span(mapping, "width"), height: span(mapping, "height"),
            location: mapping.location)
    }

    private func readEncoding(_ mapping: MappingReader) -> ChartEncoding {
        func field(_ key: String) -> ChartEncoding.Field? {
            guard let node = mapping.value(key), let column = mapping.reader.literal(node, path: mapping.qualified(key))
            else { return nil }
            return .init(column: column, location: mapping.reader.location(node))
        }
        func fields(_ key: String) -> [ChartEncoding.Field] {
            (mapping.strings(key) ?? []).map { .init(column: $0.value, location: mapping.reader.location($0.node)) }
        }
        var encoding = ChartEncoding(
            x: field("x"), y: fields("y"), series: field("series"), compare: field("compare"),
            columns: fields("columns"),
            sort: mapping.enumeration("sort", as: ChartEncoding.Sort.self) ?? .none,
            numberFormat: mapping.text("number_format"), dateFormat: mapping.text("date_format"),
            xTitle: mapping.text("x_title"), yTitle: mapping.text("y_title"))
        if let bins = mapping.integer("bins") {
            if (2...100).contains(bins) {
                encoding.bins = bins
            } else {
                mapping.reader.error("'bins' must be 2 to 100, found \(bins)", at: mapping.value("bins"))
            }
        }
        return encoding
    }

    /// `width:` or `height:` of a chart: grid cells, 1 to 4.
    private func span(_ mapping: MappingReader, _ key: String) -> Int {
        guard let value = mapping.integer(key) else { return 1 }
        guard (1...4).contains(value) else {
            mapping.reader.error("'\(key)' must be 1 to 4 grid cells, found \(value)", at: mapping.value(key))
            return 1
        }
        return value
    }
}
