import Foundation
import TesseraHTTP

/// Why an extraction stopped asking for pages.
public enum HTTPPaginationEnd: String, Sendable, Hashable {
    /// No `pagination:` block: the one response is everything.
    case notPaginated = "not paginated"
    case emptyPage = "empty page"
    /// Fewer records than the page size.
    case shortPage = "short page"
    /// The page count or record count read with `total_path` was reached.
    case totalReached = "total reached"
    /// The cursor at `cursor_path` was missing, null or empty.
    case noCursor = "no next cursor"
    /// No `Link: <…>; rel="next"` header.
    case noNextLink = "no next link"
}

/// What the paginator needs to know about a page that arrived.
struct HTTPPageObservation {
    /// The parsed body (`JSONSerialization` output).
    let document: Any
    let records: Int
    let linkHeaders: [String]
    /// The URL the page was fetched from; relative links resolve against it.
    let url: URL
}

/// Pagination as a state machine: it says which page to fetch first, and after each page
/// whether and where to go next. It does no I/O, so every kind is tested without a server.
struct HTTPPaginator {
    enum Step: Equatable {
        case fetch(HTTPPageTarget)
        case done(HTTPPaginationEnd)
    }

    enum Problem: Error, Equatable {
        /// The response does not let pagination go on, e.g. a total that is not a number.
        case response(message: String, hint: String?)
        case tooManyPages(Int)
    }

    let plan: HTTPPaginationPlan
    private let origin: HTTPOrigin
    private(set) var fetched = 0
    private var page: Int
    private var offset: Int
    private var cursor: String?
    private var visited: Set<URL> = []

    init(plan: HTTPPaginationPlan, baseURL: URL) {
        self.plan = plan
        origin = HTTPOrigin(baseURL)
        switch plan.strategy {
        case let .page(settings): page = settings.start
        default: page = 0
        }
        switch plan.strategy {
        case let .offset(settings): offset = settings.start
        default: offset = 0
        }
    }

    var first: HTTPPageTarget {
        switch plan.strategy {
        case .none, .cursor, .link:
            return .parameters([])
        case let .page(settings):
            var fields = [HTTPField(name: settings.param, value: String(page))]
            if let sizeParam = settings.sizeParam, let size = settings.size {
                fields.append(HTTPField(name: sizeParam, value: String(size)))
            }
            return .parameters(fields)
        case let .offset(settings):
            return .parameters([
                HTTPField(name: settings.offsetParam, value: String(offset)),
                HTTPField(name: settings.limitParam, value: String(settings.limit)),
            ])
        }
    }

    mutating func next(after observation: HTTPPageObservation) throws(Problem) -> Step {
        fetched += 1
        visited.insert(observation.url)
        if case .none = plan.strategy { return .done(.notPaginated) }
        if observation.records == 0, plan.stopOnEmptyPage { return .done(.emptyPage) }
        switch plan.strategy {
        case .none: return .done(.notPaginated)
        case let .page(settings): return try nextPage(settings, after: observation)
        case let .offset(settings): return try nextOffset(settings, after: observation)
        case let .cursor(settings): return try nextCursor(settings, after: observation)
        case .link: return try nextLink(after: observation)
        }
    }

    private mutating func nextPage(_ settings: HTTPPaginationPlan.Page, after observation: HTTPPageObservation)
        throws(Problem) -> Step
    {
        if let path = settings.totalPath {
            let total = try HTTPPaginator.integer(
                at: path, in: observation, setting: "total_path", meaning: "the number of pages")
            if page - settings.start + 1 >= total { return .done(.totalReached) }
        }
        if plan.stopOnShortPage, let size = settings.size, observation.records < size { return .done(.shortPage) }
        page += 1
        return try checked(.fetch(first))
    }

    private mutating func nextOffset(_ settings: HTTPPaginationPlan.Offset, after observation: HTTPPageObservation)
        throws(Problem) -> Step
    {
        offset += settings.limit
        if let path = settings.totalPath {
            let total = try HTTPPaginator.integer(
                at: path, in: observation, setting: "total_path", meaning: "the number of records")
            if offset >= total { return .done(.totalReached) }
        }
        if plan.stopOnShortPage, observation.records < settings.limit { return .done(.shortPage) }
        return try checked(.fetch(first))
    }

    private mutating func nextCursor(_ settings: HTTPPaginationPlan.Cursor, after observation: HTTPPageObservation)
        throws(Problem) -> Step
    {
        guard case let .found(value) = settings.path.resolve(in: observation.document), !(value is NSNull) else {
            return .done(.noCursor)
        }
        guard let next = JSONScalar.text(value) else {
            throw .response(
                message:
                    "the cursor at 'pagination.cursor_path' (\(settings.path)) is \(JSONPointer.kind(of: value)), not a string or number",
                hint: "point cursor_path at the value to send back as '\(settings.param)'")
        }
        if next.isEmpty { return .done(.noCursor) }
        guard next != cursor else {
            throw .response(
                message: "the server returned the same cursor twice in a row; stopping instead of looping",
                hint:
                    "check that 'pagination.cursor_path' (\(settings.path)) points at the next page's cursor, not the current one"
            )
        }
        cursor = next
        return try checked(.fetch(.parameters([HTTPField(name: settings.param, value: next)])))
    }

    private func nextLink(after observation: HTTPPageObservation) throws(Problem) -> Step {
        guard let url = LinkHeader.target(rel: "next", in: observation.linkHeaders, base: observation.url) else {
            return .done(.noNextLink)
        }
        guard HTTPOrigin(url) == origin else {
            throw .response(
                message:
                    "the next-page link points to another origin; its headers (credentials) are not sent there",
                hint: "link pagination follows links on the connector URL's scheme, host and port only")
        }
        guard !visited.contains(url) else {
            throw .response(
                message: "the next-page link leads back to a page already fetched; stopping instead of looping",
                hint: nil)
        }
        return try checked(.fetch(.url(url)))
    }

    private func checked(_ step: Step) throws(Problem) -> Step {
        if case .fetch = step, fetched >= plan.maxPages { throw .tooManyPages(plan.maxPages) }
        return step
    }

    private static func integer(
        at path: JSONPointer, in observation: HTTPPageObservation, setting: String,
        meaning: String
    ) throws(Problem) -> Int {
        switch path.resolve(in: observation.document) {
        case let .missing(reason):
            throw .response(
                message: "'pagination.\(setting)' (\(path)) is not in the response: \(reason)",
                hint: "point \(setting) at \(meaning), or leave it out to stop at an empty or short page")
        case let .found(value):
            guard let total = JSONScalar.integer(value) else {
                throw .response(
                    message: "'pagination.\(setting)' (\(path)) is \(JSONPointer.kind(of: value)), not a whole number",
                    hint: "point \(setting) at \(meaning)")
            }
            return total
        }
    }
}
