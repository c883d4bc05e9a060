/// The `governance:` block of tessera.yaml. Every rule defaults to true: a mesh is governed
/// unless it says otherwise.
public struct GovernanceSettings: Sendable, Hashable {
    public var requireOwner: Bool
    public var requireDescription: Bool
    public var requireClassification: Bool
    public var piiRequiresMask: Bool
    /// A model or product column derived from a `pii` column is `pii` too, unless masked or
    /// declassified with a reason; `validate` reports a product column declared lower.
    public var piiPropagation: Bool

    public init(
        requireOwner: Bool = true, requireDescription: Bool = true,
        requireClassification: Bool = true, piiRequiresMask: Bool = true, piiPropagation: Bool = true
    ) {
        self.requireOwner = requireOwner
        self.requireDescription = requireDescription
        self.requireClassification = requireClassification
        self.piiRequiresMask = piiRequiresMask
        self.piiPropagation = piiPropagation
    }
}
