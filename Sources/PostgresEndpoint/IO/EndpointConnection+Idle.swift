import NIOCore
import PostgresWire

/// The idle timeouts, as PostgreSQL's: a session that sits idle outside a transaction block
/// longer than `idle_session_timeout` is closed with FATAL 57P05, so that forgotten connections
/// do not hold their slot of `--pg-max-sessions` forever. serve's `--pg-idle-timeout` is the
/// default; `SET idle_session_timeout = '5min'` (0 for never) a session's own. Inside a block
/// (after BEGIN) `idle_in_transaction_session_timeout` applies instead, 0 (never) unless the
/// session sets it, as in PostgreSQL; it closes the session with FATAL 25P03.
extension EndpointConnection {
    /// serve's default as a setting's text (`SHOW idle_session_timeout`).
    var idleTimeoutSetting: String {
        "\(Int((server.configuration.idleTimeout * 1000).rounded()))ms"
    }

    /// Milliseconds, or nil for never: the setting of the session's state.
    var idleLimit: Int? {
        let text =
            machine.transaction == .idle
            ? session?.settings["idle_session_timeout"] ?? idleTimeoutSetting
            : session?.settings["idle_in_transaction_session_timeout"] ?? "0"
        guard let limit = EndpointSession.milliseconds(text), limit > 0 else { return nil }
        return limit
    }

    /// After a request: when the session is now idle, starts the timer on the event loop — unless
    /// the next request already arrived (it cancels the timer when it arrives later).
    func armIdleTimer() {
        guard machine.isReady, let limit = idleLimit else { return }
        let inBlock = machine.transaction != .idle
        let performed = requestsPerformed
        let loop = channel.eventLoop
        loop.execute { [self] in
            guard requestsReceived.load(ordering: .sequentiallyConsistent) == performed else { return }
            idleTimer?.cancel()
            idleTimer = loop.scheduleTask(in: .milliseconds(Int64(limit))) { [self] in idleTimedOut(inBlock: inBlock) }
        }
    }

    private func idleTimedOut(inBlock: Bool) {
        idleTimer = nil
        var bytes: [UInt8] = []
        let error =
            inBlock
            ? EndpointError(
                EndpointError.Code.idleInTransactionTimeout,
                "terminating connection due to idle-in-transaction timeout", severity: "FATAL")
            : EndpointError(
                EndpointError.Code.idleSessionTimeout, "terminating connection due to idle-session timeout",
                severity: "FATAL")
        BackendReply.error(error).encode(into: &bytes)
        server.log("pg_idle_timeout", [("client", clientKey), ("in_transaction", inBlock ? "yes" : "no")])
        let channel = self.channel
        channel.writeAndFlush(channel.allocator.buffer(bytes: bytes)).whenComplete { _ in
            channel.close(promise: nil)
        }
    }
}
