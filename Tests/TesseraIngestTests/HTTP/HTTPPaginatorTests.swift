import Foundation
import Testing
import TesseraHTTP
@testable import TesseraIngest
import TesseraModel

/// The pagination state machine and its settings, without a server.
@Suite struct HTTPPaginatorTests {
    let base = URL(string: "https://api.example.com/items")!

    func plan(
        _ kind: HTTPConnector.Pagination.Kind, _ settings: [String: String] = [:],
        params: [ConnectorSetting] = []
    ) throws(HTTPSettingsProblem) -> HTTPPaginationPlan {
        try HTTPPaginationPlan(
            connector: connector("https://api.example.com/items", pagination: kind, settings, params: params))
    }

    func page(_ json: String, records: Int, links: [String] = [], url: URL? = nil) throws -> HTTPPageObservation {
        HTTPPageObservation(
            document: try JSONSerialization.jsonObject(with: Data(json.utf8)), records: records, linkHeaders: links,
            url: url ?? base)
    }

    @Test func defaults() throws {
        let page = try plan(.page)
        #expect(page.strategy == .page(HTTPPaginationPlan.Page()))
        #expect(page.maxPages == 100_000)
        #expect(page.stopOnEmptyPage)
        #expect(try !plan(.cursor, ["cursor_path": "/next"]).stopOnEmptyPage)
        #expect(try !plan(.link).stopOnEmptyPage)
        #expect(HTTPPaginator(plan: page, baseURL: base).first == .parameters([HTTPField(name: "page", value: "1")]))
    }

    @Test func settingsProblems() {
        #expect(
            throws: HTTPSettingsProblem(
                "offset pagination needs the page size: 'pagination.limit' is missing",
                hint: "add `limit: 100` to the pagination block (sent as the 'limit' parameter)")
        ) { try plan(.offset) }
        #expect(throws: HTTPSettingsProblem.self) { try plan(.cursor) }
        #expect(throws: HTTPSettingsProblem("'pagination.max_pages' must be a whole number of at least 1, found '0'")) {
            try plan(.link, ["max_pages": "0"])
        }
        #expect(
            throws: HTTPSettingsProblem("'pagination.stop_on_empty_page' must be true or false, found 'yes please'")
        ) {
            try plan(.page, ["stop_on_empty_page": "yes please"])
        }
        #expect(throws: HTTPSettingsProblem.self) { try plan(.page, ["total_path": "meta.total"]) }
        #expect(throws: HTTPSettingsProblem.self) { try plan(.page, ["page_size_param": "per_page"]) }
        #expect(throws: HTTPSettingsProblem.self) { try plan(.link, ["limit": "10"]) }
    }

    @Test func pageCountsFromStartPage() throws {
        var paginator = HTTPPaginator(
            plan: try plan(.page, ["start_page": "0", "total_path": "/pages"]), baseURL: base)
        #expect(paginator.first == .parameters([HTTPField(name: "page", value: "0")]))
        #expect(
            try paginator.next(after: page(#"{"pages":2}"#, records: 5))
                == .fetch(.parameters([HTTPField(name: "page", value: "1")])))
        #expect(try paginator.next(after: page(#"{"pages":2}"#, records: 5)) == .done(.totalReached))
    }

    @Test func totalThatIsNotANumber() throws {
        var paginator = HTTPPaginator(plan: try plan(.offset, ["limit": "10", "total_path": "/total"]), baseURL: base)
        #expect(throws: HTTPPaginator.Problem.self) {
            try paginator.next(after: page(#"{"total":"many"}"#, records: 10))
        }
        var missing = HTTPPaginator(plan: try plan(.offset, ["limit": "10", "total_path": "/total"]), baseURL: base)
        #expect(throws: HTTPPaginator.Problem.self) { try missing.next(after: page("{}", records: 10)) }
    }

    @Test func cursorEndsAndLoops() throws {
        var paginator = HTTPPaginator(
            plan: try plan(.cursor, ["cursor_path": "/next", "cursor_param": "after"]), baseURL: base)
        #expect(paginator.first == .parameters([]))
        #expect(
            try paginator.next(after: page(#"{"next":17}"#, records: 1))
                == .fetch(.parameters([HTTPField(name: "after", value: "17")])))
        #expect(throws: HTTPPaginator.Problem.self) { try paginator.next(after: page(#"{"next":17}"#, records: 1)) }
        for end in [#"{"next":null}"#, #"{"next":""}"#, "{}"] {
            var fresh = HTTPPaginator(plan: try plan(.cursor, ["cursor_path": "/next"]), baseURL: base)
            #expect(try fresh.next(after: page(end, records: 3)) == .done(.noCursor))
        }
        var object = HTTPPaginator(plan: try plan(.cursor, ["cursor_path": "/next"]), baseURL: base)
        #expect(throws: HTTPPaginator.Problem.self) { try object.next(after: page(#"{"next":{"a":1}}"#, records: 3)) }
    }

    @Test func linksStayOnTheOrigin() throws {
        var paginator = HTTPPaginator(plan: try plan(.link), baseURL: base)
        #expect(throws: HTTPPaginator.Problem.self) {
            try paginator.next(
                after: page("[]", records: 0, links: [#"<https://evil.example.net/items?page=2>; rel="next""#]))
        }
        var downgrade = HTTPPaginator(plan: try plan(.link), baseURL: base)
        #expect(throws: HTTPPaginator.Problem.self) {
            try downgrade.next(
                after: page("[]", records: 0, links: [#"<http://api.example.com/items?page=2>; rel="next""#]))
        }
        var loop = HTTPPaginator(plan: try plan(.link), baseURL: base)
        #expect(throws: HTTPPaginator.Problem.self) {
            try loop.next(after: page("[]", records: 1, links: [#"</items>; rel="next""#]))
        }
    }

    @Test func maxPages() throws {
        var paginator = HTTPPaginator(plan: try plan(.page, ["max_pages": "2"]), baseURL: base)
        #expect(
            try paginator.next(after: page("[]", records: 1))
                == .fetch(.parameters([HTTPField(name: "page", value: "2")])))
        #expect(throws: HTTPPaginator.Problem.tooManyPages(2)) { try paginator.next(after: page("[]", records: 1)) }
    }
}
