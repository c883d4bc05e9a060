/// The facets Tessera sends, each with its `_producer` and the `_schemaURL` of the facet version
/// it follows (the versions openlineage-python 1.54 implements).
public struct RunFacets: Sendable, Hashable, Encodable {
    public var parent: ParentRunFacet?
    public var errorMessage: ErrorMessageRunFacet?
    public init(parent: ParentRunFacet? = nil, errorMessage: ErrorMessageRunFacet? = nil) {
        self.parent = parent
        self.errorMessage = errorMessage
    }
}

public struct JobFacets: Sendable, Hashable, Encodable {
    public var jobType: JobTypeJobFacet?
    public init(jobType: JobTypeJobFacet? = nil) { self.jobType = jobType }
}

public struct DatasetFacets: Sendable, Hashable, Encodable {
    public var schema: SchemaDatasetFacet?
    public var columnLineage: ColumnLineageDatasetFacet?
    public var version: DatasetVersionDatasetFacet?
    public init(
        schema: SchemaDatasetFacet? = nil, columnLineage: ColumnLineageDatasetFacet? = nil,
        version: DatasetVersionDatasetFacet? = nil
    ) {
        self.schema = schema
        self.columnLineage = columnLineage
        self.version = version
    }
}

/// The run this one is part of: every node's run points at the whole `tessera run`.
public struct ParentRunFacet: Sendable, Hashable, Encodable {
    public struct Run: Sendable, Hashable, Encodable { public var runId: String }
    public struct Job: Sendable, Hashable, Encodable { public var namespace: String; public var name: String }
    public var _producer = OpenLineage.producer
    public var _schemaURL = "https://openlineage.io/spec/facets/1-2-0/ParentRunFacet.json#/$defs/ParentRunFacet"
    public var run: Run
    public var job: Job
    public init(runId: String, namespace: String, name: String) {
        run = Run(runId: runId)
        job = Job(namespace: namespace, name: name)
    }
}

public struct ErrorMessageRunFacet: Sendable, Hashable, Encodable {
    public var _producer = OpenLineage.producer
    public var _schemaURL =
        "https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet"
    public var message: String
    public var programmingLanguage: String
    public init(message: String, programmingLanguage: String = "SQL") {
        self.message = message
        self.programmingLanguage = programmingLanguage
    }
}

public struct JobTypeJobFacet: Sendable, Hashable, Encodable {
    public var _producer = OpenLineage.producer
    public var _schemaURL = "https://openlineage.io/spec/facets/2-0-4/JobTypeJobFacet.json#/$defs/JobTypeJobFacet"
    public var processingType = "BATCH"
    public var integration = "TESSERA"
    /// `RUN`, `SOURCE`, `MODEL` or `PRODUCT`.
    public var jobType: String
    public init(jobType: String) { self.jobType = jobType }
}

public struct SchemaDatasetFacet: Sendable, Hashable, Encodable {
    public struct Field: Sendable, Hashable, Encodable {
        public var name: String
        public var type: String?
        public var description: String?
        public init(name: String, type: String?, description: String? = nil) {
            self.name = name
            self.type = type
            self.description = description
        }
    }
    public var _producer = OpenLineage.producer
    public var _schemaURL = "https://openlineage.io/spec/facets/1-2-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet"
    public var fields: [Field]
    public init(fields: [Field]) { self.fields = fields }
}

/// For each output column, the input columns it is computed from.
public struct ColumnLineageDatasetFacet: Sendable, Hashable, Encodable {
    public struct InputField: Sendable, Hashable, Encodable {
        public var namespace: String
        public var name: String
        public var field: String
        public init(namespace: String, name: String, field: String) {
            self.namespace = namespace
            self.name = name
            self.field = field
        }
    }
    public struct Fields: Sendable, Hashable, Encodable {
        public var inputFields: [InputField]
        public init(inputFields: [InputField]) { self.inputFields = inputFields }
    }
    public var _producer = OpenLineage.producer
    public var _schemaURL =
        "https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet"
    public var fields: [String: Fields]
    public init(fields: [String: Fields]) { self.fields = fields }
}

/// Which snapshot of a product a run wrote.
public struct DatasetVersionDatasetFacet: Sendable, Hashable, Encodable {
    public var _producer = OpenLineage.producer
    public var _schemaURL =
        "https://openlineage.io/spec/facets/1-0-1/DatasetVersionDatasetFacet.json#/$defs/DatasetVersionDatasetFacet"
    public var datasetVersion: String
    public init(datasetVersion: String) { self.datasetVersion = datasetVersion }
}
