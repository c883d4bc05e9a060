import Synchronization

/// The open sessions by process id, for CancelRequests: a cancel names a process id and its
/// secret key, and only both together interrupt anything.
final class SessionRegistry: Sendable {
    private struct Entry {
        var secretKey: Int32
        var session: EndpointSession
    }

    private let entries = Mutex<[Int32: Entry]>([:])
    private let nextID = Mutex<Int32>(1000)

    /// A new process id and a random secret key for `session`.
    func register(_ session: EndpointSession) -> (processID: Int32, secretKey: Int32) {
        let secretKey = Int32.random(in: .min ... .max)
        let processID = nextID.withLock { id in
            id = id == .max ? 1000 : id + 1
            return id
        }
        entries.withLock { $0[processID] = Entry(secretKey: secretKey, session: session) }
        return (processID, secretKey)
    }

    func remove(_ processID: Int32) {
        _ = entries.withLock { $0.removeValue(forKey: processID) }
    }

    /// Interrupts the session when the key matches; says nothing either way, as PostgreSQL does.
    func cancel(processID: Int32, secretKey: Int32) {
        let session = entries.withLock { entries -> EndpointSession? in
            guard let entry = entries[processID], entry.secretKey == secretKey else { return nil }
            return entry.session
        }
        session?.interrupt()
    }
}
