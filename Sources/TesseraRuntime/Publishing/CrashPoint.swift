import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Named moments of publishing at which the end-to-end tests kill the process, to prove that
/// an interruption at any step leaves the previous snapshot current and readable.
///
/// `TESSERA_CRASH_AT=publish.written` makes the process kill itself with SIGKILL — exactly
/// what power loss or `kill -9` does — when it reaches that point. A real kill from outside
/// cannot be aimed at a step this precisely; nothing else about the process changes.
enum CrashPoint: String {
    /// The candidate's files are complete under their final name; the catalog does not know them.
    case written = "publish.written"
    /// The candidate is recorded in the catalog, not yet checked.
    case recorded = "publish.recorded"
    /// Contract, checks, profile and drift are recorded; the pointer has not switched.
    case checked = "publish.checked"
    /// The pointer switched; old snapshots are not yet collected.
    case switched = "publish.switched"

    func reach() {
        guard ProcessInfo.processInfo.environment["TESSERA_CRASH_AT"] == rawValue else { return }
        kill(getpid(), SIGKILL)
    }
}
