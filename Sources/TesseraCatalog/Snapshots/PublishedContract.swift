/// The contract a product was last published with: what `tessera validate` compares the
/// project's contract against to find breaking changes.
public struct PublishedContract: Sendable, Hashable {
    /// The contract's semantic version, as recorded on the snapshot.
    public var version: String
    /// The contract as the JSON the runtime wrote; the catalog does not read it.
    public var contract: String
    /// The snapshot that carried it.
    public var snapshotID: String

    public init(version: String, contract: String, snapshotID: String) {
        self.version = version
        self.contract = contract
        self.snapshotID = snapshotID
    }
}
