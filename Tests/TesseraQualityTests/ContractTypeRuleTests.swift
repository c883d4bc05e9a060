import DuckDB
import Foundation
import Testing
import TesseraModel
@testable import TesseraQuality

/// `validate`'s type checks of contracts and checks, one per check kind.
@Suite("Contract type check")
struct ContractTypeRuleTests {
    static let types = [
        "id": "BIGINT", "name": "VARCHAR", "day": "DATE", "at": "TIMESTAMP WITH TIME ZONE", "amount": "DECIMAL(12,2)",
        "kind": "ENUM('a', 'b')", "tags": "VARCHAR[]",
    ]
    static let here = SourceLocation(file: "domains/sales/products/orders.yaml", line: 9, column: 5)

    func problems(_ kind: CheckKind, target: String? = nil) throws -> [String] {
        let connection = try Connection(Database())
        return ContractTypeRule.problems(
            of: Check(kind: kind, location: Self.here), types: Self.types, connection: connection
        ) { _ in target }
        .map { "\($0.location): \($0.message)" }
    }

    @Test func eachCheckKindIsCheckedAgainstItsColumnsType() throws {
        let span = TimeSpan(seconds: 60)
        #expect(
            try problems(.freshness(column: "name", maxAge: span)) == [
                "domains/sales/products/orders.yaml:9:5: freshness on 'name' needs a date or timestamp, but 'name' is VARCHAR"
            ])
        #expect(try problems(.freshness(column: "day", maxAge: span)).isEmpty)
        #expect(try problems(.freshness(column: "at", maxAge: span)).isEmpty)
        #expect(try problems(.range(column: "day", min: 0, max: nil)).count == 1)
        #expect(try problems(.range(column: "amount", min: 0, max: nil)).isEmpty)
        #expect(try problems(.range(column: "id", min: nil, max: 5)).isEmpty)
        #expect(try problems(.regex(column: "id", pattern: "x")).count == 1)
        #expect(try problems(.regex(column: "name", pattern: "x")).isEmpty)
        #expect(try problems(.regex(column: "kind", pattern: "x")).isEmpty)
        #expect(
            try problems(.acceptedValues(column: "id", values: ["1", "x"])) == [
                "domains/sales/products/orders.yaml:9:5: accepted_values on 'id': 'x' is not a value of its type, BIGINT"
            ])
        #expect(try problems(.acceptedValues(column: "kind", values: ["a", "c"])).count == 1)
        #expect(try problems(.acceptedValues(column: "day", values: ["2024-01-31"])).isEmpty)
        let reference = ColumnReference(domain: "sales", product: "customers", column: "id")
        #expect(try problems(.relationship(column: "name", to: reference), target: "BIGINT").count == 1)
        #expect(try problems(.relationship(column: "id", to: reference), target: "INTEGER").isEmpty)
        #expect(try problems(.relationship(column: "id", to: reference), target: nil).isEmpty)
        for kind: CheckKind in [
            .unique(columns: ["tags"]), .notNull(columns: ["tags"]), .rowCount(min: 1, max: nil),
            .rowCountChange(maxPercent: 5), .sql(name: "s", query: "select 1"),
        ] {
            #expect(try problems(kind).isEmpty, "\(kind)")
        }
        // A column without a known type is left to the diagnostic about that type.
        #expect(try problems(.freshness(column: "nope", maxAge: span)).isEmpty)
    }
}
