import Foundation
import TesseraCatalog
import TesseraModel

/// Runs asked for and cancelled by a signed-in principal (the HTTP API): the one rule of who may
/// — the owners and developers of every domain the run writes, the domains' services, mesh admins
/// and the operator; a `reader` member, or anyone outside a domain, may not — and every attempt,
/// refused ones too, in the audit log.
extension RunQueue {
    /// Queues `request` for `principal`, or refuses it (`forbidden`) naming the domains it may not run.
    public func enqueue(_ request: QueueRequest, as principal: Principal) async throws(CoreError) -> QueuedRun {
        var request = request
        request.requestedBy = Tokens.actor(principal)
        let run = try prepared(request)
        do throws(CoreError) {
            try checkRuns(run.domains, by: principal, doing: "run")
            let queued = try await enqueue(request)
            await audit(.runTrigger, queued, by: principal, outcome: "queued")
            return queued
        } catch {
            await audit(.runTrigger, run, by: principal, outcome: error.kind == .forbidden ? "refused" : "failed")
            throw error
        }
    }

    /// Cancels a queued run, or asks the service to stop a running one, for `principal`.
    public func cancel(_ id: String, as principal: Principal, now: Date = Date()) async throws(CoreError) -> QueuedRun {
        let run = try await show(id)
        do throws(CoreError) {
            try checkRuns(run.domains, by: principal, doing: "cancel")
            let cancelled = try await cancel(run.id, now: now)
            await audit(
                .runCancel, cancelled, by: principal,
                outcome: cancelled.state == .cancelled ? "cancelled" : "cancel requested")
            return cancelled
        } catch {
            await audit(.runCancel, run, by: principal, outcome: error.kind == .forbidden ? "refused" : "failed")
            throw error
        }
    }

    func checkRuns(_ domains: [String], by principal: Principal, doing action: String) throws(CoreError) {
        let project = workspace.project
        let refused = Set(domains).sorted().filter { name in
            guard let domain = project.domain(named: name) else { return true }
            switch principal {
            case .meshOperator: return false
            case .domain(let own): return own != name
            case .service(let service): return !domain.services.contains { $0.name == service }
            case .person(let person):
                if project.mesh.admins.contains(person) { return false }
                return !domain.members.contains { $0.name == person && $0.role != .reader }
            }
        }
        guard !refused.isEmpty else { return }
        throw CoreError(
            .forbidden, "\(principal) may not \(action) runs of \(refused.joined(separator: ", ")).",
            hint:
                "owners and developers of a domain (`members:` in its domain.yaml), its services and mesh admins run its nodes."
        )
    }

    private func audit(_ action: AuditAction, _ run: QueuedRun, by principal: Principal, outcome: String) async {
        struct Detail: Encodable {
            var by: String
            var selection: String
            var idempotencyKey: String?
            var state: String
        }
        let draft = AuditDraft(
            action: action, target: run.id, outcome: outcome,
            detail: Detail(
                by: Tokens.actor(principal), selection: run.selection.text, idempotencyKey: run.idempotencyKey,
                state: run.state.rawValue))
        do { _ = try await workspace.catalog().appendAudit(draft) } catch {
            workspace.warn("the run request was not recorded in the audit log: \(error)")
        }
    }
}
