/// What `tessera audit --verify` found: the chain is whole, or the first entry where it is not.
public struct AuditVerification: Sendable, Hashable, Codable {
    public struct Problem: Sendable, Hashable, Codable {
        /// The first sequence number concerned; 0 when the problem is the head file itself.
        public var sequence: Int64
        /// `edited`, `missing`, `broken_link`, `truncated` or `head`.
        public var kind: String
        public var message: String

        public init(sequence: Int64, kind: String, message: String) {
            self.sequence = sequence
            self.kind = kind
            self.message = message
        }
    }

    /// Entries read and recomputed.
    public var entries: Int64
    /// The last entry's sequence and hash, as found in the log.
    public var last: AuditHead?
    /// The head recorded beside the catalog, if any.
    public var recordedHead: AuditHead?
    /// Nil when the chain is intact.
    public var problem: Problem?

    public var intact: Bool { problem == nil }

    public init(entries: Int64, last: AuditHead?, recordedHead: AuditHead?, problem: Problem?) {
        self.entries = entries
        self.last = last
        self.recordedHead = recordedHead
        self.problem = problem
    }
}
