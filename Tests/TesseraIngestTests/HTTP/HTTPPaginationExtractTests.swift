import Foundation
import Testing
@testable import TesseraIngest
import TesseraModel

/// Every pagination kind against the fixture server: all records, in order, nothing twice.
@Suite struct HTTPPaginationExtractTests {
    let allIDs = Array(0..<FixtureServer.recordCount)

    @Test func pageWithTotalPages() async throws {
        try await withFixture { server, folder in
            let source = connector(
                server.url("/page"), pagination: .page,
                ["page_size_param": "per_page", "page_size": "10", "total_path": "/meta/total_pages"])
            let result = try await extractor(source).extract(into: folder)
            #expect(try recordIDs(result.pages, pointer: "/data") == allIDs)
            #expect(
                result.pages.map(\.lastPathComponent) == ["page-000001.json", "page-000002.json", "page-000003.json"])
            #expect(result.records == 23)
            #expect(result.requests == 3)
            #expect(result.retries == 0)
            #expect(result.end == .totalReached)
            let sent = await server.log.entries.map { $0.query }
            #expect(
                sent == [
                    ["page": "1", "per_page": "10"], ["page": "2", "per_page": "10"], ["page": "3", "per_page": "10"],
                ])
        }
    }

    @Test func pageStopsAtShortPage() async throws {
        try await withFixture { server, folder in
            // The page size comes from params, as many APIs document it.
            let source = connector(
                server.url("/page"), pagination: .page, ["page_size_param": "per_page"],
                params: [ConnectorSetting(name: "per_page", value: "8")])
            let result = try await extractor(source).extract(into: folder)
            #expect(try recordIDs(result.pages, pointer: "/data") == allIDs)
            #expect(result.pages.count == 3)
            #expect(result.end == .shortPage)
        }
    }

    @Test func pageStopsAtEmptyPage() async throws {
        try await withFixture { server, folder in
            let source = connector(
                server.url("/page?per_page=23"), pagination: .page, ["start_page": "1", "stop_on_short_page": "false"])
            let result = try await extractor(source).extract(into: folder)
            #expect(try recordIDs(result.pages, pointer: "/data") == allIDs)
            #expect(result.pages.count == 2)
            #expect(result.end == .emptyPage)
        }
    }

    @Test func offsetWithTotal() async throws {
        try await withFixture { server, folder in
            let source = connector(
                server.url("/offset"), records: "/items", pagination: .offset, ["limit": "5", "total_path": "/total"])
            let result = try await extractor(source).extract(into: folder)
            #expect(try recordIDs(result.pages, pointer: "/items") == allIDs)
            #expect(result.pages.count == 5)
            #expect(result.end == .totalReached)
            let offsets = await server.log.entries.compactMap { $0.query["offset"] }
            #expect(offsets == ["0", "5", "10", "15", "20"])
        }
    }

    @Test func offsetStopsAtShortPageWithLimitFromParams() async throws {
        try await withFixture { server, folder in
            let source = connector(
                server.url("/offset"), records: "/items", pagination: .offset,
                ["offset_param": "offset", "limit_param": "limit"],
                params: [ConnectorSetting(name: "limit", value: "10")])
            let result = try await extractor(source).extract(into: folder)
            #expect(try recordIDs(result.pages, pointer: "/items") == allIDs)
            #expect(result.pages.count == 3)
            #expect(result.end == .shortPage)
        }
    }

    @Test func cursor() async throws {
        try await withFixture { server, folder in
            let source = connector(
                server.url("/cursor"), pagination: .cursor, ["cursor_path": "/paging/next", "cursor_param": "cursor"])
            let result = try await extractor(source).extract(into: folder)
            #expect(try recordIDs(result.pages, pointer: "/data") == allIDs)
            #expect(result.pages.count == 3)
            #expect(result.end == .noCursor)
            let cursors = await server.log.entries.map { $0.query["cursor"] }
            #expect(cursors == [nil, "id10", "id20"])
        }
    }

    @Test func linkHeader() async throws {
        try await withFixture { server, folder in
            let source = connector(server.url("/link"), records: "", pagination: .link)
            let result = try await extractor(source).extract(into: folder)
            #expect(try recordIDs(result.pages, pointer: "") == allIDs)
            #expect(result.pages.count == 3)
            #expect(result.end == .noNextLink)
        }
    }

    @Test func withoutPaginationOneRequest() async throws {
        try await withFixture { server, folder in
            let result = try await extractor(connector(server.url("/page?per_page=5"))).extract(into: folder)
            #expect(result.pages.count == 1)
            #expect(result.records == 5)
            #expect(result.end == .notPaginated)
        }
    }

    @Test func bodiesAreWrittenByteForByte() async throws {
        try await withFixture { server, folder in
            let source = connector(
                server.url("/offset"), records: "/items", pagination: .offset, ["limit": "10", "total_path": "/total"])
            let result = try await extractor(source).extract(into: folder)
            let expected = [0..<10, 10..<20, 20..<23].map {
                Data(#"{"items":\#(FixtureServer.records($0)),"total":23}"#.utf8)
            }
            #expect(try result.pages.map { try Data(contentsOf: $0) } == expected)
            #expect(result.bytes == expected.map(\.count).reduce(0, +))
            // 1.10 and a 20-digit integer survive: nothing was re-serialized.
            #expect(
                try String(decoding: Data(contentsOf: result.pages[0]), as: UTF8.self).contains(
                    #""amount":1.10,"big":12345678901234567890"#))
        }
    }

    @Test func maxPagesStopsARunawayLoop() async throws {
        try await withFixture { server, folder in
            let source = connector(server.url("/link"), records: "", pagination: .link, ["max_pages": "2"])
            let error = await extractionError(extractor(source), into: folder)
            #expect(error?.reason == .tooManyPages(2))
            #expect(error?.message.contains("max_pages") == true)
            #expect(await server.log.count("/link") == 2)
        }
    }

    @Test func postSendsParamsAsAForm() async throws {
        try await withFixture { server, folder in
            let source = connector(
                server.url("/echo?fixed=1"), pagination: .page, ["page_param": "p", "page_size": "5"], method: .POST,
                params: [ConnectorSetting(name: "q", value: "a+b & c"), ConnectorSetting(name: "p", value: "9")])
            let result = try await extractor(source).extract(into: folder)
            #expect(result.end == .emptyPage)
            let entry = try #require(await server.log.entries.first)
            #expect(entry.method == "POST")
            #expect(entry.query == ["fixed": "1"])
            #expect(String(decoding: entry.body, as: UTF8.self) == "q=a%2Bb%20%26%20c&p=1")
            #expect(entry.headers["content-type"] == "application/x-www-form-urlencoded")
        }
    }

    @Test func progressIsReportedPerPage() async throws {
        try await withFixture { server, folder in
            let source = connector(server.url("/cursor"), pagination: .cursor, ["cursor_path": "/paging/next"])
            let events = EventLog()
            _ = try await extractor(source).extract(into: folder) { events.append($0) }
            let pages = events.all.compactMap { progress -> Int? in
                if case let .page(number, _, _) = progress.event { return number }
                return nil
            }
            #expect(pages == [1, 2, 3])
            #expect(events.all.last?.records == 23)
        }
    }
}

final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [HTTPExtractProgress] = []
    var all: [HTTPExtractProgress] { lock.withLock { events } }
    func append(_ event: HTTPExtractProgress) { lock.withLock { events.append(event) } }
}
