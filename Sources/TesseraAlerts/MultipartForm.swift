import Foundation

/// A `multipart/form-data` body: what a browser's file upload sends, and what chat tools,
/// document stores and small scripts (`cgi`, `multer`, Flask's `request.files`) read without help.
public struct MultipartForm: Sendable {
    public let boundary: String
    private var body = Data()

    public init(boundary: String = "tessera-\(UUID().uuidString)") {
        self.boundary = boundary
    }

    /// `multipart/form-data; boundary=…`, the request's Content-Type.
    public var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    /// Adds a part; a `fileName` makes it a file.
    public mutating func add(name: String, fileName: String? = nil, type: String, data: Data) {
        var disposition = "form-data; name=\"\(Self.quoted(name))\""
        if let fileName { disposition += "; filename=\"\(Self.quoted(fileName))\"" }
        body.append(Data("--\(boundary)\r\nContent-Disposition: \(disposition)\r\nContent-Type: \(type)\r\n\r\n".utf8))
        body.append(data)
        body.append(Data("\r\n".utf8))
    }

    /// The parts, closed by the final boundary.
    public var data: Data { body + Data("--\(boundary)--\r\n".utf8) }

    /// Names are ours (dashboard names, file names made of them): quotes and line breaks are
    /// dropped rather than escaped, which receivers disagree on.
    private static func quoted(_ text: String) -> String {
        String(text.filter { $0 != "\"" && $0 != "\r" && $0 != "\n" })
    }
}
