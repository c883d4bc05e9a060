import Foundation
import TesseraAlerts
import TesseraCatalog
import TesseraModel

/// Dashboards sent on a schedule (`deliver:`; `workspace.deliveries`): `schedule` records what is
/// due — one catalog row per destination and scheduled time, so a time is delivered at most once
/// per destination whatever restarts happen — and `deliverPending` renders each due one as its
/// viewer (the policy as for `dashboard render`), writes it to its folder or posts it to its
/// webhook, retries failures with backoff, and audits each outcome. `tessera serve` calls both
/// on every tick, `tessera dashboard deliver` once for one dashboard.
public struct DashboardDeliveries: Sendable {
    let workspace: Workspace
    /// How long a claimed delivery is left to the process rendering and sending it.
    static let claim: TimeInterval = 300
    /// At most this many deliveries are attempted per `deliverPending` call.
    static let batch = 20

    /// One destination of one delivery entry, as the project declares it now.
    struct Target {
        var dashboard: Dashboard
        var delivery: DashboardDelivery
        var destination: DashboardDelivery.Destination
        /// `deliver[1].to[2]`.
        var place: String
        /// A one-way key of everything that makes the delivery (the URL as written too): a changed
        /// entry is a new delivery, and a webhook is recognized without storing its URL.
        var key: String

        func draft(at time: Date, trigger: String) -> DeliveryDraft {
            let kind = if case .folder = destination { "folder" } else { "webhook" }
            return DeliveryDraft(
                dashboard: dashboard.qualifiedName, delivery: place, destinationKey: key,
                destination: destination.description, destinationKind: kind, scheduledAt: time, trigger: trigger,
                principal: Principal.domain(delivery.viewer).description)
        }
    }

    /// Every destination of every delivery in the project (of one dashboard when given).
    func targets(of dashboard: String? = nil) -> [Target] {
        workspace.project.domains.flatMap(\.dashboards).filter { dashboard == nil || $0.qualifiedName == dashboard }
            .flatMap { board in
                board.deliveries.flatMap { delivery in
                    delivery.destinations.enumerated().map { index, destination in
                        let place = "\(delivery.place).to[\(index + 1)]"
                        return Target(
                            dashboard: board, delivery: delivery, destination: destination, place: place,
                            key: Self.key(board, delivery, place: place, destination: destination))
                    }
                }
            }
    }

    static func key(
        _ dashboard: Dashboard, _ delivery: DashboardDelivery, place: String, destination: DashboardDelivery.Destination
    ) -> String {
        let target =
            switch destination {
            case .folder(let path): "folder \(path)"
            // As written: a variable set in one process and not in another is the same webhook.
            case .webhook(let url, let headers, _):
                "webhook \(url.template) " + headers.map { "\($0.name)=\($0.value.template)" }.joined(separator: " ")
            }
        let parameters = delivery.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return OneWayKey.of(
            [
                dashboard.qualifiedName, place, delivery.schedule.description, delivery.viewer,
                delivery.format.rawValue, delivery.paper, parameters.joined(separator: "&"), target,
            ].joined(separator: "\n"))
    }

    /// Records the deliveries due at `now`: for each destination, its schedule's latest time at
    /// or before `now` when that came after the last one accounted for (times missed while the
    /// service was stopped make one delivery, as a model's schedule catches up once). A
    /// destination seen for the first time starts counting at `now`. Returns the ones added.
    public func schedule(now: Date) async throws(CoreError) -> [DeliveryRecord] {
        let targets = targets()
        guard !targets.isEmpty else { return [] }
        let catalog = try workspace.catalog()
        do {
            let cursors = try await catalog.deliveryCursors()
            var moved: [DeliveryCursor] = []
            var due: [DeliveryDraft] = []
            for target in targets {
                let dashboard = target.dashboard.qualifiedName
                guard let last = cursors[target.key] else {
                    moved.append(DeliveryCursor(destinationKey: target.key, dashboard: dashboard, lastTick: now))
                    continue
                }
                guard let latest = target.delivery.schedule.previous(atOrBefore: now), latest > last else { continue }
                moved.append(DeliveryCursor(destinationKey: target.key, dashboard: dashboard, lastTick: latest))
                due.append(target.draft(at: latest, trigger: "schedule"))
            }
            return try await catalog.commitDeliveries(due, cursors: moved, at: now)
        } catch {
            throw CoreError(catalog: error)
        }
    }

    /// Delivers every destination of one dashboard now, as if its schedules fired (`tessera
    /// dashboard deliver`): recorded, sent, retried within this call's reach, audited.
    public func deliverNow(_ name: String, now: Date = Date()) async throws(CoreError) -> [DeliveryRecord] {
        let dashboard = try workspace.dashboards.dashboard(named: name, as: .meshOperator)
        let targets = targets(of: dashboard.qualifiedName)
        guard !targets.isEmpty else {
            throw CoreError(
                .usage, "dashboard \(dashboard.qualifiedName) has no deliveries.",
                hint: "add `deliver:` to \(dashboard.location.file) (docs/dashboards.md)")
        }
        do {
            let added = try await workspace.catalog().commitDeliveries(
                targets.map { $0.draft(at: now, trigger: "manual") }, cursors: [], at: now)
            let done = try await deliverPending(now: now, dashboard: dashboard.qualifiedName)
            return done.filter { record in added.contains { $0.id == record.id } }
        } catch let error as CatalogError {
            throw CoreError(catalog: error)
        } catch {
            throw error as? CoreError ?? CoreError(.internalError, "\(error)")
        }
    }

    /// The newest deliveries first (of one dashboard when given).
    public func list(dashboard: String? = nil, limit: Int = 50) async throws(CoreError) -> [DeliveryRecord] {
        guard let catalog = try workspace.existingCatalog() else { return [] }
        do { return try await catalog.deliveries(dashboard: dashboard, limit: limit) } catch {
            throw CoreError(catalog: error)
        }
    }

    /// When each dashboard's deliveries next fire after `now`, by dashboard name.
    public func nextTimes(after now: Date) -> [String: Date] {
        var next: [String: Date] = [:]
        for target in targets() {
            guard let time = target.delivery.schedule.next(after: now) else { continue }
            let name = target.dashboard.qualifiedName
            next[name] = min(next[name] ?? time, time)
        }
        return next
    }
}
