import TesseraModel
import TesseraSQL

/// Schemas of the relations the fixtures read.
let fixtureSchemas: [String: [String]] = [
    "src.orders": ["order_id", "customer_id", "amount", "ordered_at", "status"],
    "src.customers": ["customer_id", "name", "country"],
    "customers": ["customer_id", "name", "country"],
    "sales.orders": ["order_id", "amount"],
]

func fixtureSchema(_ relation: RelationName) -> [String]? {
    fixtureSchemas[relation.description.lowercased()]
}

/// `relation.column kind` strings, for compact exact assertions.
func edges(_ column: OutputColumn?) -> [String] {
    (column?.lineage ?? []).map { "\($0.input.relation).\($0.input.column) \($0.kind)" }
}

func column(_ analysis: SQLAnalysis, _ name: String) -> OutputColumn? {
    analysis.outputColumns.first { $0.name == name }
}

func messages(_ analysis: SQLAnalysis) -> [String] {
    analysis.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.message)" }
}

func referenceNames(_ analysis: SQLAnalysis) -> [String] {
    analysis.references.map(\.relation.description)
}

@testable import TesseraSQL

func fingerprintOf(_ text: String) -> String { Fingerprint.of(text) }
