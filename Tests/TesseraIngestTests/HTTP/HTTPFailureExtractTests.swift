import Foundation
import Testing
@testable import TesseraIngest
import TesseraModel

/// Retries, pacing and failures against the fixture server, timed with the manual clock.
@Suite struct HTTPFailureExtractTests {
    @Test func retryAfterIsHonouredOn429() async throws {
        try await withFixture { server, folder in
            let clock = ManualClock()
            let result = try await extractor(connector(server.url("/rate-limited")), clock: clock).extract(into: folder)
            #expect(result.records == 3)
            #expect(result.requests == 3)
            #expect(result.retries == 2)
            #expect(clock.sleeps == [.seconds(1), .seconds(1)])
            #expect(await server.log.count("/rate-limited") == 3)
        }
    }

    @Test func retryAfterAsHTTPDate() async throws {
        try await withFixture { server, folder in
            // The clock's calendar reads 07:28:00; the server asks to come back at 07:28:05.
            let clock = ManualClock()
            let result = try await extractor(connector(server.url("/retry-date")), clock: clock).extract(into: folder)
            #expect(result.retries == 1)
            #expect(clock.sleeps == [.seconds(5)])
        }
    }

    @Test func serverErrorsBackOffExponentially() async throws {
        try await withFixture { server, folder in
            let clock = ManualClock()
            let events = EventLog()
            let result = try await extractor(connector(server.url("/flaky")), clock: clock).extract(into: folder) {
                events.append($0)
            }
            #expect(result.retries == 2)
            #expect(result.requests == 3)
            // backoff 1s, then 2s; jitter pinned at 0.5 keeps three quarters of each.
            #expect(clock.sleeps == [.milliseconds(750), .milliseconds(1500)])
            let causes = events.all.compactMap { progress -> String? in
                if case let .retry(_, _, cause, _) = progress.event { return cause }
                return nil
            }
            #expect(causes == ["500 Internal Server Error", "500 Internal Server Error"])
        }
    }

    @Test func givesUpAfterMaxAttempts() async throws {
        try await withFixture { server, folder in
            let source = connector(server.url("/down"), retries: HTTPConnector.Retries(maxAttempts: 3))
            let error = await extractionError(extractor(source), into: folder)
            #expect(error?.reason == .retriesExhausted(attempts: 3))
            #expect(error?.message.contains("after 3 attempts, the last with 503 Service Unavailable") == true)
            #expect(await server.log.count("/down") == 3)
        }
    }

    @Test func retryAfterLongerThanMaxBackoffFails() async throws {
        try await withFixture { server, folder in
            let source = connector(
                server.url("/rate-limited"),
                retries: HTTPConnector.Retries(backoff: TimeSpan(seconds: 0), maxBackoff: TimeSpan(seconds: 0)))
            let error = await extractionError(extractor(source), into: folder)
            #expect(error?.reason == .retryAfterTooLong)
            #expect(await server.log.count("/rate-limited") == 1)
        }
    }

    @Test func rateLimitSpacesRequests() async throws {
        try await withFixture { server, folder in
            let clock = ManualClock()
            let source = connector(
                server.url("/page"), pagination: .page, ["page_size_param": "per_page", "page_size": "10"], rateLimit: 2
            )
            let result = try await extractor(source, clock: clock).extract(into: folder)
            #expect(result.requests == 3)
            #expect(clock.sleeps == [.milliseconds(500), .milliseconds(500)])
        }
    }

    @Test func notFoundFailsAtOnce() async throws {
        try await withFixture { server, folder in
            let error = await extractionError(extractor(connector(server.url("/nowhere?x=1"))), into: folder)
            let failure = try #require(error)
            #expect(failure.reason == .status(404))
            #expect(failure.endpoint == "GET \(server.url("/nowhere?x=1"))")
            #expect(
                failure.description.hasPrefix(
                    "\(sourceFile):1:1: error: source 'sales.api': GET \(server.url("/nowhere?x=1")) answered 404 Not Found"
                ))
            #expect(await server.log.count("/nowhere") == 1)
        }
    }

    @Test func refusedCredentialsFailAtOnceWithoutShowingThem() async throws {
        try await withFixture { server, folder in
            let source = connector(
                server.url("/private"),
                headers: [
                    ConnectorSetting(
                        name: "Authorization",
                        value: secret("API_TOKEN", "Bearer tok-5ecret", template: "Bearer ${API_TOKEN}"))
                ])
            let failure = try #require(await extractionError(extractor(source), into: folder))
            #expect(failure.reason == .status(401))
            #expect(failure.message.contains("refused the credentials"))
            #expect(failure.hint?.contains("${API_TOKEN}") == true)
            // The server echoed the token in its body; the message shows it masked.
            #expect(!failure.description.contains("tok-5ecret"))
            #expect(failure.description.contains("invalid token 'Bearer ***'"))
            #expect(await server.log.count("/private") == 1)
        }
    }

    @Test func secretsInURLAndParamsNeverAppear() async throws {
        try await withFixture { server, folder in
            let url = secret(
                "API_KEY", server.url("/private?api_key=k3y-v4lue"), template: server.url("/private?api_key=${API_KEY}")
            )
            let withUser = ConfigString(
                template: "http://bob:${PASSWORD}@127.0.0.1:\(server.port)/private?api_key=${API_KEY}",
                value: "http://bob:pa55w0rd@127.0.0.1:\(server.port)/private?api_key=k3y-v4lue",
                variables: ["PASSWORD", "API_KEY"])
            for base in [url, withUser] {
                let source = HTTPConnector(
                    url: base, params: [ConnectorSetting(name: "token", value: secret("TOKEN", "t0k/en+1"))],
                    records: "/data")
                let failure = try #require(await extractionError(extractor(source), into: folder))
                #expect(failure.reason == .status(401))
                let basic = Data("bob:pa55w0rd".utf8).base64EncodedString()
                for secret in ["k3y-v4lue", "pa55w0rd", "t0k/en+1", "t0k%2Fen%2B1", "bob", basic] {
                    #expect(!failure.description.contains(secret), "\(secret) leaked: \(failure.description)")
                }
                #expect(failure.endpoint?.contains("token=***") == true)
                #expect(failure.endpoint?.contains("api_key=***") == true)
            }
        }
    }

    @Test func redirectsAreFollowedOnTheSameOriginOnly() async throws {
        try await withFixture { server, folder in
            let result = try await extractor(connector(server.url("/moved"))).extract(into: folder)
            #expect(result.records == 4)

            let source = HTTPConnector(
                url: ConfigString(stringLiteral: server.url("/moved-away")),
                params: [ConnectorSetting(name: "token", value: secret("TOKEN", "s3cret"))], records: "/data")
            let failure = try #require(await extractionError(extractor(source), into: folder))
            #expect(failure.reason == .status(302))
            #expect(
                failure.message.contains(
                    "answered 302 Found, a redirect to http://localhost:\(server.port)/page?token=*** that is not followed"
                ))
            #expect(!failure.description.contains("s3cret"))
            #expect(await server.log.count("/page") == 1)
        }
    }

    @Test func malformedBodyNamesThePage() async throws {
        try await withFixture { server, folder in
            let failure = try #require(
                await extractionError(extractor(connector(server.url("/malformed"))), into: folder))
            #expect(failure.reason == .malformedBody)
            #expect(
                failure.message.contains("GET \(server.url("/malformed")) answered with a body that is not valid JSON"))
            #expect(failure.sourceFile == sourceFile)
        }
    }

    @Test func recordsPointerMissingOrNotAnArray() async throws {
        try await withFixture { server, folder in
            let missing = try #require(
                await extractionError(extractor(connector(server.url("/page"), records: "/results")), into: folder))
            #expect(missing.reason == .recordsNotFound)
            #expect(
                missing.message.contains(
                    "'connector.records' '/results' is not in the response of GET \(server.url("/page"))"))
            #expect(missing.message.contains("the document has no member 'results'"))

            let object = try #require(
                await extractionError(extractor(connector(server.url("/not-array"))), into: folder))
            #expect(object.reason == .recordsNotArray)
            #expect(object.message.contains("'/data' is an object"))
        }
    }

    @Test func unknownPaginationKeyIsASettingsError() async throws {
        let source = connector(
            "https://api.example.com/events", pagination: .cursor, ["cursor_param": "after", "next": "/meta/next"])
        #expect(throws: HTTPExtractError.self) { try extractor(source).validate() }
        do {
            try extractor(source).validate()
        } catch {
            #expect(error.reason == .invalidSettings)
            #expect(error.message == "source 'sales.api': unknown key 'pagination.next' for cursor pagination")
        }
    }
}
