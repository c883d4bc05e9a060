/// The text a model's fingerprint records for its materialization.
///
/// It is spelled out here, case by case, rather than derived from the Swift values, so that
/// renaming a case or a type in the code never changes a fingerprint (which would rebuild every
/// model of that materialization). The text is the one earlier versions recorded, kept identical
/// so that no existing build is taken as changed:
///
/// | materialization | text |
/// |---|---|
/// | view | `view` |
/// | table | `table` |
/// | incremental, interval | `incremental(TesseraModel.IncrementalStrategy.interval(timeColumn: "<column>"))` |
/// | incremental, key | `incremental(TesseraModel.IncrementalStrategy.uniqueKey(["<key>", …]))` |
/// | snapshot, `updated_at` | `scd2(TesseraModel.SCD2Strategy(uniqueKey: [<keys>], changeDetection: TesseraModel.SCD2Strategy.ChangeDetection.updatedAt("<column>")))` |
/// | snapshot, `check_cols` | the same with `…ChangeDetection.checkColumns([<columns>])` |
///
/// The options come in that fixed order (the snapshot's key before its change detection); lists
/// keep the order of the project file. Names are quoted in double quotes with `\`, `"` and `'`
/// escaped by a backslash, NUL, tab, line feed and carriage return as `\0`, `\t`, `\n`, `\r`, and
/// other control characters as `\u{XX}` (two or more uppercase hex digits).
///
/// A new option that changes what a build produces must be added here; one that does not (a
/// description, an owner) must not, or every model would be rebuilt for nothing.
extension Materialization {
    public var fingerprintText: String {
        switch self {
        case .view: "view"
        case .table: "table"
        case .incremental(let strategy): "incremental(\(strategy.fingerprintText))"
        case .scd2(let strategy): "scd2(\(strategy.fingerprintText))"
        }
    }
}

extension IncrementalStrategy {
    var fingerprintText: String {
        let prefix = "TesseraModel.IncrementalStrategy."
        return switch self {
        case .interval(let column): prefix + "interval(timeColumn: \(FingerprintQuoting.quoted(column)))"
        case .uniqueKey(let keys): prefix + "uniqueKey(\(FingerprintQuoting.list(keys)))"
        }
    }
}

extension SCD2Strategy {
    var fingerprintText: String {
        let detection =
            switch changeDetection {
            case .updatedAt(let column): "updatedAt(\(FingerprintQuoting.quoted(column)))"
            case .checkColumns(let columns): "checkColumns(\(FingerprintQuoting.list(columns)))"
            }
        return "TesseraModel.SCD2Strategy(uniqueKey: \(FingerprintQuoting.list(uniqueKey)), "
            + "changeDetection: TesseraModel.SCD2Strategy.ChangeDetection.\(detection))"
    }
}

/// The quoting of names inside ``Materialization/fingerprintText``.
enum FingerprintQuoting {
    static func list(_ names: [String]) -> String {
        "[" + names.map(quoted).joined(separator: ", ") + "]"
    }

    static func quoted(_ name: String) -> String {
        var text = "\""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\0": text += "\\0"
            case "\t": text += "\\t"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\"", "'", "\\": text += "\\" + String(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                text += "\\u{" + (hex.count < 2 ? "0" + hex : hex) + "}"
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + "\""
    }
}
