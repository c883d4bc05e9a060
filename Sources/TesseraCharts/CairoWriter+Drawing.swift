import Foundation
internal import CCairo

extension CairoWriter {
    static func draw(_ page: ScenePage, on context: OpaquePointer?) {
        for item in page.items {
            switch item {
            case .rect(let rect, let fill, let stroke, let lineWidth):
                cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
                paint(context, fill: fill, stroke: stroke, lineWidth: lineWidth)
            case .path(let points, let closed, let fill, let stroke, let lineWidth):
                guard let first = points.first else { continue }
                cairo_move_to(context, first.x, first.y)
                for point in points.dropFirst() { cairo_line_to(context, point.x, point.y) }
                if closed { cairo_close_path(context) }
                paint(context, fill: fill, stroke: stroke, lineWidth: lineWidth)
            case .circle(let center, let radius, let fill):
                cairo_new_sub_path(context)
                cairo_arc(context, center.x, center.y, radius, 0, 2 * Double.pi)
                paint(context, fill: fill, stroke: nil, lineWidth: 0)
            case .text(let text):
                show(text, on: context)
            }
        }
    }

    private static func paint(_ context: OpaquePointer?, fill: Color?, stroke: Color?, lineWidth: Double) {
        if let fill {
            cairo_set_source_rgba(context, fill.red, fill.green, fill.blue, fill.alpha)
            if stroke == nil { cairo_fill(context) } else { cairo_fill_preserve(context) }
        }
        if let stroke {
            cairo_set_source_rgba(context, stroke.red, stroke.green, stroke.blue, stroke.alpha)
            cairo_set_line_width(context, lineWidth)
            cairo_set_line_join(context, CAIRO_LINE_JOIN_ROUND)
            cairo_stroke(context)
        }
        cairo_new_path(context)
    }

    /// Text in DejaVu Sans (found through fontconfig), placed by its measured advance.
    private static func show(_ text: TextItem, on context: OpaquePointer?) {
        cairo_save(context)
        cairo_select_font_face(
            context, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
            text.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(context, text.size)
        cairo_set_source_rgba(context, text.color.red, text.color.green, text.color.blue, text.color.alpha)
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, text.text, &extents)
        let shift =
            switch text.anchor {
            case .start: 0.0
            case .middle: -extents.x_advance / 2
            case .end: -extents.x_advance
            }
        cairo_translate(context, text.at.x, text.at.y)
        if text.angle != 0 { cairo_rotate(context, -text.angle * Double.pi / 180) }
        cairo_move_to(context, shift, 0)
        cairo_show_text(context, text.text)
        cairo_restore(context)
    }
}
