import Testing

/// The comparison `ExternalProjectTests` relies on: it must see every difference but row order,
/// and forgive rounding only in the columns it is told hold floating-point numbers.
@Suite struct CSVTableTests {
    let expected = """
        id,name,amount
        1,"Smith, Ann",10.0
        2,,0.1
        3,"",

        """

    func differences(_ text: String, floatingPoint: Set<String> = ["amount"]) throws -> [String] {
        try CSVTable(parsing: text).differences(
            from: CSVTable(parsing: expected), key: "id", floatingPoint: floatingPoint)
    }

    @Test func rowOrderDoesNotMatter() throws {
        #expect(try differences("id,name,amount\n3,\"\",\n1,\"Smith, Ann\",10.0\n2,,0.1\n") == [])
    }

    @Test func floatingPointColumnsAreEqualWithinRounding() throws {
        #expect(try differences("id,name,amount\n1,\"Smith, Ann\",10.000000000001\n2,,0.1\n3,\"\",\n") == [])
        #expect(
            try differences("id,name,amount\n1,\"Smith, Ann\",10.000000000001\n2,,0.1\n3,\"\",\n", floatingPoint: [])
                .count == 1)
        #expect(try differences("id,name,amount\n1,\"Smith, Ann\",10.01\n2,,0.1\n3,\"\",\n").count == 1)
    }

    @Test func nullIsNotTheEmptyString() throws {
        #expect(
            try differences("id,name,amount\n1,\"Smith, Ann\",10.0\n2,\"\",0.1\n3,,\n") == [
                "id 2, name: got , expected NULL", "id 3, name: got NULL, expected ",
            ])
    }

    @Test func columnsAndRowCountsMustMatch() throws {
        #expect(try differences("id,amount,name\n1,10.0,\"Smith, Ann\"\n2,0.1,\n3,,\"\"\n").count == 1)
        #expect(try differences("id,name,amount\n1,\"Smith, Ann\",10.0\n2,,0.1\n") == ["2 rows, expected 3"])
    }
}
