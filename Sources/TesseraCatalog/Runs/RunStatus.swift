/// Where a run stands. `interrupted` is stored only once a writer notices the run's process is
/// gone (see `SQLiteCatalog.startRun`); readers derive it from a stale `running` row.
public enum RunStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case running
    case succeeded
    case failed
    case interrupted
}
