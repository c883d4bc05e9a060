import TesseraCatalog

/// The environment's audit log: runs, publishes, contract and access changes, queries — appended
/// by the areas that do them, read here.
public struct AuditLog: Sendable {
    let workspace: Workspace

    /// The newest entries first, optionally of one action only.
    public func entries(limit: Int, action: String?) async throws(CoreError) -> [AuditEntry] {
        guard let catalog = try workspace.existingCatalog() else { return [] }
        do { return try await catalog.auditEntries(limit: limit, action: action) } catch {
            throw CoreError(catalog: error)
        }
    }

    /// Recomputes the hash chain and compares its end with the recorded head.
    public func verify() async throws(CoreError) -> AuditVerification {
        guard let catalog = try workspace.existingCatalog() else {
            return AuditVerification(entries: 0, last: nil, recordedHead: nil, problem: nil)
        }
        do { return try await catalog.verifyAudit() } catch { throw CoreError(catalog: error) }
    }

    /// The folder whose files hold the log, for the hint of a failed verification.
    public var folder: String { workspace.layout.environmentDirectory.path }
}
