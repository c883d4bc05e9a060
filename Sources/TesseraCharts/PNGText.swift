import Foundation

/// Adds `tEXt` chunks (keyword, Latin-1 text) to a PNG right after its header chunk, so an image
/// says what it shows as a PDF's information does.
enum PNGText {
    static func adding(_ entries: [String: String], to png: Data) -> Data {
        // Signature (8 bytes) and IHDR (4 length + 4 type + 13 data + 4 CRC).
        let headerEnd = 33
        guard png.count > headerEnd else { return png }
        var out = png.prefix(headerEnd)
        for (keyword, text) in entries.sorted(by: { $0.key < $1.key }) {
            let latin = text.unicodeScalars.map { $0.value < 256 ? UInt8($0.value) : UInt8(ascii: "?") }
            out.append(chunk("tEXt", Array(keyword.utf8) + [0] + latin))
        }
        out.append(png.suffix(from: png.startIndex + headerEnd))
        return Data(out)
    }

    static func chunk(_ type: String, _ payload: [UInt8]) -> Data {
        var data = Data()
        let length = UInt32(payload.count)
        data.append(contentsOf: [24, 16, 8, 0].map { UInt8((length >> $0) & 0xFF) })
        let body = Array(type.utf8) + payload
        data.append(contentsOf: body)
        let crc = crc32(body)
        data.append(contentsOf: [24, 16, 8, 0].map { UInt8((crc >> $0) & 0xFF) })
        return data
    }

    /// The CRC-32 PNG chunks carry (polynomial 0xEDB88320), over type and data.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
