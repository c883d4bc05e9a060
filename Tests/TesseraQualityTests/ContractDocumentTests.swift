import Testing
import TesseraModel
import TesseraQuality

@Suite struct ContractDocumentTests {
    static func product() throws -> Product {
        let at = SourceLocation(file: "domains/sales/products/orders.yaml", line: 3)
        return Product(
            name: "orders", domain: "sales", input: .model("orders"), version: try SemVer(parsing: "1.4.0"),
            contract: Contract(
                primaryKey: ["order_id"],
                columns: [
                    ContractColumn(
                        name: "order_id", type: "bigint", nullable: false, description: "Order key",
                        classification: .internal, location: at),
                    ContractColumn(name: "amount", type: "decimal(12, 2)", location: at),
                    ContractColumn(
                        name: "email", type: "VARCHAR", description: "Buyer e-mail", classification: .pii, location: at),
                ], location: at),
            access: Access(masks: [Access.Mask(column: "email", kind: .hash, location: at)]),
            location: .start(of: "domains/sales/products/orders.yaml"))
    }

    @Test func fromAProductWithNormalizedTypes() throws {
        let document = ContractDocument(product: try Self.product())
        #expect(document.version == "1.4.0")
        #expect(document.primaryKey == ["order_id"])
        #expect(document.columns.map(\.type) == ["BIGINT", "DECIMAL(12,2)", "VARCHAR"])
        #expect(document.columns.map(\.nullable) == [false, true, true])
        #expect(document.columns.map(\.classification) == ["internal", nil, "pii"])
        #expect(document.masks == ["email": "hash"])
    }

    @Test func stableJSON() throws {
        let document = ContractDocument(product: try Self.product())
        #expect(
            document.json == """
                {"columns":[{"classification":"internal","description":"Order key","name":"order_id","nullable":false,"type":"BIGINT"},\
                {"name":"amount","nullable":true,"type":"DECIMAL(12,2)"},\
                {"classification":"pii","description":"Buyer e-mail","name":"email","nullable":true,"type":"VARCHAR"}],\
                "masks":{"email":"hash"},"primaryKey":["order_id"],"version":"1.4.0"}
                """)
    }

    @Test func roundTrips() throws {
        let document = ContractDocument(product: try Self.product())
        let again = try ContractDocument(json: document.json)
        #expect(again == document)
        #expect(again.json == document.json)
        #expect(ContractDiff(old: document, new: again).changes.isEmpty)
    }

    @Test func olderDocumentsWithoutKeyOrMasksRead() throws {
        let document = try ContractDocument(
            json: #"{"version":"1.0.0","columns":[{"name":"id","type":"big int","nullable":false}]}"#)
        #expect(document.primaryKey.isEmpty)
        #expect(document.masks.isEmpty)
        #expect(document.columns.first?.type == "BIGINT")
    }

    @Test func unreadableDocumentsSayWhy() {
        func reason(_ json: String) -> String? {
            do { _ = try ContractDocument(json: json); return nil } catch { return error.description }
        }
        #expect(reason("not json") == "the published contract cannot be read: not valid JSON")
        #expect(reason(#"{"columns":[]}"#) == "the published contract cannot be read: 'version' is missing")
        #expect(
            reason(#"{"version":"1.0.0","columns":[{"name":"id","nullable":true}]}"#)
                == "the published contract cannot be read: 'type' is missing in columns[0]")
        #expect(
            reason(#"{"version":1,"columns":[]}"#) == "the published contract cannot be read: version is not a string")
    }
}

extension ContractDocumentTests {
    @Test func keepsTheSpellingOfTypesTheNormalizedTextWouldBreak() throws {
        let column = { (type: String) in ContractDocument.Column(name: "c", type: type) }
        #expect(column("TIME WITH TIME ZONE").typeForSQL == "TIME WITH TIME ZONE")
        #expect(column("STRUCT(a INTEGER, \"b c\" HUGEINT)").typeForSQL == "STRUCT(a INTEGER, \"b c\" HUGEINT)")
        #expect(column("ENUM('a', 'b')").typeForSQL == "ENUM('a', 'b')")
        #expect(column("decimal(12, 2)").sqlType == nil, "nothing lost: the document stays as it was")
        let again = try ContractDocument(
            json: ContractDocument(version: "1.0.0", columns: [column("TIME WITH TIME ZONE")]).json)
        #expect(again.columns.first?.typeForSQL == "TIME WITH TIME ZONE")
        // A document published before the spelling was kept.
        let older = try ContractDocument(
            json: #"{"columns":[{"name":"t","nullable":true,"type":"TIMEWITHTIMEZONE"}],"version":"1.0.0"}"#)
        #expect(older.columns.first?.typeForSQL == "TIME WITH TIME ZONE")
    }
}
