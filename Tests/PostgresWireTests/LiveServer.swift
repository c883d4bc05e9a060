import Foundation
import PostgresWire
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The PostgreSQL server the integration tests run against, from the variables that
/// `scripts/postgres-test-cluster.sh` exports. Missing variables fail the tests: they are not
/// skipped, so a run that forgot the server cannot pass as green.
enum LiveServer {
    struct NotConfigured: Error, CustomStringConvertible {
        var variable: String
        var description: String {
            "\(variable) is not set: these tests need a PostgreSQL server. Run them with `make test` or "
                + "`scripts/postgres-test-cluster.sh run -- swift test`."
        }
    }

    static func variable(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw NotConfigured(variable: name)
        }
        return value
    }

    static func url(_ name: String = "TESSERA_TEST_PG_URL") throws -> PostgresURL {
        try PostgresURL(try variable(name))
    }

    static func connect(_ name: String = "TESSERA_TEST_PG_URL") throws -> PostgresConnection {
        try PostgresConnection.connect(try url(name))
    }

    /// Runs PostgreSQL's own `psql` (from the cluster's bin folder) with the given arguments.
    static func psql(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try variable("TESSERA_TEST_PG_BINDIR") + "/psql")
        process.arguments =
            ["-X", "-q", "-v", "ON_ERROR_STOP=1", "--dbname", try variable("TESSERA_TEST_PG_URL")] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    static func temporaryFile(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("tessera-pgwire-\(UUID().uuidString)-\(name)")
    }
}

/// A TCP port that accepts connections (the kernel completes the handshake) but never says a
/// word: what a hung server looks like.
final class SilentListener {
    private let descriptor: Int32
    let port: Int

    init() throws {
        #if canImport(Darwin)
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #else
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && listen(descriptor, 8) == 0
                    && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard descriptor >= 0, bound else {
            close(descriptor)
            throw POSIXError(.EADDRNOTAVAIL)
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }
}
