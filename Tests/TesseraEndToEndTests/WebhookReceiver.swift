import Foundation

/// A webhook receiver on 127.0.0.1 in a process of its own (Python's `http.server`), answering
/// every POST with one status and writing each request to a file before it answers. The binary's
/// alert timeout is short; a receiver inside the test process shares its threads with every suite
/// running at once and can miss it, one in its own process does not.
final class WebhookReceiver {
    struct Request {
        var path: String
        var contentType: String?
        var body: [String: Any]
    }

    let port: Int
    private let process: Process
    private let folder: TemporaryDirectory
    private let log: URL

    static let script = """
        import http.server, json, sys
        status, log = int(sys.argv[1]), sys.argv[2]
        class Receiver(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                with open(log, "a") as f:
                    f.write(json.dumps({"path": self.path, "type": self.headers.get("Content-Type"), "body": body}) + "\\n")
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()
            def log_message(self, *args):
                pass
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """

    init(status: Int) throws {
        folder = try TemporaryDirectory()
        log = folder.url.appendingPathComponent("received.jsonl")
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, String(status), log.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            kill(process.processIdentifier, SIGKILL)
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "the receiver did not start"])
        }
        self.port = port
    }

    /// SIGKILL: a child of the test process may inherit SIGTERM blocked, and ignore `terminate()`.
    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// What it received, in order.
    func requests() throws -> [Request] {
        guard FileManager.default.fileExists(atPath: log.path) else { return [] }
        return try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map { line in
            let entry = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            let text = entry["body"] as? String ?? ""
            let body = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
            return Request(path: entry["path"] as? String ?? "", contentType: entry["type"] as? String, body: body)
        }
    }
}
