import Foundation

/// One invocation of a command that changes state (`tessera run`, `tessera ingest`, …): what was
/// asked, by which process on which host, and how it ended.
public struct RunRecord: Sendable, Hashable {
    /// A `RunID.make()` id; unique in the catalog.
    public var id: String
    public var environment: String
    /// The command, e.g. `run` or `ingest`.
    public var command: String
    /// The selector as typed, e.g. `+sales.orders tag:gold`; nil when everything was selected.
    public var selector: String?
    /// The remaining command-line arguments, e.g. `["--full-refresh", "--threads", "4"]`.
    public var arguments: [String]
    public var startedAt: Date
    public var finishedAt: Date?
    public var status: RunStatus
    /// With `host`, lets a later reader tell a run still in progress from one whose process died.
    public var processID: Int32
    public var host: String

    public init(
        id: String = RunID.make(), environment: String, command: String, selector: String? = nil,
        arguments: [String] = [], startedAt: Date = Date(), finishedAt: Date? = nil,
        status: RunStatus = .running, processID: Int32 = ProcessLiveness.currentProcessID,
        host: String = ProcessLiveness.currentHost
    ) {
        self.id = id
        self.environment = environment
        self.command = command
        self.selector = selector
        self.arguments = arguments
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.status = status
        self.processID = processID
        self.host = host
    }
}
