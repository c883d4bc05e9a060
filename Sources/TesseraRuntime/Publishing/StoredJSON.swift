import Foundation
import TesseraCatalog
import TesseraModel
import TesseraQuality

/// Profiles and drift reports are stored in the catalog as JSON the catalog does not interpret
/// (it cannot import their types). One encoder for both, with sorted keys, so the stored text
/// is stable.
enum StoredJSON {
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

extension Profile {
    var json: String { StoredJSON.encode(self) }
    public init(json: String) throws { self = try StoredJSON.decode(Profile.self, from: json) }
}

extension DriftReport {
    var json: String { StoredJSON.encode(self) }
}

extension ContractDocument {
    /// The columns as the model describes them, e.g. to build the view of an earlier major.
    var contractColumns: [ContractColumn] {
        columns.map {
            ContractColumn(
                name: $0.name, type: $0.typeForSQL, nullable: $0.nullable, description: $0.description,
                classification: $0.classification.flatMap(Classification.init(rawValue:)),
                location: SourceLocation(file: "<published contract>"))
        }
    }
}

extension CheckRunRecord {
    /// A check's result as the catalog keeps it.
    public init(result: CheckResult, snapshotID: String, product: String, runID: String?, checkedAt: Date) {
        self.init(
            snapshotID: snapshotID, product: product, runID: runID, checkedAt: checkedAt, name: result.name,
            kind: result.kind, severity: result.severity, status: result.status.rawValue,
            failingRows: result.failingRows, observed: result.observed, message: result.message,
            samplesJSON: StoredJSON.encode(result.samples), durationMs: Int64(result.durationMs.rounded()),
            location: result.location)
    }
}
