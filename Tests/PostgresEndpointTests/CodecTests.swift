import DuckDB
import Foundation
import PostgresWire
import Testing

@testable import PostgresEndpoint

@Suite struct CodecTests {
    static func message(_ type: Unicode.Scalar?, _ body: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        if let type { out.append(UInt8(ascii: type)) }
        out.appendInt32(Int32(body.count + 4))
        return out + body
    }

    @Test func decodesStartupThenTypedMessagesSplitAnywhere() throws {
        var startup: [UInt8] = []
        startup.appendInt32(196_608)
        startup.appendCString("user")
        startup.appendCString("alice")
        startup.append(0)
        var parse: [UInt8] = []
        parse.appendCString("s1")
        parse.appendCString("select $1")
        parse.appendInt16(1)
        parse.appendInt32(23)
        var bind: [UInt8] = []
        bind.appendCString("")
        bind.appendCString("s1")
        bind.appendInt16(1)
        bind.appendInt16(1)
        bind.appendInt16(1)
        bind.appendInt32(4)
        bind.appendInt32(42)
        bind.appendInt16(0)
        var execute: [UInt8] = []
        execute.appendCString("")
        execute.appendInt32(10)
        let stream =
            Self.message(nil, startup) + Self.message("P", parse) + Self.message("B", bind)
            + Self.message("E", execute) + Self.message("S", [])
        var decoder = FrontendRequestDecoder()
        var requests: [FrontendRequest] = []
        for byte in stream {
            decoder.append([byte])
            while let request = try decoder.next() { requests.append(request) }
        }
        #expect(
            requests == [
                .startup(protocolVersion: 196_608, parameters: ["user": "alice"]),
                .parse(name: "s1", sql: "select $1", parameterTypes: [23]),
                .bind(
                    BindRequest(
                        portal: "", statement: "s1", parameterFormats: [.binary], parameters: [[0, 0, 0, 42]],
                        resultFormats: [])),
                .execute(portal: "", maxRows: 10), .sync,
            ])
    }

    @Test func decodesSSLAndCancelRequestsBeforeStartup() throws {
        var ssl: [UInt8] = []
        ssl.appendInt32(80_877_103)
        var cancel: [UInt8] = []
        cancel.appendInt32(80_877_102)
        cancel.appendInt32(7)
        cancel.appendInt32(-9)
        var decoder = FrontendRequestDecoder()
        decoder.append(Self.message(nil, ssl) + Self.message(nil, cancel))
        #expect(try decoder.next() == .sslRequest)
        #expect(try decoder.next() == .cancel(processID: 7, secretKey: -9))
        #expect(try decoder.next() == nil)
    }

    @Test func refusesAnAbsurdLength() {
        var decoder = FrontendRequestDecoder()
        decoder.append([0x7F, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0])
        #expect(throws: PostgresError.self) { try decoder.next() }
    }

    @Test func encodesRepliesAsPostgreSQLDoes() {
        #expect(BackendReply.readyForQuery(.idle).encoded() == [UInt8(ascii: "Z"), 0, 0, 0, 5, UInt8(ascii: "I")])
        #expect(
            BackendReply.dataRow([[UInt8(ascii: "1")], nil]).encoded()
                == [UInt8(ascii: "D"), 0, 0, 0, 15, 0, 2, 0, 0, 0, 1, UInt8(ascii: "1"), 0xFF, 0xFF, 0xFF, 0xFF])
        let error = BackendReply.error(EndpointError("28P01", "no")).encoded()
        #expect(error.first == UInt8(ascii: "E"))
        #expect(String(decoding: error, as: UTF8.self).contains("C28P01\0Mno\0"))
    }

    @Test func numericsInBinaryUseBase10000Digits() {
        func words(_ bytes: [UInt8]) -> [Int16] {
            stride(from: 0, to: bytes.count, by: 2).map {
                Int16(bitPattern: UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]))
            }
        }
        // 123.45: two digits (123, 4500), weight 0, positive, scale 2.
        #expect(words(NumericBinary.encode("123.45")) == [2, 0, 0, 2, 123, 4500])
        // -10000.5: digits (1, 0, 5000), weight 1, negative, scale 1.
        #expect(words(NumericBinary.encode("-10000.5")) == [3, 1, 0x4000, 1, 1, 0, 5000])
        #expect(words(NumericBinary.encode("0.00")) == [0, 0, 0, 2])
        // 0.0001: one digit (1), weight -1.
        #expect(words(NumericBinary.encode("0.0001")) == [1, -1, 0, 4, 1])
    }

    @Test func classifiesStatementsByTheirFirstWords() {
        #expect(StatementKind("  -- hi\n /* x */ SELECT 1") == .query)
        #expect(StatementKind("(select 1)") == .query)
        #expect(StatementKind("Begin") == .begin)
        #expect(StatementKind("SET application_name = 'x'") == .set("set"))
        #expect(StatementKind("show TimeZone") == .show("timezone"))
        #expect(StatementKind("SHOW TRANSACTION ISOLATION LEVEL;") == .show("transaction_isolation"))
        #expect(StatementKind("insert into sales.orders values (1)") == .write("insert"))
        #expect(StatementKind(";") == .empty)
    }

    @Test func rewritesPostgreSQLsCatalogDialect() {
        #expect(
            CatalogQueryRewriter.rewrite(
                "SELECT c.oid FROM pg_catalog.pg_class c WHERE c.relname OPERATOR(pg_catalog.~) '^(orders)$' COLLATE pg_catalog.default"
            ) == "SELECT c.oid FROM pg_class c WHERE c.relname ~ '^(orders)$' ")
        #expect(
            CatalogQueryRewriter.rewrite("select 'x'::regclass, c.oid::regclass, n::name")
                == "select to_regclass('x'), c.oid::BIGINT, n::VARCHAR")
        #expect(
            CatalogQueryRewriter.rewrite("select * from information_schema.tables")
                == "select * from _information_schema.tables")
        #expect(CatalogQueryRewriter.readsCatalog("select version()"))
        #expect(!CatalogQueryRewriter.readsCatalog("select * from sales.orders"))
    }

    @Test func settingsParseAsPostgreSQLWritesThem() {
        #expect(EndpointSession.assignment("SET application_name = 'psql'")! == ("application_name", "psql"))
        #expect(EndpointSession.assignment("set session TimeZone to 'UTC';")! == ("timezone", "UTC"))
        #expect(EndpointSession.assignment("set x") == nil)
        #expect(EndpointSession.milliseconds("1500") == 1500)
        #expect(EndpointSession.milliseconds("5s") == 5000)
        #expect(EndpointSession.milliseconds("2 min") == 120_000)
        #expect(EndpointSession.milliseconds("soon") == nil)
    }
}

@Suite struct ValueTextTests {
    @Test func integersAreWrittenWithoutAStringInBetween() {
        for value: Int64 in [0, 7, -7, 10, 99, 1_234_567_890, .max, .min] {
            var out = WireBuffer(capacity: 1)
            out.appendDecimal(value)
            #expect(String(decoding: out.array, as: UTF8.self) == String(value))
        }
        var padded = WireBuffer()
        padded.appendDigits(7, width: 2)
        padded.appendDigits(59, width: 2)
        padded.appendDigits(42, width: 6)
        padded.appendDigits(2026, width: 4)
        #expect(String(decoding: padded.array, as: UTF8.self) == "07590000422026")
    }

    /// One cell's bytes after its length, which must count them.
    static func cell(_ write: (inout WireBuffer) -> Void) -> String {
        var out = WireBuffer()
        write(&out)
        let bytes = out.array
        let length = bytes.prefix(4).reduce(0) { $0 << 8 | Int($1) }
        #expect(length == bytes.count - 4)
        return String(decoding: bytes.dropFirst(4), as: UTF8.self)
    }

    @Test func datesAreISOAsPostgreSQLWritesThem() {
        func text(_ days: Int32) -> String { Self.cell { TemporalCells.date(days, format: .text, into: &$0) } }
        #expect(text(0) == "1970-01-01")
        #expect(text(10_957) == "2000-01-01")
        #expect(text(11_017) == "2000-03-01")
        #expect(text(-1) == "1969-12-31")
        #expect(text(20_454) == "2026-01-01")
        var binary = WireBuffer()
        TemporalCells.date(10_958, format: .binary, into: &binary)
        #expect(binary.array == [0, 0, 0, 4, 0, 0, 0, 1])
    }

    @Test func timestampsAreWrittenAsTheSlowPathWritesThem() {
        let samples: [Int64] = [
            0, 1, 37_013_000, 1_577_836_800_000_000, 1_577_836_837_013_000, 1_577_836_837_000_010, -1, -86_400_000_000,
            -1_000_000, 253_402_300_799_999_999, -62_135_596_800_000_000, -62_135_596_800_000_001,
            253_402_300_800_000_000, .max, -.max,
        ]
        for micros in samples {
            let instant = DuckDBTimestamp(microseconds: micros)
            for zone in [false, true] {
                let fast = Self.cell { TemporalCells.timestamp(micros, zone: zone, format: .text, into: &$0) }
                let slow = ValueEncoder.text(zone ? .timestampTZ(instant) : .timestamp(instant)) ?? []
                #expect(fast == String(decoding: slow, as: UTF8.self), "\(micros)")
            }
        }
        #expect(
            Self.cell { TemporalCells.timestamp(1_577_836_837_013_000, zone: false, format: .text, into: &$0) }
                == "2020-01-01 00:00:37.013")
        #expect(
            Self.cell { TemporalCells.timestamp(1_577_836_800_000_000, zone: true, format: .text, into: &$0) }
                == "2020-01-01 00:00:00+00")
    }

    @Test func doublesAreTheShortestDigitsWithoutAWholeNumbersPointZero() {
        func text(_ value: Double) -> String { Self.cell { ChunkColumn.double(value, format: .text, into: &$0) } }
        #expect(text(1.0 / 7) == "0.14285714285714285")
        #expect(text(100) == "100")
        #expect(text(-0.5) == "-0.5")
        #expect(text(.infinity) == "Infinity")
        #expect(text(-.infinity) == "-Infinity")
        #expect(text(.nan) == "NaN")
    }

    @Test func floatsAndIntervalsReadAsPostgreSQLs() {
        #expect(ValueEncoder.floatText(100, description: "100.0") == "100")
        #expect(ValueEncoder.floatText(.infinity, description: "inf") == "Infinity")
        #expect(ValueEncoder.floatText(.nan, description: "nan") == "NaN")
        #expect(ValueEncoder.floatText(1.5, description: "1.5") == "1.5")
        #expect(
            ValueEncoder.intervalText(DuckDBInterval(months: 14, days: 3, microseconds: 3_723_500_000))
                == "1 year 2 mons 3 days 01:02:03.5")
        #expect(ValueEncoder.text(.boolean(true)) == [UInt8(ascii: "t")])
        #expect(ValueEncoder.text(.blob(Data([0xDE, 0xAD]))) == Array("\\xdead".utf8))
    }
}
