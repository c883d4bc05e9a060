import DuckDB
import Foundation
import Synchronization
import TesseraCatalog
import TesseraModel
import TesseraQuality
import TesseraTransform

/// One mesh project in one environment, as every front end uses it: the CLI opens one per command,
/// a long-running service keeps one per environment. It holds what must exist once per process —
/// the validated project, the catalog store, the open warehouses — and hands out the areas that do
/// the work: `runs`, `products`, `queries`, `catalog`, `lineage`, `audit`, `tokens` and `alerts`. Policy decisions
/// (who may read what, which contract changes are refused, what is audited) are made inside those
/// areas, never by a front end.
public final class Workspace: Sendable {
    public let validated: ValidatedProject
    public let project: Project
    public let mesh: MeshAnalysis
    public let environment: String
    public let layout: StateLayout
    public let stores: CatalogStores
    public let warehouses: WarehouseRegistry
    /// Domains left out because they have errors or read a domain that has: every area works on
    /// the others. Empty when the whole project is valid.
    public let skippedDomains: [SkippedDomain]
    /// Where problems that fail nothing are said (a query the audit log missed, a log not written).
    public let warn: @Sendable (String) -> Void
    private let store = Mutex<(any CatalogStore)?>(nil)
    /// `TESSERA_MASK_KEY` as the process got it, and the key once loaded (`maskKey()`).
    private let maskKeySetting: String?
    private let loadedMaskKey = Mutex<MaskKey?>(nil)
    /// Tokens checked against the catalog in the last seconds (`Tokens.authenticate`).
    let signIns = SignInCache()
    /// Sample rows already read, by principal and snapshot (`Queries.sample`).
    let samples = SampleCache()

    /// Opens the project at `root`. A project with errors is refused: the error carries every
    /// diagnostic (what `validate` would print) and nothing is done.
    public convenience init(
        root: URL, environment requested: String? = nil, stores: CatalogStores = .sqlite,
        warehouses: WarehouseRegistry = WarehouseRegistry(),
        variables: [String: String] = ProcessInfo.processInfo.environment,
        warn: @escaping @Sendable (String) -> Void = Workspace.standardError
    ) throws(CoreError) {
        let loaded = try ValidatedProject.load(root: root, variables: variables)
        // Domains with errors, and those reading them, are set aside; the rest works.
        let isolated = try loaded.isolatingBrokenDomains()
        let validated = isolated?.healthy ?? loaded
        guard let project = validated.project, let mesh = validated.mesh, validated.errors.isEmpty else {
            let count = loaded.errors.count
            throw CoreError(
                .usage, "the project has \(count) error\(count == 1 ? "" : "s"); nothing was done.",
                hint: "fix them (see `tessera validate`) and run this again.", diagnostics: loaded.errors)
        }
        let environment = try ValidatedProject.environment(requested, of: project.mesh)
        self.init(
            validated: validated, project: project, mesh: mesh, environment: environment, stores: stores,
            warehouses: warehouses, warn: warn, skippedDomains: isolated?.skipped ?? [],
            maskKeySetting: variables[MaskKeys.variable])
    }

    init(
        validated: ValidatedProject, project: Project, mesh: MeshAnalysis, environment: String,
        stores: CatalogStores, warehouses: WarehouseRegistry, warn: @escaping @Sendable (String) -> Void,
        skippedDomains: [SkippedDomain] = [],
        maskKeySetting: String? = ProcessInfo.processInfo.environment[MaskKeys.variable]
    ) {
        self.warn = warn
        self.maskKeySetting = maskKeySetting
        self.skippedDomains = skippedDomains
        self.validated = validated
        self.project = project
        self.mesh = mesh
        self.environment = environment
        self.layout = StateLayout(project: project, environment: environment)
        self.stores = stores
        self.warehouses = warehouses
    }

    /// The default place for warnings: standard error, one line each.
    public static let standardError: @Sendable (String) -> Void = { message in
        FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
    }

    public var lineageEdges: [MeshLineageEdge] { validated.lineage }

    /// How a model is materialized (`table`, `view`, `incremental`, …); nil for other nodes.
    public func materialization(of node: NodeID) -> String? {
        mesh.models[node]?.model.materialization.kind.rawValue
    }

    /// The environment's catalog, opened once and shared by every area.
    public func catalog() throws(CoreError) -> any CatalogStore {
        let result: Result<any CatalogStore, CatalogError> = store.withLock { store in
            if let store { return .success(store) }
            do throws(CatalogError) {
                let opened = try stores.open(layout)
                store = opened
                return .success(opened)
            } catch {
                return .failure(error)
            }
        }
        do { return try result.get() } catch { throw CoreError(catalog: error) }
    }

    /// The catalog only when the environment has one: reading commands never create it.
    public func existingCatalog() throws(CoreError) -> (any CatalogStore)? {
        stores.exists(layout) ? try catalog() : nil
    }

    /// The environment's mask key (`MaskKeys`), loaded once; made on first need. Nil while no
    /// product masks a column with `hash`: nothing needs a key then, and none is made.
    func maskKey() throws(CoreError) -> MaskKey? {
        let hashes = project.domains.flatMap(\.products).contains { $0.access.masks.contains { $0.kind == .hash } }
        guard hashes else { return nil }
        let result: Result<MaskKey, CoreError> = loadedMaskKey.withLock { loaded in
            if let loaded { return .success(loaded) }
            do throws(CoreError) {
                let key = try MaskKeys.load(layout, setting: maskKeySetting, notice: warn)
                loaded = key
                return .success(key)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The functions of the mask key to register in a warehouse; none when there is no key.
    func maskFunctions() throws(CoreError) -> [any RegisteredFunction] {
        try maskKey().map(MaskSQL.functions) ?? []
    }

    public var runs: Runs { Runs(workspace: self) }
    public var products: Products { Products(workspace: self) }
    public var queries: Queries { Queries(workspace: self) }
    public var lineage: Lineage { Lineage(workspace: self) }
    public var audit: AuditLog { AuditLog(workspace: self) }
    public var policy: Policy { Policy(workspace: self) }
    public var tokens: Tokens { Tokens(workspace: self) }
    /// The service's run queue.
    public var queue: RunQueue { RunQueue(workspace: self) }
    /// The automation's state, ticks and decisions.
    public var automation: Automations { Automations(workspace: self) }
    public var alerts: Alerts { Alerts(workspace: self) }
    public var dashboards: Dashboards { Dashboards(workspace: self) }
    public var deliveries: DashboardDeliveries { DashboardDeliveries(workspace: self) }
}

extension CoreError {
    /// A catalog failure: the user's doing only when a name was ambiguous.
    init(catalog error: CatalogError) {
        self.init(error.kind == .ambiguous ? .usage : .internalError, error.message, hint: error.hint)
    }
}

extension Workspace {
    /// Calls the environment's catalog (created when missing), its failures in the core's terms.
    func withCatalog<T: Sendable>(
        _ work: (any CatalogStore) async throws(CatalogError) -> T
    ) async throws(CoreError) -> T {
        let catalog = try catalog()
        do { return try await work(catalog) } catch { throw CoreError(catalog: error) }
    }
}

extension Workspace {
    /// Whether tessera.yaml or anything under domains/ changed since `moment` (modification
    /// times: a few thousand `stat`s, no parse).
    public func projectChanged(since moment: Date) -> Bool { ProjectChanges.since(moment, root: project.root) }

    /// The project read again, in the same environment, catalog stores and warehouse registry: what
    /// a long-running service switches to after the files changed. Refused, like `init`, when
    /// the project now has errors.
    public func reopened() throws(CoreError) -> Workspace {
        try Workspace(
            root: project.root, environment: environment, stores: stores, warehouses: warehouses, warn: warn)
    }
}
