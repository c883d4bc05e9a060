import Foundation
import TesseraAlerts
import TesseraCatalog
import TesseraCharts
import TesseraModel

extension DashboardDeliveries {
    /// Renders and sends the deliveries due by `now` (of one dashboard when given): each group
    /// of one delivery entry and scheduled time is rendered once, as its viewer, and goes to each
    /// of its destinations. An attempt that failed for a passing reason (a 5xx, a refused
    /// connection, a folder not writable) is tried again after its entry's `retries` backoff;
    /// one that cannot succeed (refused by the policy, a 4xx, gone from the project) fails at
    /// once. Each delivery that ends is audited (`deliver`). Returns the records as they end up.
    public func deliverPending(now: Date, dashboard: String? = nil) async throws(CoreError) -> [DeliveryRecord] {
        guard let catalog = try workspace.existingCatalog() else { return [] }
        let claimed: [DeliveryRecord]
        do {
            claimed = try await catalog.claimDeliveries(
                dueBy: now, dashboard: dashboard, until: now.addingTimeInterval(Self.claim), limit: Self.batch)
        } catch {
            throw CoreError(catalog: error)
        }
        guard !claimed.isEmpty else { return [] }
        let targets = targets()
        let groups = Dictionary(grouping: claimed) {
            "\($0.draft.dashboard) \($0.draft.scheduledAt.timeIntervalSince1970)"
        }
        var updated: [DeliveryRecord] = []
        for key in groups.keys.sorted() {
            updated += await attempt(groups[key] ?? [], targets: targets, now: now)
        }
        for record in updated {
            do { try await catalog.updateDelivery(record) } catch { throw CoreError(catalog: error) }
            if record.state == .delivered || record.state == .failed { await audit(record) }
        }
        return updated
    }

    /// One scheduled time of one dashboard: rendered once per delivery entry, then sent.
    private func attempt(_ records: [DeliveryRecord], targets: [Target], now: Date) async -> [DeliveryRecord] {
        var rendered: [String: Result<Dashboards.Rendered, CoreError>] = [:]
        var results: [DeliveryRecord] = []
        for record in records {
            var record = record
            record.updatedAt = now
            guard let target = targets.first(where: { $0.key == record.draft.destinationKey }) else {
                results.append(Self.ended(record, error: "\(record.draft.delivery) is no longer declared as it was"))
                continue
            }
            if record.state == .sending, case .webhook = target.destination {
                // Cut off while sending: the receiver may have it; never risk sending it twice.
                results.append(Self.ended(record, error: "the service stopped while sending it; not sent again"))
                continue
            }
            if case .webhook(_, _, false) = target.destination {
                // A variable it needs is not set in this process: left for one (the service) that has it.
                let later = now.addingTimeInterval(Self.claim)
                results.append(Self.retry(record, at: later, "\(target.place): a variable it names is not set here"))
                continue
            }
            let entry = target.delivery.place
            let result: Result<Dashboards.Rendered, CoreError>
            if let known = rendered[entry] {
                result = known
            } else {
                result = await render(target, at: record.draft.scheduledAt)
                rendered[entry] = result
            }
            results.append(await send(record, to: target, rendered: result, now: now))
        }
        return results
    }

    private func render(_ target: Target, at time: Date) async -> Result<Dashboards.Rendered, CoreError> {
        let format: Dashboards.Format = target.delivery.format == .png ? .png : .pdf
        do {
            return .success(
                try await workspace.dashboards.render(
                    target.dashboard.qualifiedName, as: .domain(target.delivery.viewer),
                    parameters: target.delivery.parameters, format: format,
                    paper: Paper(rawValue: target.delivery.paper) ?? .a4, now: time))
        } catch {
            return .failure(error)
        }
    }

    private func send(
        _ record: DeliveryRecord, to target: Target, rendered: Result<Dashboards.Rendered, CoreError>, now: Date
    ) async -> DeliveryRecord {
        var record = record
        record.attempts += 1
        let policy = AlertRetryPolicy(
            base: TimeInterval(target.delivery.retries.backoff.seconds), cap: 3_600,
            maxAttempts: target.delivery.retries.maximum + 1)
        let files: Dashboards.Rendered
        switch rendered {
        case .success(let value): files = value
        case .failure(let error):
            let redacted = workspace.project.secretRedactor.redact(error.message)
            guard error.kind == .internalError, record.attempts < policy.maxAttempts else {
                return Self.ended(record, error: "cannot render: \(redacted)")
            }
            return Self.retry(record, at: now.addingTimeInterval(policy.delay(afterAttempt: record.attempts)), redacted)
        }
        let names = DeliveryFiles.names(target, scheduledAt: record.draft.scheduledAt, pages: files.files.count)
        record.snapshots = files.snapshots
        record.fileName = names.first
        let outcome: AlertRetryPolicy.Outcome =
            switch target.destination {
            case .folder(let path):
                DeliveryFiles.write(
                    files.files, names: names, into: DeliveryFiles.folder(path, root: workspace.project.root),
                    policy: policy, attempt: record.attempts, now: now)
            case .webhook(let url, let headers, _):
                await post(
                    files, names: names, target: target, url: url, headers: headers, record: record, policy: policy,
                    now: now)
            }
        switch outcome {
        case .delivered:
            record.state = .delivered
            record.nextAttemptAt = nil
            record.lastError = nil
        case .retry(let at, let error): record = Self.retry(record, at: at, error)
        case .failed(let error): record = Self.ended(record, error: error)
        }
        return record
    }

    private func post(
        _ files: Dashboards.Rendered, names: [String], target: Target, url: ConfigString,
        headers: [DashboardDelivery.Header], record: DeliveryRecord, policy: AlertRetryPolicy,
        now: Date
    ) async -> AlertRetryPolicy.Outcome {
        guard let address = URL(string: url.value) else {
            return .failed(error: "\(target.place): the webhook is not a URL")
        }
        let report = ReportWebhookSender.Report(
            dashboard: target.dashboard.qualifiedName, title: target.dashboard.title, viewer: files.viewer,
            scheduledAt: Timestamps.iso(record.draft.scheduledAt), snapshots: files.snapshots,
            parameters: files.parameters, fileName: names.first ?? "")
        let sender = ReportWebhookSender(policy: policy)
        return await sender.send(
            Array(zip(names, files.files)).map { (name: $0.0, data: $0.1) },
            type: target.delivery.format == .png ? "image/png" : "application/pdf", report: report, to: address,
            headers: headers.map { (name: $0.name, value: $0.value.value) }, attempt: record.attempts, now: now)
    }

    static func ended(_ record: DeliveryRecord, error: String) -> DeliveryRecord {
        var record = record
        record.state = .failed
        record.nextAttemptAt = nil
        record.lastError = error
        return record
    }

    static func retry(_ record: DeliveryRecord, at time: Date, _ error: String) -> DeliveryRecord {
        var record = record
        record.state = .pending
        record.nextAttemptAt = time
        record.lastError = error
        return record
    }

    /// The audit entry of a delivery that ended.
    private func audit(_ record: DeliveryRecord) async {
        struct Detail: Encodable {
            var delivery: String
            var destination: String
            var scheduledAt: String
            var trigger: String
            var viewer: String
            var attempts: Int
            var snapshots: [String]
            var file: String?
            var error: String?
        }
        let draft = AuditDraft(
            action: .deliver, target: record.draft.dashboard, outcome: record.state.rawValue,
            detail: Detail(
                delivery: record.draft.delivery, destination: record.draft.destination,
                scheduledAt: Timestamps.iso(record.draft.scheduledAt), trigger: record.draft.trigger,
                viewer: record.draft.principal, attempts: record.attempts, snapshots: record.snapshots,
                file: record.fileName, error: record.lastError))
        do { _ = try await workspace.catalog().appendAudit(draft) } catch {
            workspace.warn("a dashboard delivery was not recorded in the audit log: \(error)")
        }
    }
}
