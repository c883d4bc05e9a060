import Foundation
internal import CCairo

/// A scene through cairo: a vector PDF (one page per scene page, fonts embedded as subsets by
/// cairo, the metadata in the document's information), or PNG images (one per page).
public enum CairoWriter {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The whole scene as one PDF.
    public static func pdf(_ scene: Scene) throws(Failure) -> Data {
        let sink = ByteSink()
        let first = scene.pages.first ?? ScenePage(width: 595.28, height: 841.89)
        let surface = cairo_pdf_surface_create_for_stream(
            { closure, bytes, length in
                guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
                Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
                return CAIRO_STATUS_SUCCESS
            }, Unmanaged.passUnretained(sink).toOpaque(), first.width, first.height)
        defer { cairo_surface_destroy(surface) }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, scene.metadata.title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, scene.metadata.subject)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "tessera dashboard render")
        let context = cairo_create(surface)
        defer { cairo_destroy(context) }
        for page in scene.pages {
            cairo_pdf_surface_set_size(surface, page.width, page.height)
            draw(page, on: context)
            cairo_show_page(context)
        }
        cairo_surface_finish(surface)
        try check(cairo_surface_status(surface), "PDF")
        return withExtendedLifetime(sink) { sink.data }
    }

    /// Each page as a PNG at `scale` pixels per point, with the metadata as PNG text chunks.
    public static func png(_ scene: Scene, scale: Double = 2) throws(Failure) -> [Data] {
        var images: [Data] = []
        for page in scene.pages {
            let surface = cairo_image_surface_create(
                CAIRO_FORMAT_RGB24, Int32((page.width * scale).rounded()), Int32((page.height * scale).rounded()))
            defer { cairo_surface_destroy(surface) }
            let context = cairo_create(surface)
            defer { cairo_destroy(context) }
            cairo_scale(context, scale, scale)
            cairo_set_source_rgb(context, 1, 1, 1)
            cairo_paint(context)
            draw(page, on: context)
            cairo_surface_flush(surface)
            let sink = ByteSink()
            let status = cairo_surface_write_to_png_stream(
                surface,
                { closure, bytes, length in
                    guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
                    Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
                    return CAIRO_STATUS_SUCCESS
                }, Unmanaged.passUnretained(sink).toOpaque())
            try check(status, "PNG")
            let text = ["Title": scene.metadata.title, "Description": scene.metadata.subject]
            images.append(withExtendedLifetime(sink) { PNGText.adding(text, to: sink.data) })
        }
        return images
    }

    private static func check(_ status: cairo_status_t, _ format: String) throws(Failure) {
        guard status != CAIRO_STATUS_SUCCESS else { return }
        throw Failure(
            description: "cairo could not write the \(format): \(String(cString: cairo_status_to_string(status)))")
    }

    /// Where cairo's write callback puts the bytes.
    private final class ByteSink {
        var data = Data()
    }
}
