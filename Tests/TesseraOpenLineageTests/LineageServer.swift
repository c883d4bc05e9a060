import FlyingFox
import Foundation
// The shared `FixtureServer` is in scope in every file of this target.
@_exported import TesseraTesting

/// An OpenLineage endpoint, as Marquez would serve it: it answers 201 to what is POSTed to
/// `/api/v1/lineage`, 500 on `/fail`, and 201 on `/slow` after 3 s.
enum LineageServer {
    static func start() async throws -> FixtureServer {
        try await FixtureServer.start { request in
            switch request.path {
            case "/fail": return HTTPResponse(statusCode: .internalServerError)
            case "/slow":
                try await Task.sleep(for: .seconds(3))
                return HTTPResponse(statusCode: .created)
            default: return HTTPResponse(statusCode: .created)
            }
        }
    }
}
