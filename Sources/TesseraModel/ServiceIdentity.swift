/// A machine acting for a domain (`services:` in domain.yaml): a BI tool, a notebook server, a
/// job of another platform. It reads with exactly its domain's rights, as a model of that domain
/// does, and signs in with a token.
public struct ServiceIdentity: Sendable, Hashable {
    /// Lower snake_case, unique in the mesh.
    public var name: String
    public var location: SourceLocation

    public init(name: String, location: SourceLocation) {
        self.name = name
        self.location = location
    }
}
