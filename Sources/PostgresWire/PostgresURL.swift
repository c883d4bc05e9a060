/// A parsed `postgres://user:password@host:port/database?sslmode=disable` connection URL.
///
/// `postgresql://` is accepted too; every part is percent-decoded. The user is required, the port
/// defaults to 5432 and the database to the user's name. A host that is a path (written
/// percent-encoded, `postgres://me@%2Fvar%2Frun%2Fpostgresql/db`, or as `?host=/var/run/postgresql`)
/// means the server's Unix socket in that directory; an empty host means the default socket
/// directory (`/var/run/postgresql`, else `/tmp`).
///
/// Printing a URL never shows its password: `description`, `debugDescription` and `dump` all use
/// ``redacted``.
public struct PostgresURL: Sendable, Hashable {
    public enum Host: Sendable, Hashable {
        /// A host name or an IP address (IPv6 without brackets).
        case tcp(String)
        /// The directory holding the server's socket file `.s.PGSQL.<port>`; nil means the default one.
        case unixSocket(directory: String?)
    }

    public var host: Host
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var applicationName: String

    public static let defaultPort = 5432

    public init(
        host: Host, port: Int = PostgresURL.defaultPort, user: String, password: String? = nil,
        database: String? = nil, applicationName: String = "tessera"
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database ?? user
        self.applicationName = applicationName
    }

    /// Parses a URL. Throws a ``PostgresError`` of kind `.invalidURL`, or `.tlsNotSupported` when
    /// `sslmode` asks for TLS. The message never repeats the password.
    public init(_ string: String) throws {
        self = try URLParser(string).parse()
    }

    /// Where the server is, for messages: `host:port/database`.
    public var endpoint: String {
        switch host {
        case .tcp(let name):
            let shown = name.contains(":") ? "[\(name)]" : name
            return "\(shown):\(port)/\(database)"
        case .unixSocket(let directory):
            return "\(directory ?? "<default socket directory>")/.s.PGSQL.\(port) (database \(database))"
        }
    }

    /// The URL with `***` for the password: `postgres://user:***@host:5432/db`.
    public var redacted: String {
        var text = "postgres://" + URLParser.encode(user)
        if password != nil { text += ":***" }
        text += "@"
        switch host {
        case .tcp(let name): text += name.contains(":") ? "[\(name)]" : URLParser.encode(name)
        case .unixSocket(let directory): text += directory.map(URLParser.encode) ?? ""
        }
        text += ":\(port)/" + URLParser.encode(database)
        return text
    }
}

extension PostgresURL: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { redacted }
    public var debugDescription: String { redacted }
    public var customMirror: Mirror { Mirror(self, children: ["url": redacted], displayStyle: .struct) }
}

/// The grammar libpq accepts, minus the parts this client does not support (several hosts, TLS
/// options), each refused with a message saying so.
private struct URLParser {
    let text: String

    init(_ text: String) { self.text = text }

    func fail(_ reason: String) -> PostgresError {
        PostgresError(
            .invalidURL, "invalid PostgreSQL URL: \(reason) (expected postgres://user:password@host:port/database)")
    }

    /// What the URL says, as it is read: the authority and path first, then the query's
    /// parameters, which override them as libpq's do.
    private struct Parts {
        var host = ""
        var port = PostgresURL.defaultPort
        var user: String?
        var password: String?
        var database: String?
        var applicationName = "tessera"
    }

    func parse() throws(PostgresError) -> PostgresURL {
        let (authority, path, query) = try sections()
        var parts = Parts()
        let hostAndPort = try userInfo(authority, into: &parts)
        try readHost(hostAndPort, into: &parts)
        parts.database = try path.isEmpty ? nil : decode(path, "database name")
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            try readParameter(pair, into: &parts)
        }
        return try finish(parts)
    }

    /// `scheme://authority/path?query#fragment` cut into authority, path and query.
    private func sections() throws(PostgresError) -> (authority: Substring, path: Substring, query: Substring) {
        var rest = Substring(text)
        guard let schemeEnd = rest.range(of: "://") else { throw fail("it does not start with postgres://") }
        let scheme = rest[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw fail("the scheme is '\(scheme)', not postgres or postgresql")
        }
        rest = rest[schemeEnd.upperBound...]
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        var query = Substring("")
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var path = Substring("")
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        return (rest, path, query)
    }

    /// Reads `user:password@` off the authority; returns what follows it (host and port).
    private func userInfo(_ authority: Substring, into parts: inout Parts) throws(PostgresError) -> Substring {
        // The last `@` ends the user info, so a password with an unencoded `@` still works.
        guard let at = authority.lastIndex(of: "@") else { return authority }
        let info = authority[..<at]
        if let colon = info.firstIndex(of: ":") {
            parts.user = try decode(info[..<colon], "user name")
            parts.password = try decode(info[info.index(after: colon)...], "password")
        } else {
            parts.user = try decode(info, "user name")
        }
        return authority[authority.index(after: at)...]
    }

    /// `host`, `host:port`, `[ipv6]` or `[ipv6]:port`.
    private func readHost(_ authority: Substring, into parts: inout Parts) throws(PostgresError) {
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw fail("an IPv6 address misses its ']'") }
            parts.host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") {
                portText = after.dropFirst()
            } else if !after.isEmpty {
                throw fail("unexpected text after the IPv6 address")
            }
        } else if let colon = authority.lastIndex(of: ":") {
            parts.host = try decode(authority[..<colon], "host")
            portText = authority[authority.index(after: colon)...]
        } else {
            parts.host = try decode(authority, "host")
        }
        if parts.host.contains(",") { throw fail("several hosts are not supported") }
        if let portText, !portText.isEmpty { parts.port = try parsePort(portText) }
    }

    /// One `key=value` of the query.
    private func readParameter(_ pair: Substring, into parts: inout Parts) throws(PostgresError) {
        let pieces = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let key = try decode(pieces[0], "parameter name")
        let value = try pieces.count > 1 ? decode(pieces[1], "parameter \(key)") : ""
        switch key {
        case "sslmode": try checkSSLMode(value)
        case "host": parts.host = value
        case "port": parts.port = try parsePort(Substring(value))
        case "user": parts.user = value
        case "password": parts.password = value
        case "dbname": parts.database = value
        case "application_name": parts.applicationName = value
        default:
            throw fail(
                "unsupported parameter '\(key)' (supported: sslmode, host, port, user, password, dbname, application_name)"
            )
        }
    }

    private func checkSSLMode(_ value: String) throws(PostgresError) {
        switch value {
        case "disable", "allow", "prefer": return
        case "require", "verify-ca", "verify-full":
            throw PostgresError(
                .tlsNotSupported,
                "TLS is not supported yet; use sslmode=disable or a local socket (the URL asks for sslmode=\(value))")
        default:
            throw fail("unknown sslmode '\(value)' (disable, allow, prefer, require, verify-ca, verify-full)")
        }
    }

    private func finish(_ parts: Parts) throws(PostgresError) -> PostgresURL {
        guard let user = parts.user, !user.isEmpty else { throw fail("it names no user") }
        for (name, value) in [
            ("user name", user), ("password", parts.password ?? ""), ("database name", parts.database ?? ""),
            ("application_name", parts.applicationName),
        ] where value.utf8.contains(0) {
            throw fail("the \(name) contains a NUL character")
        }
        let host: PostgresURL.Host
        if parts.host.isEmpty {
            host = .unixSocket(directory: nil)
        } else if parts.host.hasPrefix("/") {
            host = .unixSocket(directory: parts.host)
        } else {
            host = .tcp(parts.host)
        }
        return PostgresURL(
            host: host, port: parts.port, user: user, password: parts.password,
            database: parts.database.flatMap { $0.isEmpty ? nil : $0 }, applicationName: parts.applicationName)
    }

    func parsePort(_ text: Substring) throws(PostgresError) -> Int {
        guard let port = Int(text), (1...65535).contains(port) else {
            throw fail("the port '\(text)' is not a number from 1 to 65535")
        }
        return port
    }

    /// Percent-decoding. The password's text is never put in the error message.
    func decode(_ part: Substring, _ what: String) throws(PostgresError) -> String {
        guard part.contains("%") else { return String(part) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(part.utf8.count)
        var iterator = part.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let high = iterator.next().flatMap(Self.hexValue), let low = iterator.next().flatMap(Self.hexValue)
            else {
                throw fail("the \(what) has a '%' not followed by two hex digits")
            }
            bytes.append(high << 4 | low)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw fail("the \(what) is not valid UTF-8 once decoded")
        }
        return decoded
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Percent-encodes everything but unreserved characters, for the redacted form.
    static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
