/// One line of the audit log: who did what to which target, when, and how it ended, chained to
/// the line before it by `hash` (see `AuditChain`). Entries are only ever appended.
public struct AuditEntry: Sendable, Hashable, Codable {
    /// 1, 2, 3, … without gaps: a missing number is a deleted entry.
    public var sequence: Int64
    /// ISO 8601 in UTC with milliseconds, kept as the text that was hashed.
    public var time: String
    /// `user@host` of the process that appended it.
    public var actor: String
    /// One of `AuditAction`'s raw values (a newer Tessera may add others).
    public var action: String
    /// What the action concerned: a product (`sales.orders`), a run id, or the mesh (`query`).
    public var target: String
    /// `succeeded`, `failed`, `changed`, … as the action defines it.
    public var outcome: String
    /// A JSON object with the action's particulars, as stored (and hashed).
    public var detail: String
    /// The previous entry's `hash`; `AuditChain.genesis` for the first entry.
    public var previousHash: String
    /// SHA-256 of the canonical encoding of this entry and `previousHash`, in lowercase hex.
    public var hash: String

    public init(
        sequence: Int64, time: String, actor: String, action: String, target: String, outcome: String,
        detail: String, previousHash: String, hash: String
    ) {
        self.sequence = sequence
        self.time = time
        self.actor = actor
        self.action = action
        self.target = target
        self.outcome = outcome
        self.detail = detail
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The hash this entry's content and link call for; differs from `hash` if either was edited.
    public var expectedHash: String { AuditChain.hash(of: self) }
}
