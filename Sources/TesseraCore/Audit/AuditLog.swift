import TesseraCatalog
import TesseraModel

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

    /// Whether `principal` may read the audit log through a front end that serves many people
    /// (the web UI): mesh admins and the operator.
    public func isReadable(by principal: Principal) -> Bool {
        workspace.visibility(for: principal).seesEverything
    }

    /// The newest entries first, for `principal`; anyone but a mesh admin is refused.
    public func entries(limit: Int, action: String?, as principal: Principal) async throws(CoreError) -> [AuditEntry] {
        guard isReadable(by: principal) else {
            throw CoreError(
                .forbidden, "only mesh admins read the audit log.",
                hint: "admins are listed in `admins:` in tessera.yaml.")
        }
        return try await entries(limit: limit, action: action)
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
