import TesseraModel

/// The `pagination:` block of an http connector, read and checked.
///
/// The model keeps the block's keys as written; their meaning lives here, next to the code
/// that follows them. Keys that read the response end in `_path` and take a JSON pointer.
struct HTTPPaginationPlan: Sendable, Hashable {
    enum Strategy: Sendable, Hashable {
        /// No `pagination:` block: one request.
        case none
        case page(Page)
        case offset(Offset)
        case cursor(Cursor)
        case link
    }

    struct Page: Sendable, Hashable {
        var param = "page"
        var start = 1
        var sizeParam: String?
        var size: Int?
        /// The number of pages, read from each response.
        var totalPath: JSONPointer?
    }

    struct Offset: Sendable, Hashable {
        var offsetParam = "offset"
        var limitParam = "limit"
        var limit: Int
        var start = 0
        /// The number of records, read from each response.
        var totalPath: JSONPointer?
    }

    struct Cursor: Sendable, Hashable {
        var param = "cursor"
        var path: JSONPointer
    }

    static let defaultMaxPages = 100_000

    var strategy: Strategy
    var maxPages = HTTPPaginationPlan.defaultMaxPages
    var stopOnEmptyPage: Bool
    var stopOnShortPage = true

    static let commonKeys = ["max_pages", "stop_on_empty_page"]
    static func keys(for kind: HTTPConnector.Pagination.Kind) -> [String] {
        switch kind {
        case .page:
            ["page_param", "start_page", "page_size_param", "page_size", "total_path", "stop_on_short_page"]
                + commonKeys
        case .offset:
            ["offset_param", "limit_param", "limit", "start_offset", "total_path", "stop_on_short_page"] + commonKeys
        case .cursor: ["cursor_param", "cursor_path"] + commonKeys
        case .link: commonKeys
        }
    }

    init(
        strategy: Strategy, maxPages: Int = HTTPPaginationPlan.defaultMaxPages, stopOnEmptyPage: Bool? = nil,
        stopOnShortPage: Bool = true
    ) {
        self.strategy = strategy
        self.maxPages = maxPages
        switch strategy {
        case .none, .page, .offset: self.stopOnEmptyPage = stopOnEmptyPage ?? true
        case .cursor, .link: self.stopOnEmptyPage = stopOnEmptyPage ?? false
        }
        self.stopOnShortPage = stopOnShortPage
    }

    init(connector: HTTPConnector) throws(HTTPSettingsProblem) {
        guard let pagination = connector.pagination else {
            self.init(strategy: .none)
            return
        }
        let kind = pagination.kind
        let reader = SettingsReader(settings: pagination.settings, kind: kind)
        try reader.allowOnly(HTTPPaginationPlan.keys(for: kind))
        let strategy: Strategy
        switch kind {
        case .page:
            var page = Page()
            page.param = try reader.name("page_param") ?? page.param
            page.start = try reader.integer("start_page", atLeast: 0) ?? page.start
            page.sizeParam = try reader.name("page_size_param")
            page.size = try reader.integer("page_size", atLeast: 1)
            if let sizeParam = page.sizeParam, page.size == nil {
                guard let fromParams = HTTPPaginationPlan.integerParam(sizeParam, in: connector) else {
                    throw HTTPSettingsProblem(
                        "'pagination.page_size_param' is '\(sizeParam)' but no page size is given",
                        hint: "add `page_size: 100` to the pagination block, or `\(sizeParam): 100` to params")
                }
                page.size = fromParams
            }
            page.totalPath = try reader.pointer("total_path")
            strategy = .page(page)
        case .offset:
            let limitParam = try reader.name("limit_param") ?? "limit"
            guard
                let limit = try reader.integer("limit", atLeast: 1)
                    ?? HTTPPaginationPlan.integerParam(limitParam, in: connector)
            else {
                throw HTTPSettingsProblem(
                    "offset pagination needs the page size: 'pagination.limit' is missing",
                    hint: "add `limit: 100` to the pagination block (sent as the '\(limitParam)' parameter)")
            }
            var offset = Offset(limitParam: limitParam, limit: limit)
            offset.offsetParam = try reader.name("offset_param") ?? offset.offsetParam
            offset.start = try reader.integer("start_offset", atLeast: 0) ?? offset.start
            offset.totalPath = try reader.pointer("total_path")
            strategy = .offset(offset)
        case .cursor:
            guard let path = try reader.pointer("cursor_path") else {
                throw HTTPSettingsProblem(
                    "cursor pagination needs 'pagination.cursor_path', the JSON pointer to the next cursor in each response",
                    hint: "e.g. `cursor_path: /meta/next_cursor`")
            }
            strategy = .cursor(Cursor(param: try reader.name("cursor_param") ?? "cursor", path: path))
        case .link:
            strategy = .link
        }
        self.init(
            strategy: strategy,
            maxPages: try reader.integer("max_pages", atLeast: 1) ?? HTTPPaginationPlan.defaultMaxPages,
            stopOnEmptyPage: try reader.bool("stop_on_empty_page"),
            stopOnShortPage: try reader.bool("stop_on_short_page") ?? true)
    }

    /// A page size already written in `params`, so it need not be repeated in the block.
    private static func integerParam(_ name: String, in connector: HTTPConnector) -> Int? {
        connector.params.last { $0.name == name }.flatMap { Int($0.value.value) }.flatMap { $0 >= 1 ? $0 : nil }
    }
}

/// A setting the extractor cannot follow; the message names the key, never a secret value.
struct HTTPSettingsProblem: Error, Sendable, Hashable {
    let message: String
    let hint: String?

    init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}

/// Typed reads of the `pagination:` keys, which the model keeps as text.
private struct SettingsReader {
    let settings: [ConnectorSetting]
    let kind: HTTPConnector.Pagination.Kind

    func allowOnly(_ keys: [String]) throws(HTTPSettingsProblem) {
        for setting in settings where !keys.contains(setting.name) {
            throw HTTPSettingsProblem(
                "unknown key 'pagination.\(setting.name)' for \(kind.rawValue) pagination",
                hint: "expected one of \(keys.joined(separator: ", "))")
        }
    }

    private func text(_ key: String) -> String? { settings.last { $0.name == key }?.value.value }

    /// Values are shown in messages only when they were written literally.
    private func shown(_ key: String) -> String {
        guard let setting = settings.last(where: { $0.name == key }) else { return "" }
        return setting.value.isSecret ? setting.value.description : setting.value.value
    }

    func name(_ key: String) throws(HTTPSettingsProblem) -> String? {
        guard let value = text(key) else { return nil }
        guard !value.isEmpty else {
            throw HTTPSettingsProblem("'pagination.\(key)' is empty", hint: "give the parameter's name")
        }
        return value
    }

    func integer(_ key: String, atLeast minimum: Int) throws(HTTPSettingsProblem) -> Int? {
        guard let value = text(key) else { return nil }
        guard let number = Int(value), number >= minimum else {
            throw HTTPSettingsProblem(
                "'pagination.\(key)' must be a whole number of at least \(minimum), found '\(shown(key))'")
        }
        return number
    }

    func bool(_ key: String) throws(HTTPSettingsProblem) -> Bool? {
        guard let value = text(key) else { return nil }
        switch value.lowercased() {
        case "true": return true
        case "false": return false
        default: throw HTTPSettingsProblem("'pagination.\(key)' must be true or false, found '\(shown(key))'")
        }
    }

    func pointer(_ key: String) throws(HTTPSettingsProblem) -> JSONPointer? {
        guard let value = text(key) else { return nil }
        do {
            return try JSONPointer(value)
        } catch {
            throw HTTPSettingsProblem(
                "'pagination.\(key)' is not a JSON pointer: \(error.reason), found '\(shown(key))'",
                hint: "write a path such as /meta/total, with ~1 for a / and ~0 for a ~ inside a name")
        }
    }
}
