import Foundation

/// The project `tessera init` writes: one domain with a CSV source and its data, one model and
/// one published product with a contract and checks. It must validate cleanly under the default
/// (fully governed) rules, and an end-to-end test holds it to that.
struct ProjectScaffold {
    var meshName: String
    /// The default environment of the project: the first of `environments:` below.
    static let firstEnvironment = "dev"

    /// Relative path → contents, in the order they are written.
    var files: [(path: String, contents: String)] {
        [
            ("tessera.yaml", tesseraYAML),
            (".gitignore", gitignore),
            ("domains/sales/domain.yaml", domainYAML),
            ("domains/sales/sources/orders.yaml", sourceYAML),
            ("domains/sales/data/orders.csv", ordersCSV),
            ("domains/sales/models/daily_revenue.sql", modelSQL),
            ("domains/sales/models/daily_revenue.yaml", modelYAML),
            ("domains/sales/products/daily_revenue.yaml", productYAML),
        ]
    }

    /// Turns a folder name into a valid mesh name (`[a-z][a-z0-9_]*`): "My Shop-2" → "my_shop_2".
    static func meshName(fromFolderName folder: String) -> String {
        var name = ""
        for scalar in folder.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                name.unicodeScalars.append(scalar)
            } else if !name.hasSuffix("_") {
                name += "_"
            }
        }
        name = name.trimmingCharacters(in: CharacterSet(charactersIn: "_"))
        if name.isEmpty { return "mesh" }
        if let first = name.unicodeScalars.first, !("a"..."z").contains(first) { name = "mesh_" + name }
        return name
    }

    private var tesseraYAML: String {
        """
        # The mesh: its name, environments and governance rules.
        # Reference: docs/reference/project-files.md in the Tessera repository.
        mesh: \(meshName)
        description: The \(meshName) data mesh
        environments: [dev, prod]     # the first is the default for --env
        governance:                   # every rule defaults to true: a mesh is governed unless it says otherwise
          require_owner: true
          require_description: true
          require_classification: true
          pii_requires_mask: true
        # admins: [you@example.com]   # mesh admins read every product, masked outside their domains

        """
    }

    private var gitignore: String {
        """
        # Tessera's state (catalog, warehouses, lake) is rebuilt by `tessera run`.
        .tessera/

        """
    }

    private var domainYAML: String {
        """
        # A domain owns its data end to end: sources, models and the products it publishes.
        owner: sales-data@example.com
        description: Orders of the web shop.
        engine: duckdb
        tags: [commerce]
        # The people of the domain read its products in clear (see docs/access.md):
        # members:
        #   - {name: you@example.com, role: owner}   # owner | developer | reader

        """
    }

    private var sourceYAML: String {
        """
        # Raw orders, exported by the shop as CSV files. Loaded into src.orders.
        description: Orders exported by the shop
        connector:
          type: csv
          path: domains/sales/data/orders*.csv   # a glob, relative to the project root
          options:
            header: true
            delimiter: ","
        load:
          mode: incremental       # only rows with updated_at above the last loaded maximum
          cursor: updated_at
          primary_key: [order_id] # one row per order: the latest by updated_at
        schema:
          on_change: evolve
          max_rejected: 0
          columns:
            - {name: order_id, type: BIGINT, nullable: false}
            - {name: customer_id, type: BIGINT, nullable: false}
            - {name: status, type: VARCHAR, nullable: false}
            - {name: amount, type: DECIMAL(12,2)}
            - {name: ordered_at, type: TIMESTAMP, nullable: false}
            - {name: updated_at, type: TIMESTAMP, nullable: false}

        """
    }

    private var ordersCSV: String {
        var lines = ["order_id,customer_id,status,amount,ordered_at,updated_at"]
        let statuses = ["placed", "shipped", "shipped", "returned", "shipped"]
        for i in 1...24 {
            let day = 1 + (i - 1) / 4
            let hour = 8 + (i * 5) % 12
            let amount = Double((i * 3_719) % 20_000) / 100 + 5
            let status = statuses[i % statuses.count]
            let ordered = String(format: "2026-11-%02d %02d:%02d:00", day, hour, (i * 7) % 60)
            let updated = String(format: "2026-11-%02d %02d:%02d:00", day, hour + 1, (i * 7) % 60)
            lines.append("\(1000 + i),\(100 + i % 7),\(status),\(String(format: "%.2f", amount)),\(ordered),\(updated)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private var modelSQL: String {
        """
        -- Revenue per day. Plain DuckDB SQL: src.orders is the loaded source of this domain.
        select
            cast(ordered_at as date)   as order_date,
            count(*)                   as orders,
            sum(amount)                as revenue
        from src.orders
        where status <> 'returned'
        group by 1

        """
    }

    private var modelYAML: String {
        """
        description: Revenue per day, returned orders excluded
        materialized: table
        columns:
          order_date: {description: Day the orders were placed, checks: [not_null, unique]}

        """
    }

    private var productYAML: String {
        """
        # A data product: what other domains may rely on. Its contract is the published schema.
        description: Revenue per day of the web shop
        model: daily_revenue
        version: 1.0.0
        tags: [gold]
        schedule: "0 6 * * *"      # cron, UTC
        sla: {freshness: 24h}
        contract:
          primary_key: [order_date]
          columns:
            - {name: order_date, type: DATE, nullable: false, description: Day the orders were placed, classification: internal}
            - {name: orders, type: BIGINT, nullable: false, description: Orders placed that day, classification: internal}
            - {name: revenue, type: DECIMAL(38,2), description: Sum of the order amounts, classification: internal}
        checks:
          - unique: order_date
          - not_null: [order_date, orders]
          - range: {column: revenue, min: 0}
          - row_count: {min: 1}
        access:
          readers: []               # no other domain yet; list the domains that may consume it

        """
    }
}
