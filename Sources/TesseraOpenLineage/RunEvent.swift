import Foundation

/// An OpenLineage `RunEvent` (spec 2-0-2): a job's run changing state, with what it read and
/// wrote. Encoded with the spec's field names; optional facets left nil are omitted.
public struct RunEvent: Sendable, Hashable, Encodable {
    public enum EventType: String, Sendable, Hashable, Encodable {
        case start = "START", complete = "COMPLETE", fail = "FAIL", abort = "ABORT"
    }

    public struct Run: Sendable, Hashable, Encodable {
        public var runId: String
        public var facets: RunFacets
        public init(runId: String, facets: RunFacets = .init()) {
            self.runId = runId
            self.facets = facets
        }
    }

    public struct Job: Sendable, Hashable, Encodable {
        public var namespace: String
        public var name: String
        public var facets: JobFacets
        public init(namespace: String, name: String, facets: JobFacets = .init()) {
            self.namespace = namespace
            self.name = name
            self.facets = facets
        }
    }

    public struct Dataset: Sendable, Hashable, Encodable {
        public var namespace: String
        public var name: String
        public var facets: DatasetFacets
        public init(namespace: String, name: String, facets: DatasetFacets = .init()) {
            self.namespace = namespace
            self.name = name
            self.facets = facets
        }
    }

    public static let schemaURL = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent"

    public var eventType: EventType
    /// ISO 8601 with milliseconds, UTC.
    public var eventTime: String
    public var run: Run
    public var job: Job
    public var inputs: [Dataset]
    public var outputs: [Dataset]
    public var producer: String = OpenLineage.producer
    public var schemaURL: String = RunEvent.schemaURL

    public init(
        eventType: EventType, eventTime: Date, run: Run, job: Job, inputs: [Dataset] = [], outputs: [Dataset] = []
    ) {
        self.eventType = eventType
        self.eventTime = OpenLineage.timestamp(eventTime)
        self.run = run
        self.job = job
        self.inputs = inputs
        self.outputs = outputs
    }

    /// One line of JSON, keys sorted: what both transports send.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
