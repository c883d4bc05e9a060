import Testing
@testable import PostgresWire

@Suite struct PostgresURLTests {
    @Test func parsesEveryPart() throws {
        let url = try PostgresURL(
            "postgres://alice:s3cret@db.example.com:6543/shop?sslmode=disable&application_name=etl")
        #expect(url.host == .tcp("db.example.com"))
        #expect(url.port == 6543)
        #expect(url.user == "alice")
        #expect(url.password == "s3cret")
        #expect(url.database == "shop")
        #expect(url.applicationName == "etl")
        #expect(url.endpoint == "db.example.com:6543/shop")
    }

    @Test func defaultsPortAndDatabase() throws {
        let url = try PostgresURL("postgresql://bob@localhost")
        #expect(url.port == 5432)
        #expect(url.database == "bob")
        #expect(url.password == nil)
    }

    @Test func percentDecodesAndKeepsAnUnencodedAtInThePassword() throws {
        let url = try PostgresURL("postgres://us%65r:p%40ss:w@rd%2F%25@h/my%20db")
        #expect(url.user == "user")
        #expect(url.password == "p@ss:w@rd/%")
        #expect(url.database == "my db")
    }

    @Test func ipv6AndUnixSockets() throws {
        let v6 = try PostgresURL("postgres://u@[::1]:5433/d")
        #expect(v6.host == .tcp("::1"))
        #expect(v6.port == 5433)
        #expect(v6.endpoint == "[::1]:5433/d")
        let socket = try PostgresURL("postgres://u@%2Fvar%2Frun%2Fpostgresql/d")
        #expect(socket.host == .unixSocket(directory: "/var/run/postgresql"))
        let byParameter = try PostgresURL("postgres://u@/d?host=/tmp/x")
        #expect(byParameter.host == .unixSocket(directory: "/tmp/x"))
        let defaultSocket = try PostgresURL("postgres:///d?user=u")
        #expect(defaultSocket.host == .unixSocket(directory: nil))
        #expect(defaultSocket.user == "u")
    }

    @Test func tlsModesAreRefusedClearly() {
        for mode in ["require", "verify-ca", "verify-full"] {
            let error = #expect(throws: PostgresError.self) { try PostgresURL("postgres://u:pw@h/d?sslmode=\(mode)") }
            #expect(error?.kind == .tlsNotSupported)
            #expect(error?.message.contains("TLS is not supported yet; use sslmode=disable or a local socket") == true)
        }
        for mode in ["disable", "allow", "prefer"] {
            #expect(throws: Never.self) { try PostgresURL("postgres://u:pw@h/d?sslmode=\(mode)") }
        }
    }

    @Test(arguments: [
        "mysql://u@h/d", "postgres://h/d", "postgres://u@h:99999/d", "postgres://u@h:abc/d",
        "postgres://u@h/d?sslmode=sometimes", "postgres://u@h/d?target_session_attrs=any",
        "postgres://u:pw%2@h/d", "postgres://u@h1,h2/d", "localhost:5432",
    ])
    func rejectsBadURLs(_ text: String) {
        let error = #expect(throws: PostgresError.self) { try PostgresURL(text) }
        #expect(error?.kind == .invalidURL)
    }

    @Test func errorsNeverRepeatThePassword() {
        let error = #expect(throws: PostgresError.self) { try PostgresURL("postgres://u:hunter2%zz@h/d") }
        #expect(error?.message.contains("hunter2") == false)
    }

    @Test func printingRedactsThePassword() throws {
        let url = try PostgresURL("postgres://alice:hunter2@db:5432/shop")
        #expect(url.redacted == "postgres://alice:***@db:5432/shop")
        #expect("\(url)" == url.redacted)
        #expect(String(reflecting: url) == url.redacted)
        var dumped = ""
        dump(url, to: &dumped)
        #expect(!dumped.contains("hunter2"))
        #expect(try PostgresURL("postgres://alice@db/shop").redacted == "postgres://alice@db:5432/shop")
    }
}
