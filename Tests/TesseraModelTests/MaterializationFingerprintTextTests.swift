import Testing
@testable import TesseraModel

/// The materialization's part of a model's fingerprint is fixed text: a change here rebuilds every
/// model of that materialization in every environment. The expected texts are those recorded by
/// earlier versions (Swift's description of the values), which existing builds carry.
@Suite("Materialization fingerprint text")
struct MaterializationFingerprintTextTests {
    @Test(arguments: [
        (Materialization.view, "view"),
        (.table, "table"),
        (
            .incremental(.interval(timeColumn: "ts")),
            #"incremental(TesseraModel.IncrementalStrategy.interval(timeColumn: "ts"))"#
        ),
        (
            .incremental(.uniqueKey(["a", "b"])),
            #"incremental(TesseraModel.IncrementalStrategy.uniqueKey(["a", "b"]))"#
        ),
        (.incremental(.uniqueKey([])), #"incremental(TesseraModel.IncrementalStrategy.uniqueKey([]))"#),
        (
            .scd2(SCD2Strategy(uniqueKey: ["id"], changeDetection: .updatedAt("u"))),
            #"scd2(TesseraModel.SCD2Strategy(uniqueKey: ["id"], "#
                + #"changeDetection: TesseraModel.SCD2Strategy.ChangeDetection.updatedAt("u")))"#
        ),
        (
            .scd2(SCD2Strategy(uniqueKey: ["id", "x"], changeDetection: .checkColumns(["c", "d"]))),
            #"scd2(TesseraModel.SCD2Strategy(uniqueKey: ["id", "x"], "#
                + #"changeDetection: TesseraModel.SCD2Strategy.ChangeDetection.checkColumns(["c", "d"])))"#
        ),
    ])
    func pinned(materialization: Materialization, text: String) {
        #expect(materialization.fingerprintText == text)
    }

    /// Names are quoted as the earlier text quoted them: backslash escapes for quotes, backslashes
    /// and control characters; everything else as it is.
    @Test func quotesNames() {
        #expect(FingerprintQuoting.quoted("updated_at") == #""updated_at""#)
        #expect(FingerprintQuoting.quoted("we\"ird\\ it's é") == #""we\"ird\\ it\'s é""#)
        #expect(FingerprintQuoting.quoted("a\0b\tc\nd\re") == #""a\0b\tc\nd\re""#)
        #expect(FingerprintQuoting.quoted("\u{1}\u{7F}\u{A0}") == "\"\\u{01}\\u{7F}\u{A0}\"")
    }

    /// Every option that changes a build changes the text.
    @Test func distinguishesOptions() {
        let all: [Materialization] = [
            .view, .table, .incremental(.interval(timeColumn: "a")), .incremental(.interval(timeColumn: "b")),
            .incremental(.uniqueKey(["a"])), .incremental(.uniqueKey(["a", "b"])),
            .scd2(SCD2Strategy(uniqueKey: ["a"], changeDetection: .updatedAt("b"))),
            .scd2(SCD2Strategy(uniqueKey: ["a"], changeDetection: .checkColumns(["b"]))),
            .scd2(SCD2Strategy(uniqueKey: ["b"], changeDetection: .updatedAt("b"))),
        ]
        #expect(Set(all.map(\.fingerprintText)).count == all.count)
    }
}
