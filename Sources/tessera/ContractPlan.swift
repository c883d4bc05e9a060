import TesseraCore

/// One product's contract change as `tessera plan` shows it: the versions, each change (breaking
/// or not, with the consumers it breaks), and what `run` will do about it.
struct ContractPlan: Encodable {
    struct Change: Encodable {
        var kind: String
        var columns: [String]
        var message: String
        var breaking: Bool
        /// `model finance.revenue`, `dashboard sales.overview chart 'Revenue'`: each consumer this
        /// change breaks.
        var breaks: [String]
    }

    var product: String
    var publishedVersion: String
    var version: String
    /// `ok`, `needs_major_bump`, `needs_minor_bump` or `version_went_down`.
    var verdict: String
    /// What is wrong with the version, when something is; `run` refuses to publish on an error.
    var problem: String?
    var blocksRun: Bool
    var changes: [Change]
    var brokenConsumers: [String]

    init(_ review: ContractReview) {
        product = review.product
        publishedVersion = review.publishedVersion.description
        version = review.version.description
        switch review.verdict {
        case .ok: verdict = "ok"
        case .needsMajorBump: verdict = "needs_major_bump"
        case .needsMinorBump: verdict = "needs_minor_bump"
        case .versionWentDown: verdict = "version_went_down"
        }
        problem = review.verdict.isOK ? nil : review.verdict.description
        blocksRun = review.verdict.isError
        changes = review.changes.map { change in
            Change(
                kind: change.change.kind.rawValue, columns: change.change.columns, message: change.change.message,
                breaking: change.change.isBreaking, breaks: change.breaks.map(Self.name))
        }
        brokenConsumers = review.brokenConsumers.map(Self.name)
    }

    static func name(_ consumer: ContractConsumer) -> String { consumer.label }

    func print(console: Console) {
        let versions = publishedVersion == version ? "still \(version)" : "\(publishedVersion) → \(version)"
        console.result("  \(product)  \(versions)")
        for change in changes {
            let label = change.breaking ? console.styled("breaking", .red) : console.styled("change  ", .dim)
            let breaks =
                change.breaks.isEmpty
                ? (change.breaking ? " — breaks no known consumer" : "")
                : " — breaks \(change.breaks.joined(separator: ", "))"
            console.result("    \(label) \(change.message)\(breaks)")
        }
        if let problem {
            let status = blocksRun ? console.styled("error:", .red) : console.styled("warning:", .yellow)
            console.result(
                "    \(status) \(problem)" + (blocksRun ? " (`run` will refuse to publish it; `validate` fails)" : ""))
        } else if !brokenConsumers.isEmpty {
            // Dashboards read the current version only: they cannot stay on the previous major.
            let (dashboards, readers) = (
                brokenConsumers.filter { $0.hasPrefix("dashboard ") },
                brokenConsumers.filter { !$0.hasPrefix("dashboard ") }
            )
            if !readers.isEmpty {
                console.result(
                    "    consumers of the previous major keep reading \(product)__v\(publishedVersion.split(separator: ".").first ?? ""): \(readers.joined(separator: ", "))"
                )
            }
            if !dashboards.isEmpty {
                console.result(
                    "    dashboards read the current version, change them with it: \(dashboards.joined(separator: ", "))"
                )
            }
        }
    }
}
