import TesseraModel

/// Whether a product's new `version:` suits the changes to its contract.
public enum VersionVerdict: Sendable, Hashable, CustomStringConvertible {
    case ok
    /// Breaking changes under the same major version.
    case needsMajorBump(old: SemVer, next: SemVer)
    /// Non-breaking changes and no version bump at all: consumers cannot tell the contract changed.
    case needsMinorBump(old: SemVer, next: SemVer)
    /// A published version only goes up.
    case versionWentDown(old: SemVer, new: SemVer)

    /// Errors block `validate`; a missing minor bump is a warning.
    public var isError: Bool {
        switch self {
        case .needsMajorBump, .versionWentDown: true
        case .ok, .needsMinorBump: false
        }
    }

    public var isOK: Bool { self == .ok }

    public var description: String {
        switch self {
        case .ok: "ok"
        case let .needsMajorBump(old, next): "breaking changes need a new major version: \(old) → \(next)"
        case let .needsMinorBump(old, next): "the contract changed but its version did not: \(old) → \(next)"
        case let .versionWentDown(old, new): "the version went down: \(old) was published, \(new) is lower"
        }
    }
}
