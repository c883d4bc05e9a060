import Foundation

/// An HTTP/1.1 request as it came off the wire: what the fixture server's clients send
/// (Content-Length or chunked bodies, `Expect: 100-continue`, keep-alive).
struct FixtureWireRequest: Sendable {
    var method: String
    var target: String
    var version: String
    /// Names lower-cased; a repeated header's values joined with ", ".
    var headers: [String: String]
    var body: Data

    /// Whether the connection stays open after the answer: HTTP/1.1 unless the client says close.
    var keepsAlive: Bool {
        let connection = headers["connection"]?.lowercased() ?? ""
        return version == "HTTP/1.1" ? connection != "close" : connection == "keep-alive"
    }

    /// The next request on `stream`, or nil when the client closed the connection between requests.
    static func read(from stream: FixtureSocketStream) throws -> FixtureWireRequest? {
        guard let line = try stream.readLine() else { return nil }
        let parts = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard parts.count == 3 else { throw FixtureError(message: "not an HTTP request line: \(line)") }
        var request = FixtureWireRequest(
            method: parts[0], target: parts[1], version: parts[2], headers: try readHeaders(stream), body: Data())
        if request.headers["expect"]?.lowercased() == "100-continue" {
            try stream.write(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }
        request.body = try readBody(stream, headers: request.headers)
        return request
    }

    private static func readHeaders(_ stream: FixtureSocketStream) throws -> [String: String] {
        var headers: [String: String] = [:]
        while let line = try stream.readLine(), !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = headers[name].map { "\($0), \(value)" } ?? value
        }
        return headers
    }

    private static func readBody(_ stream: FixtureSocketStream, headers: [String: String]) throws -> Data {
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            var body = Data()
            while let sizeLine = try stream.readLine() {
                let hex = sizeLine.split(separator: ";").first.map(String.init) ?? ""
                guard let size = Int(hex.trimmingCharacters(in: .whitespaces), radix: 16) else {
                    throw FixtureError(message: "bad chunk size: \(sizeLine)")
                }
                if size == 0 {
                    while let trailer = try stream.readLine(), !trailer.isEmpty {}
                    break
                }
                body.append(contentsOf: try stream.read(count: size))
                _ = try stream.readLine()
            }
            return body
        }
        let length = headers["content-length"].flatMap { Int($0) } ?? 0
        return Data(try stream.read(count: length))
    }
}

/// An answer to write back: status, headers and the whole body, sent with its Content-Length.
struct FixtureWireResponse: Sendable {
    var status: Int
    var phrase: String
    var headers: [(name: String, value: String)]
    var body: Data

    /// The bytes on the wire; `head` leaves the body out (the answer to a HEAD request).
    func encoded(keepAlive: Bool, head: Bool) -> [UInt8] {
        var text = "HTTP/1.1 \(status) \(phrase)\r\n"
        let framing: Set<String> = ["content-length", "connection", "transfer-encoding"]
        for header in headers where !framing.contains(header.name.lowercased()) {
            text += "\(header.name): \(header.value)\r\n"
        }
        text += "Content-Length: \(body.count)\r\n"
        text += "Connection: \(keepAlive ? "keep-alive" : "close")\r\n\r\n"
        return Array(text.utf8) + (head ? [] : Array(body))
    }
}
