/// The `openlineage:` block of tessera.yaml: where `tessera run` sends OpenLineage run events.
/// Absent: nothing is sent.
public struct OpenLineageSettings: Sendable, Hashable {
    public enum Transport: Sendable, Hashable {
        /// One JSON event per line, appended to `path` (relative to the project root unless absolute).
        case file(path: String)
        /// POSTed one by one to `url` + `/` + `endpoint`, with `Authorization: Bearer <apiKey>` when given.
        case http(url: ConfigString, endpoint: String, apiKey: ConfigString?)
    }

    public static let defaultEndpoint = "api/v1/lineage"
    public static let defaultTimeout = 5.0

    public var transport: Transport
    /// The namespace of every job and dataset; nil: the mesh's name.
    public var namespace: String?
    /// Seconds one HTTP request may take before it counts as failed.
    public var timeout: Double
    public var location: SourceLocation

    public init(
        transport: Transport, namespace: String? = nil, timeout: Double = OpenLineageSettings.defaultTimeout,
        location: SourceLocation = .start(of: "tessera.yaml")
    ) {
        self.transport = transport
        self.namespace = namespace
        self.timeout = timeout
        self.location = location
    }
}
