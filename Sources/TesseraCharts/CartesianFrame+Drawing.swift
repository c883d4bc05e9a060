import TesseraModel

extension CartesianFrame {
    /// Where a value sits along x: a category's band centre, or its place on the scale.
    func xPosition(_ value: ChartValue, dates: DateFormat) -> Double? {
        switch x {
        case .band(let scale, let labels):
            labels.firstIndex(of: SeriesData.label(value, dates: dates)).map { scale.center($0) }
        case .linear(let scale, _, _):
            value.numeric.map { scale($0) }
        }
    }

    func gridAndYLabels(_ labels: [String]) -> [SceneItem] {
        var items: [SceneItem] = []
        for (tick, label) in zip(yTicks, labels) {
            let position = y(tick)
            items.append(
                .path(
                    [Point(plot.x, position), Point(plot.maxX, position)], closed: false, fill: nil,
                    stroke: tick == 0 ? .axis : .grid, lineWidth: 0.6))
            items.append(
                .text(
                    TextItem(
                        label, at: Point(plot.x - 4, position + Self.size * 0.35), size: Self.size, anchor: .end,
                        color: .muted)))
        }
        return items
    }

    func xLabels() -> [SceneItem] {
        let baseline = plot.maxY + Self.size + 3
        var items: [SceneItem] = [
            .path(
                [Point(plot.x, plot.maxY), Point(plot.maxX, plot.maxY)], closed: false, fill: nil, stroke: .axis,
                lineWidth: 0.8)
        ]
        switch x {
        case .band(let scale, let labels):
            // Every label when they fit, else every n-th one so none overlaps.
            let widest = labels.map { TextMetrics.width($0, size: Self.size) }.max() ?? 0
            let every = max(1, Int((widest + 6) / max(scale.step, 1)) + 1)
            for (index, label) in labels.enumerated() where index % every == 0 {
                let text = TextMetrics.fit(label, size: Self.size, width: scale.step * Double(every) - 2)
                items.append(
                    .text(
                        TextItem(
                            text, at: Point(scale.center(index), baseline), size: Self.size, anchor: .middle,
                            color: .muted)))
            }
        case .linear(let scale, let ticks, let label):
            for tick in ticks {
                let position = scale(tick)
                items.append(
                    .path(
                        [Point(position, plot.maxY), Point(position, plot.maxY + 3)], closed: false, fill: nil,
                        stroke: .axis, lineWidth: 0.6))
                items.append(
                    .text(
                        TextItem(
                            label(tick), at: Point(position, baseline), size: Self.size, anchor: .middle, color: .muted)
                    ))
            }
        }
        return items
    }

    func titles(_ encoding: ChartEncoding, body: Rect) -> [SceneItem] {
        var items: [SceneItem] = []
        if let title = encoding.xTitle {
            items.append(
                .text(
                    TextItem(
                        TextMetrics.fit(title, size: Self.size + 1, width: plot.width),
                        at: Point(plot.x + plot.width / 2, body.maxY - 1),
                        size: Self.size + 1, anchor: .middle, color: .ink)))
        }
        if let title = encoding.yTitle {
            items.append(
                .text(
                    TextItem(
                        TextMetrics.fit(title, size: Self.size + 1, width: plot.height),
                        at: Point(body.x + Self.size + 1, plot.y + plot.height / 2),
                        size: Self.size + 1, anchor: .middle, color: .ink, angle: 90)))
        }
        return items
    }

    /// Each name's row and offset in the legend: swatches and names fill a row, then wrap, up to
    /// `maxRows` rows (a chart with more series than that names as many as fit).
    static func legendPlaces(_ names: [String], width: Double, maxRows: Int = 3) -> [LegendPlace] {
        var places: [LegendPlace] = []
        var row = 0
        var offset = 0.0
        for (index, name) in names.enumerated() {
            let text = TextMetrics.fit(name, size: size, width: 90)
            let advance = 12 + TextMetrics.width(text, size: size) + 10
            if offset > 0 && offset + advance > width {
                row += 1
                offset = 0
            }
            guard row < maxRows else { break }
            places.append(LegendPlace(index: index, text: text, row: row, offset: offset))
            offset += advance
        }
        return places
    }

    struct LegendPlace {
        var index: Int
        var text: String
        var row: Int
        var offset: Double
    }

    static let legendRowHeight = 12.0

    static func legend(_ places: [LegendPlace], at origin: Point) -> [SceneItem] {
        places.flatMap { place -> [SceneItem] in
            let x = origin.x + place.offset
            let y = origin.y + Double(place.row) * legendRowHeight
            return [
                .rect(Rect(x: x, y: y - 7, width: 8, height: 8), fill: Palette.color(place.index)),
                .text(TextItem(place.text, at: Point(x + 11, y), size: size, color: .muted)),
            ]
        }
    }
}
