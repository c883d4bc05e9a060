import Foundation
import Testing
@testable import TesseraIngest

@Suite struct LinkHeaderTests {
    let base = URL(string: "https://api.example.com/v1/items?page=1")!

    @Test func nextAmongOthers() {
        let header =
            #"<https://api.example.com/v1/items?page=1>; rel="first", <https://api.example.com/v1/items?page=2>; rel="next""#
        #expect(
            LinkHeader.target(rel: "next", in: [header], base: base)?.absoluteString
                == "https://api.example.com/v1/items?page=2")
    }

    @Test func relativeTargetsResolveAgainstTheRequest() {
        #expect(
            LinkHeader.target(rel: "next", in: [#"</v1/items?page=3>; rel=next"#], base: base)?.absoluteString
                == "https://api.example.com/v1/items?page=3")
    }

    @Test func relationListsCaseAndSeparateHeaders() {
        #expect(
            LinkHeader.target(
                rel: "next", in: [#"<a?p=1>; rel="prev""#, #"<b?p=3>; title="x, y"; REL="Next last""#], base: base)?
                .absoluteString == "https://api.example.com/v1/b?p=3")
    }

    @Test func commasInsideTargetsAndQuotes() {
        let links = LinkHeader.links(
            in: #"<https://x.test/a,b>; rel="next"; title="a, \"b\"", <https://x.test/c>; rel=last"#)
        #expect(
            links == [
                LinkHeader.Link(target: "https://x.test/a,b", relations: ["next"]),
                LinkHeader.Link(target: "https://x.test/c", relations: ["last"]),
            ])
    }

    @Test func noNext() {
        #expect(LinkHeader.target(rel: "next", in: [#"<https://x.test/a>; rel="prev""#], base: base) == nil)
        #expect(LinkHeader.target(rel: "next", in: [], base: base) == nil)
        #expect(LinkHeader.target(rel: "next", in: ["garbage"], base: base) == nil)
    }
}

@Suite struct RetryAfterTests {
    let now = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT

    @Test func seconds() {
        #expect(RetryAfter.delay("1", now: now) == .seconds(1))
        #expect(RetryAfter.delay(" 120 ", now: now) == .seconds(120))
        #expect(RetryAfter.delay("99999999999999999999999", now: now) == .seconds(Int(Int32.max)))
    }

    @Test func httpDates() {
        #expect(RetryAfter.delay("Sun, 06 Nov 1994 08:49:47 GMT", now: now) == .seconds(10))
        #expect(RetryAfter.delay("Sunday, 06-Nov-94 08:49:47 GMT", now: now) == .seconds(10))
        #expect(RetryAfter.delay("Sun Nov  6 08:49:47 1994", now: now) == .seconds(10))
        #expect(RetryAfter.delay("Sun, 06 Nov 1994 08:00:00 GMT", now: now) == .zero)
    }

    @Test func unreadable() {
        #expect(RetryAfter.delay(nil, now: now) == nil)
        #expect(RetryAfter.delay("", now: now) == nil)
        #expect(RetryAfter.delay("soon", now: now) == nil)
        #expect(RetryAfter.delay("-5", now: now) == nil)
    }
}
