import Dispatch
import Foundation
import Synchronization

extension EndpointSession {
    /// Runs a statement under the session's `statement_timeout` (PostgreSQL's setting: 0 or unset
    /// for none, else milliseconds or a value with a unit, `5s`, `2min`): when it runs longer,
    /// DuckDB is interrupted and the statement fails with 57014, as PostgreSQL says it.
    func timed<T>(_ work: () async throws(EndpointError) -> T) async throws(EndpointError) -> T {
        guard let limit = settings["statement_timeout"].flatMap(Self.milliseconds), limit > 0 else {
            return try await work()
        }
        let fired = Mutex(false)
        let timer = DispatchWorkItem { [self] in
            fired.withLock { $0 = true }
            interrupt()
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(limit), execute: timer)
        defer { timer.cancel() }
        do {
            return try await work()
        } catch {
            guard fired.withLock({ $0 }), error.sqlState == EndpointError.Code.queryCanceled else { throw error }
            throw EndpointError(EndpointError.Code.queryCanceled, "canceling statement due to statement timeout")
        }
    }

    /// `1000`, `1000ms`, `5s`, `2min`, `1h` → milliseconds; nil when unreadable.
    static func milliseconds(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = trimmed.prefix { $0.isNumber }
        guard let value = Int(digits) else { return nil }
        switch trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces) {
        case "", "ms": return value
        case "s": return value * 1000
        case "min": return value * 60_000
        case "h": return value * 3_600_000
        default: return nil
        }
    }
}
