import Hummingbird

/// The UI's style sheet and script, embedded in the binary (nothing is fetched from anywhere at
/// run time). Pages link them with their ETag in the URL (`?v=…`), so a browser may keep them for
/// a year and still gets a new one the moment the binary changes; a revalidation with the ETag
/// gets a 304.
enum WebAssets {
    struct Asset: Sendable {
        let body: String
        let contentType: String
        let etag: String
    }

    static let all: [String: Asset] = [
        "app.css": Asset(body: css, contentType: "text/css; charset=utf-8", etag: tag(css)),
        "app.js": Asset(body: javascript, contentType: "text/javascript; charset=utf-8", etag: tag(javascript)),
    ]

    /// The versioned URL of an asset, for pages to link.
    static func url(_ name: String) -> String {
        WebPaths.asset(name) + "?v=" + (all[name]?.etag ?? "")
    }

    /// FNV-1a (64 bits) of the content: a version, not a secret.
    static func tag(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    static func response(_ name: String, request: Request) -> Response {
        guard let asset = all[name] else { return WebResponses.plain(.notFound, "no such asset.") }
        var headers = HTTPFields()
        headers[.eTag] = "\"\(asset.etag)\""
        headers[.cacheControl] = "public, max-age=31536000, immutable"
        if request.headers[.ifNoneMatch] == "\"\(asset.etag)\"" {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = asset.contentType
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: asset.body)))
    }
}
