import Testing
@testable import TesseraModel

@Suite("Names and suggestions")
struct NameSuggestionTests {
    @Test func closestNameFindsTypos() {
        let keys = ["description", "connector", "load", "schema", "standardize"]
        #expect(closestName(to: "descripton", among: keys) == "description")
        #expect(closestName(to: "conector", among: keys) == "connector")
        #expect(closestName(to: "lod", among: keys) == "load")
        #expect(closestName(to: "shcema", among: keys) == "schema")  // a transposition is one edit
        #expect(closestName(to: "Schema", among: keys) == "schema")  // case alone always qualifies
        #expect(closestName(to: "uniq", among: ["unique", "not_null"]) == "unique")
        #expect(closestName(to: "state", among: ["status", "order_id"]) == "status")
    }

    @Test func closestNameKeepsItsDistance() {
        #expect(closestName(to: "favourite_colour", among: ["name", "owner", "description"]) == nil)
        #expect(closestName(to: "ab", among: ["xy", "cd"]) == nil)
        #expect(closestName(to: "abc", among: ["abd", "xyz"]) == "abd")
        #expect(closestName(to: "", among: ["a"]) == nil)
        #expect(closestName(to: "orders", among: ["orders"]) == nil)  // itself is no suggestion
        #expect(closestName(to: "x", among: []) == nil)
    }

    @Test func closestNamePrefersTheNearestThenTheFirst() {
        #expect(closestName(to: "orders_enrichd", among: ["orders", "orders_enriched"]) == "orders_enriched")
        #expect(closestName(to: "cat", among: ["bat", "hat"]) == "bat")
    }

    @Test func editDistance() {
        #expect(TesseraModel.editDistance("kitten", "sitting") == 3)
        #expect(TesseraModel.editDistance("ab", "ba") == 1)
        #expect(TesseraModel.editDistance("", "abc") == 3)
        #expect(TesseraModel.editDistance("same", "same") == 0)
    }

    @Test func nameRule() {
        for valid in ["a", "orders", "order_items", "v2", "a_1_b"] { #expect(Name.isValid(valid), "\(valid)") }
        for invalid in ["", "Orders", "1st", "_x", "order-items", "order items", "ordér"] {
            #expect(!Name.isValid(invalid), "\(invalid)")
        }
        #expect(Name.suggestion(for: "Order Items") == "order_items")
        #expect(Name.suggestion(for: "orderId") == "order_id")
        #expect(Name.suggestion(for: "Sales-Team") == "sales_team")
        #expect(Name.suggestion(for: "2fa_codes") == "fa_codes")
        #expect(Name.suggestion(for: "---") == nil)
        #expect(Name.suggestion(for: "orders") == nil)
    }
}
