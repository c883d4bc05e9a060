import Testing
@testable import TesseraWeb

/// The HTML builder: text and attribute values are always escaped, tags nest, builders take
/// `if` and `for`, and no data can close an element or open a script.
@Suite struct HTMLTests {
    @Test func textIsEscaped() {
        #expect(
            HTML.text("<script>alert('x') & \"y\"</script>").rendered
                == "&lt;script&gt;alert('x') &amp; \"y\"&lt;/script&gt;")
        #expect(HTML.text("a\0b").rendered == "a\u{FFFD}b")
    }

    @Test func attributeValuesAreEscapedAndNilLeavesThemOut() {
        let html = el("a", ["href": "/x?a=1&b=\"2\"", "title": "it's <b>", "hidden": nil, "download": ""]) {
            "go"
        }
        #expect(html.rendered == "<a href=\"/x?a=1&amp;b=&quot;2&quot;\" title=\"it&#39;s &lt;b&gt;\" download>go</a>")
    }

    @Test func buildersNestAndTakeConditionsAndLoops() {
        let names = ["a<b", "c"]
        let empty = true
        let html = el("ul", ["class": "x"]) {
            for name in names { el("li") { name } }
            if empty { el("li") { "none" } } else { "never" }
            HTML.void("br")
        }
        #expect(html.rendered == "<ul class=\"x\"><li>a&lt;b</li><li>c</li><li>none</li><br></ul>")
    }

    @Test func svgShapesCloseThemselves() {
        #expect(HTML.shape("rect", ["x": "1", "class": "a\"b"]).rendered == "<rect x=\"1\" class=\"a&quot;b\"/>")
    }

    @Test func hostileDataStaysText() {
        let hostile = "\"><img src=x onerror=alert(1)><!--"
        let html = el("div", ["data-x": hostile]) { hostile }
        #expect(!html.rendered.contains("<img"))
        #expect(!html.rendered.contains("<!--"))
        #expect(html.rendered.components(separatedBy: "<").count == 3)  // <div …> and </div> only
    }
}

/// The UI's URLs: names are percent-encoded, and a sign-in only ever sends the browser to a
/// page of this UI.
@Suite struct WebPathsTests {
    @Test func namesArePercentEncoded() {
        #expect(WebPaths.product("sales", "orders") == "/ui/products/sales/orders")
        #expect(WebPaths.domain("a/b c") == "/ui/domains/a%2Fb%20c")
        #expect(WebPaths.search("tag:gold & co") == "/ui/search?q=tag%3Agold%20%26%20co")
        #expect(WebPaths.page(forName: "sales.orders", kind: "product") == "/ui/products/sales/orders")
        #expect(WebPaths.page(forName: "sales", kind: "domain") == "/ui/domains/sales")
        #expect(WebPaths.page(forName: "sales.src.orders", kind: "source") == "/ui/search?q=sales.src.orders")
    }

    @Test func onlyPathsOfTheUIAreFollowedAfterSignIn() {
        #expect(WebPaths.safeNext("/ui/products/sales/orders") == "/ui/products/sales/orders")
        #expect(WebPaths.safeNext("/ui/search?q=x") == "/ui/search?q=x")
        for hostile in [nil, "", "https://evil.example/", "//evil.example/ui/", "/ui/\\evil", "/api/v1/x", "/ui//evil"]
        {
            #expect(WebPaths.safeNext(hostile) == "/ui/", "\(hostile ?? "nil")")
        }
    }

    @Test func searchFacetsBecomeFiltersAndCannotInjectOthers() {
        let request = SearchPage.Request([
            "q": "revenue", "domain": "sales", "kind": "product", "tag": "gold owner:evil", "classification": "pii",
        ])
        #expect(request.queryText == "revenue domain:sales kind:product classification:pii")
        #expect(SearchPage.Request([:]).queryText.isEmpty)
    }

    @Test func assetsHaveStableTagsAndVersionedURLs() {
        #expect(WebAssets.tag("a") == WebAssets.tag("a"))
        #expect(WebAssets.tag("a") != WebAssets.tag("b"))
        let css = WebAssets.url("app.css")
        #expect(css.hasPrefix("/ui/assets/app.css?v="))
        #expect(WebAssets.all["app.js"]?.body.contains("fetch") == true)
    }
}
