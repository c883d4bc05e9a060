import Foundation
import TesseraCore

/// How `tessera token` prints tokens as text, and the JSON of a created one.
enum TokenRendering {
    /// `--format json` of `token create`: the listed fields plus `token`, the text, this once.
    struct CreatedJSON: Encodable {
        let created: NewToken

        init(_ created: NewToken) { self.created = created }

        private enum CodingKeys: String, CodingKey { case token }

        func encode(to encoder: any Encoder) throws {
            try created.info.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(created.text, forKey: .token)
        }
    }

    /// The line under a created token's text: what it is, and that it will not be shown again.
    static func createdLine(_ info: TokenInfo) -> String {
        let expiry = info.expiresAt.map { "expires \(Timestamps.text($0)) UTC" } ?? "does not expire"
        return
            "Token \(info.id) for \(info.principalKind) \(info.principal) (\(expiry)). Copy it now: it will not be shown again."
    }

    static func table(_ tokens: [TokenInfo], environment: String, console: Console) {
        guard !tokens.isEmpty else {
            console.result("No tokens in '\(environment)' yet; `tessera token create --principal NAME` makes one.")
            return
        }
        let rows =
            [["ID", "PRINCIPAL", "NAME", "CREATED (UTC)", "EXPIRES (UTC)", "LAST USED (UTC)", "STATUS"]]
            + tokens.map { token in
                [
                    token.id, token.principalKind == "service" ? "service \(token.principal)" : token.principal,
                    token.name ?? "-", Timestamps.text(token.createdAt),
                    token.expiresAt.map(Timestamps.text) ?? "never",
                    token.lastUsedAt.map(Timestamps.text) ?? "never", status(token),
                ]
            }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for (index, row) in rows.enumerated() {
            let line = zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
            console.result(index == 0 ? console.styled(line, .bold) : line)
        }
    }

    private static func status(_ token: TokenInfo) -> String {
        switch token.status {
        case .active: "active"
        case .expired: "expired"
        case .revoked: "revoked \(token.revokedAt.map(Timestamps.text) ?? "")"
        }
    }
}
