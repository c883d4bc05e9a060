import Foundation
import Testing
import TesseraCore
import TesseraServer

/// Every endpoint but health needs a bearer token; each way one fails is its own 401 with the
/// one error shape, and a client that keeps failing is refused with 429 and `Retry-After`.
@Suite(.serialized) struct SignInTests {
    @Test func healthAndReadinessNeedNoToken() async throws {
        let mesh = try await APITestMesh()
        try await mesh.serving { base in
            let health = try await Curl.call("\(base)/healthz")
            #expect(health.status == 200)
            #expect(try health.json()["status"] as? String == "ok")
            let ready = try await Curl.call("\(base)/readyz")
            #expect(ready.status == 200)
            #expect(try ready.json()["mesh"] as? String == "acme")
        }
    }

    @Test func eachBadTokenIsA401WithItsOwnCode() async throws {
        let mesh = try await APITestMesh()
        let expired = try await mesh.token("ana@acme.example", expires: "1h", now: Date().addingTimeInterval(-7200))
        let revokedToken = try await mesh.newToken("ana@acme.example")
        _ = try await mesh.workspace.tokens.revoke(id: revokedToken.info.id)
        let revoked = revokedToken.text
        let good = try await mesh.token("ana@acme.example")
        let unknown = good.dropLast(4) + "AAAA"
        try await mesh.serving { base in
            let url = "\(base)/api/v1/domains"
            let cases: [(String?, String)] = [
                (nil, "token_missing"), ("Basic abc", "token_malformed"), ("Bearer nope", "token_malformed"),
                ("Bearer \(unknown)", "token_unknown"), ("Bearer \(expired)", "token_expired"),
                ("Bearer \(revoked)", "token_revoked"),
            ]
            for (header, code) in cases {
                let answer = try await Curl.call(url, authorization: header)
                #expect(answer.status == 401, "\(code)")
                #expect(answer.errorCode == code)
                #expect(answer.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
                let message = (try answer.json()["error"] as? [String: Any])?["message"] as? String
                #expect(message?.isEmpty == false)
                // The token presented is never echoed.
                if let header { #expect(!answer.body.contains(header.dropFirst(7))) }
            }
            #expect(try await Curl.call(url, token: good).status == 200)
            // The metrics count the refusals by reason.
            let metrics = try await Curl.call("\(base)/metrics", token: good)
            #expect(metrics.body.contains("tessera_sign_in_failures_total{reason=\"token_expired\"} 1"))
        }
    }

    @Test func aClientThatKeepsFailingIsRefusedFor429() async throws {
        let mesh = try await APITestMesh()
        let good = try await mesh.token("ana@acme.example")
        let throttle = SignInThrottle(limit: 3, window: 60, lockout: 120)
        try await mesh.serving(throttle: throttle) { base in
            let url = "\(base)/api/v1/domains"
            for _ in 0..<3 { #expect(try await Curl.call(url, authorization: "Bearer tsr_bad").status == 401) }
            // Refused now, even with a good token.
            let refused = try await Curl.call(url, token: good)
            #expect(refused.status == 429)
            #expect(refused.errorCode == "too_many_sign_ins")
            #expect(Int(refused.headers["retry-after"] ?? "") ?? 0 > 100)
            // Health stays open.
            #expect(try await Curl.call("\(base)/healthz").status == 200)
        }
    }

    @Test func unknownRoutesAnswerInTheOneErrorShape() async throws {
        let mesh = try await APITestMesh()
        let good = try await mesh.token("ana@acme.example")
        try await mesh.serving { base in
            let missing = try await Curl.call("\(base)/api/v1/nothing-here", token: good)
            #expect(missing.status == 404)
            #expect(missing.errorCode == "not_found")
            let badLimit = try await Curl.call("\(base)/api/v1/runs?limit=0", token: good)
            #expect(badLimit.status == 400)
            #expect(badLimit.errorCode == "bad_request")
            // A NUL in a search is a mistake in the request, not a server error.
            let control = try await Curl.call("\(base)/api/v1/catalog/search?q=a%00b", token: good)
            #expect(control.status == 400, "\(control.body)")
            #expect(control.body.contains("control character (U+0000)"))
        }
    }
}
