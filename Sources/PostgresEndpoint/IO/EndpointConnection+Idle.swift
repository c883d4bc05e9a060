import NIOCore
import PostgresWire

/// The idle-session timeout, as PostgreSQL's `idle_session_timeout`: a session that sits idle
/// outside a transaction block longer than that is closed with FATAL 57P05, so that forgotten
/// connections do not hold their slot of `--pg-max-sessions` forever. serve's
/// `--pg-idle-timeout` is the default; `SET idle_session_timeout = '5min'` (0 for never) a
/// session's own.
extension EndpointConnection {
    /// serve's default as a setting's text (`SHOW idle_session_timeout`).
    var idleTimeoutSetting: String {
        "\(Int((server.configuration.idleTimeout * 1000).rounded()))ms"
    }

    /// Milliseconds, or nil for never.
    var idleLimit: Int? {
        let text = session?.settings["idle_session_timeout"] ?? idleTimeoutSetting
        guard let limit = EndpointSession.milliseconds(text), limit > 0 else { return nil }
        return limit
    }

    /// After a request: when the session is now idle, starts the timer on the event loop — unless
    /// the next request already arrived (it cancels the timer when it arrives later).
    func armIdleTimer() {
        guard machine.isReady, machine.transaction == .idle, let limit = idleLimit else { return }
        let performed = requestsPerformed
        let loop = channel.eventLoop
        loop.execute { [self] in
            guard requestsReceived.load(ordering: .sequentiallyConsistent) == performed else { return }
            idleTimer?.cancel()
            idleTimer = loop.scheduleTask(in: .milliseconds(Int64(limit))) { [self] in idleTimedOut() }
        }
    }

    private func idleTimedOut() {
        idleTimer = nil
        var bytes: [UInt8] = []
        BackendReply.error(
            EndpointError(
                EndpointError.Code.idleSessionTimeout, "terminating connection due to idle-session timeout",
                severity: "FATAL")
        ).encode(into: &bytes)
        server.log("pg_idle_timeout", [("client", clientKey)])
        let channel = self.channel
        channel.writeAndFlush(channel.allocator.buffer(bytes: bytes)).whenComplete { _ in
            channel.close(promise: nil)
        }
    }
}
