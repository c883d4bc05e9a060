/// What ``ReadPolicy`` decided for one principal and one product.
public enum ReadDecision: Sendable, Hashable {
    /// Every value as published: the principal acts for the owning domain.
    case clear
    /// Readable with these columns masked (declared masks, and every `pii` column).
    case masked([Access.Mask])
    /// Not readable at all; the text says why and who may read it.
    case refused(String)

    public var isReadable: Bool {
        if case .refused = self { false } else { true }
    }

    /// The masks to apply: none in clear.
    public var masks: [Access.Mask] {
        if case .masked(let masks) = self { masks } else { [] }
    }
}
