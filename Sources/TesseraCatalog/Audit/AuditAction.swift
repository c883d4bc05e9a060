/// What the audit log records. Raw values are what is stored and what `tessera audit --action`
/// takes.
public enum AuditAction: String, Sendable, Hashable, CaseIterable, Codable {
    case runStart = "run.start"
    case runFinish = "run.finish"
    case publish
    case quarantine
    case contractChange = "contract.change"
    case accessChange = "access.change"
    case query
    case tokenCreate = "token.create"
    case tokenRevoke = "token.revoke"
    case runTrigger = "run.trigger"
    case runCancel = "run.cancel"
    case backfillStart = "backfill.start"
    case backfillCancel = "backfill.cancel"
    case backfillResume = "backfill.resume"
    case passwordSet = "password.set"
    case webSignIn = "web.sign_in"
    case webSignOut = "web.sign_out"
    /// A dashboard rendered and sent to one destination by its `deliver:` (or by hand).
    case deliver
}
