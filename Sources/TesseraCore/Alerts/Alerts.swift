import Foundation
import TesseraAlerts
import TesseraCatalog
import TesseraModel
import TesseraRuntime

/// Alerts of the environment: events recorded in the catalog's outbox when a run finishes (and
/// when the service raises one), delivered to the webhooks of `alerts:` with retries, and listed.
/// Recording is part of finishing a run; delivery is separate and never fails or blocks a run.
/// Webhook URLs are credentials: the outbox names a webhook by where it is declared and a key of
/// its URL, and every message names its host alone.
public struct Alerts: Sendable {
    let workspace: Workspace
    var policy = AlertRetryPolicy()
    /// How long a claimed alert is left to the process sending it before it is due again.
    static let claim: TimeInterval = 60
    /// At most this many alerts are sent per `deliverPending` call.
    static let batch = 50

    /// Appends the events of a finished run to the outbox, one row per webhook that wants each.
    /// Returns the problems to show with the run (the outbox could not be written), never throws.
    func record(_ report: RunReport) async -> [String] {
        // An interrupted run (Ctrl-C, a service draining) was stopped on purpose: nothing to tell.
        guard !Task.isCancelled else { return [] }
        let events = Self.events(
            of: report, environment: workspace.environment, redactor: workspace.project.secretRedactor)
        return await append(events)
    }

    /// Appends a `tessera ingest` run's `run_failed` events: its failed loads, by domain.
    func record(ingest runID: String, failures: [Failure], at time: Date) async -> [String] {
        let events = Self.runFailed(
            failures, runID: runID, environment: workspace.environment, time: time,
            redactor: workspace.project.secretRedactor)
        return await append(events)
    }

    /// Records an event that no run reports, such as `sla_missed` from the service:
    /// `workspace.alerts.raise(.slaMissed(node:freshness:lastData:environment:time:))`. The caller
    /// raises each miss once. Its message is redacted like a run's.
    public func raise(_ event: AlertEvent) async throws(CoreError) {
        var event = event
        event.message = workspace.project.secretRedactor.redact(event.message)
        let drafts = Self.drafts([event], webhooks: Webhooks(workspace.project))
        guard !drafts.isEmpty else { return }
        do { try await workspace.catalog().appendAlerts(drafts) } catch let error as CatalogError {
            throw CoreError(catalog: error)
        } catch {
            throw error as? CoreError ?? CoreError(.internalError, "\(error)")
        }
    }

    /// Sends the pending alerts that are due by `now` (only those of `runID` when given), each
    /// once: a 2xx delivers it, a 5xx, 429 or connection failure leaves it pending for a later
    /// call (after a backoff), any other answer fails it. The service calls this every tick; a
    /// `tessera run` calls it once for its own run, with a short timeout.
    public func deliverPending(now: Date = Date(), runID: String? = nil, timeout: Duration = .seconds(5))
        async throws(CoreError) -> AlertDeliveryReport
    {
        let webhooks = Webhooks(workspace.project)
        // A run of a project without webhooks recorded no alert: nothing to look for.
        if runID != nil, webhooks.all.isEmpty { return AlertDeliveryReport() }
        guard let catalog = try workspace.existingCatalog() else { return AlertDeliveryReport() }
        let claimed: [AlertRecord]
        do {
            claimed = try await catalog.claimAlerts(
                dueBy: now, runID: runID, until: now.addingTimeInterval(Self.claim), limit: Self.batch)
        } catch {
            throw CoreError(catalog: error)
        }
        guard !claimed.isEmpty else { return AlertDeliveryReport() }
        let sender = WebhookSender(policy: policy, timeout: timeout)
        let updated = await withTaskGroup(of: AlertRecord.self) { group in
            for record in claimed {
                group.addTask { await Self.attempt(record, webhooks: webhooks, sender: sender, now: now) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        var report = AlertDeliveryReport()
        for record in updated {
            do { try await catalog.updateAlert(record) } catch { throw CoreError(catalog: error) }
            report.count(record)
        }
        return report
    }

    /// The newest alerts first, with their state; never a webhook's URL.
    public func list(limit: Int = 50) async throws(CoreError) -> [AlertInfo] {
        guard let catalog = try workspace.existingCatalog() else { return [] }
        do { return try await catalog.alerts(limit: limit).map(AlertInfo.init) } catch {
            throw CoreError(catalog: error)
        }
    }

    private func append(_ events: [AlertEvent]) async -> [String] {
        let drafts = Self.drafts(events, webhooks: Webhooks(workspace.project))
        guard !drafts.isEmpty else { return [] }
        do {
            try await workspace.catalog().appendAlerts(drafts)
            return []
        } catch {
            let message = (error as? CatalogError)?.message ?? "\(error)"
            return ["\(drafts.count) alert\(drafts.count == 1 ? "" : "s") could not be recorded: \(message)"]
        }
    }

    /// One outbox row per (event, webhook that wants it).
    static func drafts(_ events: [AlertEvent], webhooks: Webhooks) -> [AlertDraft] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return events.flatMap { event in
            let payload = String(decoding: (try? encoder.encode(event)) ?? Data(), as: UTF8.self)
            return webhooks.routes(event).map { webhook in
                AlertDraft(
                    event: event.kind.rawValue, domain: event.domain, node: event.node, runID: event.runID,
                    createdAt: event.time, payload: payload, webhook: webhook.place, webhookKey: webhook.key)
            }
        }
    }

    /// Sends one claimed alert and returns its row as the attempt leaves it.
    static func attempt(_ record: AlertRecord, webhooks: Webhooks, sender: WebhookSender, now: Date) async
        -> AlertRecord
    {
        var record = record
        record.updatedAt = now
        guard let webhook = webhooks.webhook(key: record.draft.webhookKey) else {
            if webhooks.isUnset(at: record.draft.webhook) {
                // Its variable is not set in this process: left for one (the service) that has it.
                record.nextAttemptAt = now.addingTimeInterval(claim)
            } else {
                record.state = .failed
                record.nextAttemptAt = nil
                record.lastError = "the webhook \(record.draft.webhook) is no longer declared, or its URL changed"
            }
            return record
        }
        guard let event = try? JSONDecoder().decode(AlertEvent.self, from: Data(record.draft.payload.utf8)) else {
            record.state = .failed
            record.nextAttemptAt = nil
            record.lastError = "the stored event cannot be read"
            return record
        }
        record.attempts += 1
        switch await sender.send(event, to: webhook, attempt: record.attempts, now: now) {
        case .delivered:
            record.state = .delivered
            record.nextAttemptAt = nil
            record.lastError = nil
        case .retry(let at, let error):
            record.nextAttemptAt = at
            record.lastError = error
        case .failed(let error):
            record.state = .failed
            record.nextAttemptAt = nil
            record.lastError = error
        }
        return record
    }
}

/// What one `deliverPending` did.
public struct AlertDeliveryReport: Sendable, Hashable {
    public var delivered = 0
    /// Still pending: tried again later.
    public var pending = 0
    public var failed = 0

    public init() {}

    public var isEmpty: Bool { delivered + pending + failed == 0 }

    mutating func count(_ record: AlertRecord) {
        switch record.state {
        case .delivered: delivered += 1
        case .pending: pending += 1
        case .failed: failed += 1
        }
    }
}
