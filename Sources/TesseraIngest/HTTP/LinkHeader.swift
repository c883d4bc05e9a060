import Foundation

/// The `Link` header (RFC 8288): `<https://api.example.com/items?page=2>; rel="next", <…>; rel="last"`.
enum LinkHeader {
    /// The target of the first link whose relation types include `relation`, resolved against
    /// the URL of the request that got the response. Several `Link` headers count as one list.
    static func target(rel relation: String, in headers: [String], base: URL) -> URL? {
        for header in headers {
            for link in links(in: header) where link.relations.contains(relation.lowercased()) {
                if let url = URL(string: link.target, relativeTo: base)?.absoluteURL { return url }
            }
        }
        return nil
    }

    struct Link: Equatable {
        var target: String
        var relations: [String]
    }

    /// Parses one header value. Commas can appear inside `<…>` and quoted strings, so this
    /// walks the text rather than splitting it.
    static func links(in header: String) -> [Link] {
        var links: [Link] = []
        var rest = Substring(header)
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let target = String(rest[rest.index(after: open)..<close])
            rest = rest[rest.index(after: close)...]
            var relations: [String] = []
            // Parameters run until a comma outside quotes.
            while true {
                rest = rest.drop { $0 == " " || $0 == "\t" }
                guard rest.first == ";" else { break }
                rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
                let nameEnd = rest.firstIndex { $0 == "=" || $0 == ";" || $0 == "," } ?? rest.endIndex
                let name = rest[..<nameEnd].trimmingCharacters(in: .whitespaces).lowercased()
                rest = rest[nameEnd...]
                var value = ""
                if rest.first == "=" {
                    rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
                    if rest.first == "\"" {
                        rest = rest.dropFirst()
                        var escaped = false
                        var end = rest.endIndex
                        for index in rest.indices {
                            let character = rest[index]
                            if escaped {
                                value.append(character)
                                escaped = false
                            } else if character == "\\" {
                                escaped = true
                            } else if character == "\"" {
                                end = index
                                break
                            } else {
                                value.append(character)
                            }
                        }
                        rest = end < rest.endIndex ? rest[rest.index(after: end)...] : rest[end...]
                    } else {
                        let valueEnd = rest.firstIndex { $0 == ";" || $0 == "," } ?? rest.endIndex
                        value = rest[..<valueEnd].trimmingCharacters(in: .whitespaces)
                        rest = rest[valueEnd...]
                    }
                }
                // Only the first `rel` counts (RFC 8288 §3.3); its value is a space-separated list.
                if name == "rel", relations.isEmpty {
                    relations = value.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                }
            }
            links.append(Link(target: target, relations: relations))
        }
        return links
    }
}
