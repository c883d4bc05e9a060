import Foundation

/// Where events go. `send` is called by one task at a time, in order.
public protocol OpenLineageTransport: Sendable {
    /// What warnings name: a path or a URL, never a credential.
    var destination: String { get }
    func send(_ event: Data) async throws
}
