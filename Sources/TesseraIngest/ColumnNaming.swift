/// Standardized column names (`standardize.column_names: snake_case`, the default):
/// "Order ID" → order_id, "orderDate" → order_date, "HTTPStatus" → http_status,
/// "2nd value" → _2nd_value. Names that collide after standardizing get a numeric suffix, so no
/// column is ever silently dropped.
enum ColumnNaming {
    static func snakeCase(_ name: String) -> String {
        let scalars = Array(name.unicodeScalars)
        var words: [String] = []
        var current = ""
        func flush() {
            if !current.isEmpty { words.append(current.lowercased()) }
            current = ""
        }
        for (i, scalar) in scalars.enumerated() {
            let isUpper = scalar.properties.isUppercase
            let isAlnum = scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
            guard isAlnum else { flush(); continue }
            if isUpper, let last = current.unicodeScalars.last {
                let previousIsLower = last.properties.isLowercase || ("0"..."9").contains(last)
                let nextIsLower = i + 1 < scalars.count && scalars[i + 1].properties.isLowercase
                // "orderDate" splits before D; "HTTPStatus" splits before the S of Status.
                if previousIsLower || (last.properties.isUppercase && nextIsLower) { flush() }
            }
            current.unicodeScalars.append(scalar)
        }
        flush()
        var result = words.joined(separator: "_")
        if result.isEmpty { result = "column" }
        if let first = result.unicodeScalars.first, !first.properties.isAlphabetic { result = "_" + result }
        return result
    }

    /// Standardizes every name of a batch, keeping them unique and in order.
    static func standardize(_ names: [String], style: StandardizedNames) -> [String] {
        var used = Set<String>()
        return names.map { raw in
            let base = style == .snakeCase ? snakeCase(raw) : raw
            var candidate = base
            var n = 2
            while used.contains(candidate) {
                candidate = "\(base)_\(n)"
                n += 1
            }
            used.insert(candidate)
            return candidate
        }
    }

    enum StandardizedNames { case snakeCase, preserve }
}
