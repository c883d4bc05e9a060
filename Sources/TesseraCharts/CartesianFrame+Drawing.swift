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

    /// Swatches and names in a row, cut short when they run out of room.
    static func legend(_ names: [String], at origin: Point, width: Double) -> [SceneItem] {
        var items: [SceneItem] = []
        var position = origin.x
        for (index, name) in names.enumerated() {
            let text = TextMetrics.fit(name, size: size, width: 90)
            let advance = 12 + TextMetrics.width(text, size: size) + 10
            if position + advance > origin.x + width { break }
            items.append(.rect(Rect(x: position, y: origin.y - 7, width: 8, height: 8), fill: Palette.color(index)))
            items.append(.text(TextItem(text, at: Point(position + 11, origin.y), size: size, color: .muted)))
            position += advance
        }
        return items
    }
}
