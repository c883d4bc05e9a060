import Foundation
import TesseraModel

/// Every product's `access` block as the canonical JSON the audit log compares and keeps:
/// `{"masks":{column:kind},"readers":[…]|null,"roles":[…]}`, keys sorted, lists as written
/// (reordering readers is a change a reviewer may want to see; it is cheap to record).
enum AccessPolicies {
    struct Policy: Encodable {
        var readers: [String]?
        var roles: [String]
        var masks: [String: String]

        func encode(to encoder: any Encoder) throws {
            enum Keys: String, CodingKey { case readers, roles, masks }
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(readers, forKey: .readers)  // null, not absent: "every domain"
            try container.encode(roles, forKey: .roles)
            try container.encode(masks, forKey: .masks)
        }
    }

    static func json(_ project: Project) -> [String: String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var policies: [String: String] = [:]
        for product in project.domains.flatMap(\.products) {
            let access = product.access
            let policy = Policy(
                readers: access.readers, roles: access.roles,
                masks: Dictionary(
                    access.masks.map { ($0.column, $0.kind.rawValue) }, uniquingKeysWith: { _, last in last }))
            if let data = try? encoder.encode(policy) {
                policies[product.qualifiedName] = String(decoding: data, as: UTF8.self)
            }
        }
        return policies
    }
}
