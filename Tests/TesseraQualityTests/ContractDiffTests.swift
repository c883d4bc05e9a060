import Testing
import TesseraModel
import TesseraQuality

@Suite struct ContractDiffTests {
    typealias Column = ContractDocument.Column

    static let base: [Column] = [
        Column(name: "order_id", type: "BIGINT", nullable: false, classification: "internal", description: "Order key"),
        Column(name: "amount", type: "DECIMAL(12,2)", nullable: false),
        Column(name: "email", type: "VARCHAR", classification: "pii"),
        Column(name: "ordered_at", type: "DATE"),
        Column(name: "quantity", type: "INTEGER"),
        Column(name: "weight", type: "FLOAT"),
    ]

    static func document(
        _ columns: [Column] = base, primaryKey: [String] = ["order_id"], masks: [String: String] = [:],
        version: String = "1.4.0"
    ) -> ContractDocument {
        ContractDocument(version: version, primaryKey: primaryKey, columns: columns, masks: masks)
    }

    static func replacing(_ name: String, with column: Column) -> [Column] {
        base.map { $0.name == name ? column : $0 }
    }

    /// One row of the matrix: a change, the kinds it is reported as, and whether it breaks.
    struct Case: CustomTestStringConvertible, Sendable {
        var label: String
        var new: ContractDocument
        var old: ContractDocument = ContractDiffTests.document()
        var kinds: [ContractChange.Kind]
        var breaking: Bool
        var testDescription: String { label }
    }

    static let matrix: [Case] = [
        Case(label: "nothing changed", new: document(), kinds: [], breaking: false),
        Case(
            label: "type spelled differently",
            new: document(replacing("quantity", with: Column(name: "quantity", type: "int"))),
            kinds: [], breaking: false),
        Case(
            label: "column removed", new: document(base.filter { $0.name != "email" }), kinds: [.columnRemoved],
            breaking: true),
        Case(
            label: "column renamed (same type and position)",
            new: document(
                replacing("email", with: Column(name: "buyer_email", type: "VARCHAR", classification: "pii"))),
            kinds: [.columnRenamed], breaking: true),
        Case(
            label: "column removed and a different type added in its place",
            new: document(replacing("email", with: Column(name: "score", type: "DOUBLE"))),
            kinds: [.columnRemoved, .columnAddedInMiddle], breaking: true),
        Case(
            label: "type changed incompatibly",
            new: document(replacing("email", with: Column(name: "email", type: "BLOB", classification: "pii"))),
            kinds: [.typeChanged], breaking: true),
        Case(
            label: "type narrowed",
            new: document(replacing("quantity", with: Column(name: "quantity", type: "SMALLINT"))),
            kinds: [.typeChanged], breaking: true),
        Case(
            label: "integer widened",
            new: document(replacing("quantity", with: Column(name: "quantity", type: "BIGINT"))),
            kinds: [.typeWidened], breaking: false),
        Case(
            label: "FLOAT to DOUBLE", new: document(replacing("weight", with: Column(name: "weight", type: "DOUBLE"))),
            kinds: [.typeWidened], breaking: false),
        Case(
            label: "INTEGER to DECIMAL(12,2): 10 digits kept",
            new: document(replacing("quantity", with: Column(name: "quantity", type: "DECIMAL(12,2)"))),
            kinds: [.typeWidened], breaking: false),
        Case(
            label: "INTEGER to DECIMAL(10,2): too few digits",
            new: document(replacing("quantity", with: Column(name: "quantity", type: "DECIMAL(10,2)"))),
            kinds: [.typeChanged], breaking: true),
        Case(
            label: "DECIMAL(12,2) to DECIMAL(14,3)",
            new: document(replacing("amount", with: Column(name: "amount", type: "decimal(14, 3)", nullable: false))),
            kinds: [.typeWidened], breaking: false),
        Case(
            label: "DECIMAL(12,2) to DECIMAL(12,3): fewer integer digits",
            new: document(replacing("amount", with: Column(name: "amount", type: "DECIMAL(12,3)", nullable: false))),
            kinds: [.typeChanged], breaking: true),
        Case(
            label: "DATE to TIMESTAMP",
            new: document(replacing("ordered_at", with: Column(name: "ordered_at", type: "TIMESTAMP"))),
            kinds: [.typeWidened], breaking: false),
        Case(
            label: "primary key changed", new: document(primaryKey: ["order_id", "email"]), kinds: [.primaryKeyChanged],
            breaking: true),
        Case(
            label: "nullable made required",
            new: document(
                replacing("email", with: Column(name: "email", type: "VARCHAR", nullable: false, classification: "pii"))
            ),
            kinds: [.madeRequired], breaking: false),
        Case(
            label: "required made nullable",
            new: document(replacing("amount", with: Column(name: "amount", type: "DECIMAL(12,2)"))),
            kinds: [.madeNullable], breaking: true),
        Case(
            label: "column added at the end", new: document(base + [Column(name: "channel", type: "VARCHAR")]),
            kinds: [.columnAddedAtEnd], breaking: false),
        Case(
            label: "column added in the middle",
            new: document(
                Array(base.prefix(2)) + [Column(name: "channel", type: "VARCHAR")] + Array(base.dropFirst(2))),
            kinds: [.columnAddedInMiddle], breaking: true),
        Case(
            label: "columns reordered", new: document([base[1], base[0]] + Array(base.dropFirst(2))),
            kinds: [.columnsReordered], breaking: true),
        Case(
            label: "description changed",
            new: document(
                replacing(
                    "order_id",
                    with: Column(
                        name: "order_id", type: "BIGINT", nullable: false, classification: "internal",
                        description: "Key"))),
            kinds: [.descriptionChanged], breaking: false),
        Case(
            label: "classification raised",
            new: document(
                replacing(
                    "order_id",
                    with: Column(
                        name: "order_id", type: "BIGINT", nullable: false, classification: "confidential",
                        description: "Order key"))),
            kinds: [.classificationChanged], breaking: false),
        Case(
            label: "classification lowered",
            new: document(replacing("email", with: Column(name: "email", type: "VARCHAR", classification: "public"))),
            kinds: [.classificationLowered], breaking: false),
        Case(label: "mask added", new: document(masks: ["email": "hash"]), kinds: [.maskAdded], breaking: true),
        Case(
            label: "mask changed", new: document(masks: ["email": "redact"]), old: document(masks: ["email": "hash"]),
            kinds: [.maskChanged], breaking: true),
        Case(
            label: "mask removed", new: document(), old: document(masks: ["email": "hash"]), kinds: [.maskRemoved],
            breaking: false),
    ]

    @Test(arguments: matrix) func classifies(_ row: Case) {
        let diff = ContractDiff(old: row.old, new: row.new)
        #expect(diff.changes.map(\.kind) == row.kinds)
        #expect(diff.requiresMajorBump == row.breaking)
    }

    @Test func messagesNameTheColumnsAndTypes() {
        let new = Self.document(
            Self.replacing("email", with: Column(name: "buyer_email", type: "VARCHAR", classification: "pii"))
                .filter { $0.name != "weight" }
                .map { $0.name == "amount" ? Column(name: "amount", type: "VARCHAR", nullable: false) : $0 })
        let diff = ContractDiff(old: Self.document(), new: new)
        #expect(
            diff.changes.map(\.description) == [
                "breaking: column 'email' renamed to 'buyer_email'? (same type and position) — consumers reading 'email' lose it",
                "breaking: column 'weight' removed",
                "breaking: column 'amount' changed type: DECIMAL(12,2) → VARCHAR",
            ])
        #expect(diff.changes.first?.columns == ["email", "buyer_email"])
    }

    @Test func maskChangesSayWhoTheyBreak() {
        let diff = ContractDiff(old: Self.document(), new: Self.document(masks: ["email": "hash"]))
        #expect(
            diff.changes.map(\.message) == [
                "mask 'hash' added on column 'email' — breaking for readers outside the domain, who now see masked values"
            ])
    }

    @Test func classificationLoweredIsFlagged() {
        let diff = ContractDiff(
            old: Self.document(),
            new: Self.document(Self.replacing("email", with: Column(name: "email", type: "VARCHAR"))))
        #expect(
            diff.changes.map(\.message) == [
                "column 'email' classification lowered: pii → internal — check that the data really is less sensitive"
            ])
    }

    // MARK: Verdicts

    func version(_ text: String) throws -> SemVer { try SemVer(parsing: text) }

    @Test func breakingWithoutAMajorBumpIsAnError() throws {
        let diff = ContractDiff(old: Self.document(), new: Self.document(Array(Self.base.dropLast())))
        let verdict = diff.verdict(oldVersion: try version("1.4.0"), newVersion: try version("1.5.0"))
        #expect(verdict.description == "breaking changes need a new major version: 1.4.0 → 2.0.0")
        #expect(verdict.isError)
        #expect(diff.verdict(oldVersion: try version("1.4.0"), newVersion: try version("1.4.0")) == verdict)
        #expect(diff.verdict(oldVersion: try version("1.4.0"), newVersion: try version("2.0.0")) == .ok)
        #expect(diff.verdict(oldVersion: try version("1.4.0"), newVersion: try version("3.1.0")) == .ok)
    }

    @Test func versionGoingDownIsFlagged() throws {
        let diff = ContractDiff(old: Self.document(), new: Self.document())
        let verdict = diff.verdict(oldVersion: try version("1.4.0"), newVersion: try version("1.3.9"))
        #expect(verdict == .versionWentDown(old: try version("1.4.0"), new: try version("1.3.9")))
        #expect(verdict.isError)
    }

    @Test func nonBreakingChangeWithoutABumpSuggestsAMinorOne() throws {
        let diff = ContractDiff(
            old: Self.document(), new: Self.document(Self.base + [Column(name: "channel", type: "VARCHAR")]))
        let verdict = diff.verdict(oldVersion: try version("1.4.2"), newVersion: try version("1.4.2"))
        #expect(verdict == .needsMinorBump(old: try version("1.4.2"), next: try version("1.5.0")))
        #expect(!verdict.isError)
        #expect(diff.verdict(oldVersion: try version("1.4.2"), newVersion: try version("1.4.3")) == .ok)
        #expect(
            ContractDiff(old: Self.document(), new: Self.document()).verdict(
                oldVersion: try version("1.4.2"), newVersion: try version("1.4.2")) == .ok)
    }

    @Test func verdictFromTheDocumentsVersions() {
        let diff = ContractDiff(
            old: Self.document(version: "1.4.0"), new: Self.document(Array(Self.base.dropLast()), version: "2.0.0"))
        #expect(diff.verdict == .ok)
        #expect(ContractDiff(old: Self.document(version: "one"), new: Self.document()).verdict == nil)
    }
}
