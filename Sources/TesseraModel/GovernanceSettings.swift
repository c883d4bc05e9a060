/// The `governance:` block of tessera.yaml. Every rule defaults to true: a mesh is governed
/// unless it says otherwise.
public struct GovernanceSettings: Sendable, Hashable {
    public var requireOwner: Bool
    public var requireDescription: Bool
    public var requireClassification: Bool
    public var piiRequiresMask: Bool

    public init(requireOwner: Bool = true, requireDescription: Bool = true,
                requireClassification: Bool = true, piiRequiresMask: Bool = true) {
        self.requireOwner = requireOwner
        self.requireDescription = requireDescription
        self.requireClassification = requireClassification
        self.piiRequiresMask = piiRequiresMask
    }
}
