import Foundation

/// The project files `tessera demo` writes: a four-domain mesh (sales, marketing, support,
/// finance) that exercises what a newcomer should see — incremental CSV loads, a JSON source, an
/// SCD2 snapshot, an interval-incremental model, a masked `pii` column, a `warn` check that fires,
/// and products consumed across domains. Every file must validate under the default (fully
/// governed) rules; `DemoTests` holds it to that. The data files are written by `DemoData`.
struct DemoMesh {
    static let meshName = "acme"

    /// The paths the demo owns inside its folder: `--force` removes exactly these, so pointing it
    /// at a folder with other files never deletes them.
    static let ownedPaths = ["tessera.yaml", ".gitignore", "domains", ".tessera"]

    /// Relative path → contents, in the order they are written.
    var files: [(path: String, contents: String)] {
        [
            ("tessera.yaml", tesseraYAML),
            (".gitignore", ".tessera/\n"),
            // sales: orders and customers from CSV; the big product, the pii product, the snapshot
            // and the interval-incremental model.
            (
                "domains/sales/domain.yaml",
                """
                owner: sales-data@acme.example
                description: Orders and customers of the web shop, the app, the stores and partners.
                tags: [commerce]
                members:                      # they read sales' products in clear (docs/access.md)
                  - {name: ana@acme.example, role: owner}
                  - {name: bo@acme.example, role: developer}

                """
            ),
            (
                "domains/sales/sources/orders.yaml",
                """
                # One CSV file per day; each day adds new orders and updates some earlier ones.
                description: Orders exported by the shop every day
                connector:
                  type: csv
                  path: domains/sales/data/orders_*.csv
                  options: {header: true, delimiter: ","}
                load:
                  mode: incremental        # only rows with updated_at above the last loaded maximum
                  cursor: updated_at
                  primary_key: [order_id]  # an updated order replaces its earlier version
                schema:
                  columns:
                    - {name: order_id, type: BIGINT, nullable: false}
                    - {name: customer_id, type: BIGINT, nullable: false}
                    - {name: channel, type: VARCHAR, nullable: false}
                    - {name: status, type: VARCHAR, nullable: false}
                    - {name: amount, type: DECIMAL(12,2)}
                    - {name: ordered_at, type: TIMESTAMP, nullable: false}
                    - {name: updated_at, type: TIMESTAMP, nullable: false}

                """
            ),
            (
                "domains/sales/sources/customers.yaml",
                """
                description: Customer accounts exported by the CRM
                connector:
                  type: csv
                  path: domains/sales/data/customers_*.csv
                  options: {header: true}
                load:
                  mode: incremental
                  cursor: updated_at
                  primary_key: [customer_id]
                schema:
                  columns:
                    - {name: customer_id, type: BIGINT, nullable: false}
                    - {name: name, type: VARCHAR}
                    - {name: email, type: VARCHAR}
                    - {name: segment, type: VARCHAR, nullable: false}
                    - {name: country, type: VARCHAR}
                    - {name: updated_at, type: TIMESTAMP, nullable: false}

                """
            ),
            (
                "domains/sales/models/orders.sql",
                """
                -- Every order, its latest version (the source keeps one row per order_id).
                select order_id, customer_id, channel, status, amount, ordered_at
                from src.orders

                """
            ),
            (
                "domains/sales/models/orders.yaml",
                """
                description: One row per order
                materialized: table
                columns:
                  order_id: {description: Order key, checks: [not_null, unique]}

                """
            ),
            (
                "domains/sales/models/daily_sales.sql",
                """
                -- Revenue per day and channel. Interval-incremental: each run rebuilds only the
                -- days between @start and @end (the first run: everything).
                select
                    cast(date_trunc('day', ordered_at) as timestamp) as day,
                    channel,
                    count(*)                                         as orders,
                    cast(sum(amount) as decimal(18,2))               as revenue
                from src.orders
                where ordered_at >= @start and ordered_at < @end
                  and status <> 'returned'
                group by all

                """
            ),
            (
                "domains/sales/models/daily_sales.yaml",
                """
                description: Revenue per day and channel, returned orders excluded
                materialized: incremental
                incremental:
                  time_column: day

                """
            ),
            (
                "domains/sales/models/customers.sql",
                """
                -- The current version of every customer.
                select customer_id, name, email, segment, country
                from src.customers

                """
            ),
            (
                "domains/sales/models/customer_history.sql",
                """
                -- Every version of every customer's segment and country (SCD type 2).
                select customer_id, segment, country, updated_at
                from src.customers

                """
            ),
            (
                "domains/sales/models/customer_history.yaml",
                """
                description: Segment and country history of every customer, one row per version
                materialized: snapshot
                snapshot:
                  unique_key: [customer_id]
                  updated_at: updated_at

                """
            ),
            (
                "domains/sales/products/orders.yaml",
                """
                description: Every order of every channel, its latest status
                model: orders
                version: 1.0.0
                tags: [gold]
                schedule: "0 6 * * *"
                sla: {freshness: 24h}
                contract:
                  primary_key: [order_id]
                  columns:
                    - {name: order_id, type: BIGINT, nullable: false, description: Order key, classification: internal}
                    - {name: customer_id, type: BIGINT, nullable: false, description: The customer who ordered, classification: internal}
                    - {name: channel, type: VARCHAR, nullable: false, description: "Where the order was placed: web, app, store, partner, social", classification: internal}
                    - {name: status, type: VARCHAR, nullable: false, description: "placed, shipped or returned", classification: internal}
                    - {name: amount, type: DECIMAL(12,2), description: Order total in EUR, classification: confidential}
                    - {name: ordered_at, type: TIMESTAMP, nullable: false, description: When the order was placed (UTC), classification: internal}
                checks:
                  - unique: order_id
                  - not_null: [customer_id, ordered_at]
                  - accepted_values: {column: status, values: [placed, shipped, returned]}
                  - range: {column: amount, min: 0, max: 1000}
                  - row_count: {min: 1}
                  - freshness: {column: ordered_at, max_age: 2d}
                drift:
                  ignore: [order_id, ordered_at]   # keys and times grow every day by design
                access:
                  readers: [finance, marketing]

                """
            ),
            (
                "domains/sales/products/daily_sales.yaml",
                """
                description: Revenue per day and sales channel, returned orders excluded
                model: daily_sales
                version: 1.0.0
                tags: [gold]
                contract:
                  primary_key: [day, channel]
                  columns:
                    - {name: day, type: TIMESTAMP, nullable: false, description: The UTC day, classification: public}
                    - {name: channel, type: VARCHAR, nullable: false, description: Sales channel, classification: public}
                    - {name: orders, type: BIGINT, nullable: false, description: Orders placed that day, classification: internal}
                    - {name: revenue, type: DECIMAL(18,2), description: Sum of the order amounts in EUR, classification: confidential}
                checks:
                  - not_null: [day, channel]
                  - range: {column: revenue, min: 0}
                access:
                  readers: [finance]

                """
            ),
            (
                "domains/sales/dashboards/revenue.yaml",
                """
                title: Sales revenue
                description: Revenue and orders per day and channel, returned orders excluded.
                readers: [finance]
                parameters:
                  period: {type: date_range, default: last_30_days}
                charts:
                  - title: Revenue
                    sql: "select sum(revenue) as revenue from sales.daily_sales where cast(day as date) between @period.start and @period.end"
                    type: number
                    y: revenue
                    number_format: "0,0 €"
                  - title: Orders per channel
                    sql: "select channel, sum(orders) as orders from sales.daily_sales where cast(day as date) between @period.start and @period.end group by channel"
                    type: bar
                    x: channel
                    y: orders
                    sort: descending
                  - title: Revenue per day and channel
                    sql: "select cast(day as date) as day, channel, sum(revenue) as revenue from sales.daily_sales where cast(day as date) between @period.start and @period.end group by all order by all"
                    type: stacked_bar
                    x: day
                    y: revenue
                    series: channel
                    date_format: "%d %b"
                    y_title: EUR
                    width: 2
                  - title: Per channel
                    sql: "select channel, sum(orders) as orders, sum(revenue) as revenue from sales.daily_sales where cast(day as date) between @period.start and @period.end group by channel order by revenue desc"
                    type: table
                    number_format: "0,0"
                    width: 2

                """
            ),
            (
                "domains/sales/products/customers.yaml",
                """
                description: Every customer, its current segment and country
                model: customers
                version: 1.0.0
                contract:
                  primary_key: [customer_id]
                  columns:
                    - {name: customer_id, type: BIGINT, nullable: false, description: Customer key, classification: internal}
                    - {name: name, type: VARCHAR, description: Full name, classification: pii}
                    - {name: email, type: VARCHAR, description: E-mail address, classification: pii}
                    - {name: segment, type: VARCHAR, nullable: false, description: "consumer, smb or enterprise", classification: internal}
                    - {name: country, type: VARCHAR, description: ISO country code, classification: public}
                checks:
                  - unique: customer_id
                  - accepted_values: {column: segment, values: [consumer, smb, enterprise]}
                  - regex: {column: email, pattern: '^[^@]+@[^@]+$'}
                access:
                  readers: [support, marketing, finance]
                  masks: {name: redact, email: hash}   # other domains never see who the customer is

                """
            ),
            // marketing: campaigns from a JSON export.
            (
                "domains/marketing/domain.yaml",
                """
                owner: marketing-data@acme.example
                description: Campaigns and their budgets, per channel.
                tags: [growth]

                """
            ),
            (
                "domains/marketing/sources/campaigns.yaml",
                """
                description: Campaigns exported by the ad platform as a JSON array
                connector:
                  type: json
                  path: domains/marketing/data/campaigns.json
                load:
                  mode: full
                  primary_key: [campaign_id]
                schema:
                  columns:
                    - {name: campaign_id, type: BIGINT, nullable: false}
                    - {name: name, type: VARCHAR, nullable: false}
                    - {name: channel, type: VARCHAR, nullable: false}
                    - {name: daily_budget, type: DECIMAL(10,2), nullable: false}
                    - {name: status, type: VARCHAR, nullable: false}

                """
            ),
            (
                "domains/marketing/models/campaigns.sql",
                """
                select campaign_id, name, channel, daily_budget, status
                from src.campaigns

                """
            ),
            (
                "domains/marketing/products/campaigns.yaml",
                """
                description: Every campaign, its channel and daily budget
                model: campaigns
                version: 1.0.0
                contract:
                  primary_key: [campaign_id]
                  columns:
                    - {name: campaign_id, type: BIGINT, nullable: false, description: Campaign key, classification: internal}
                    - {name: name, type: VARCHAR, nullable: false, description: Campaign name, classification: internal}
                    - {name: channel, type: VARCHAR, nullable: false, description: The sales channel it promotes, classification: internal}
                    - {name: daily_budget, type: DECIMAL(10,2), nullable: false, description: Spend per day in EUR, classification: confidential}
                    - {name: status, type: VARCHAR, nullable: false, description: "active or paused", classification: internal}
                checks:
                  - unique: campaign_id
                  - accepted_values: {column: status, values: [active, paused]}
                access:
                  readers: [finance]

                """
            ),
            // support: tickets, and a model that reads sales' customers (masked) across domains.
            (
                "domains/support/domain.yaml",
                """
                owner: support-data@acme.example
                description: Customer support tickets and how fast they are answered.
                tags: [service]

                """
            ),
            (
                "domains/support/sources/tickets.yaml",
                """
                description: Tickets exported by the help desk every day
                connector:
                  type: csv
                  path: domains/support/data/tickets_*.csv
                  options: {header: true}
                load:
                  mode: incremental
                  cursor: opened_at
                  primary_key: [ticket_id]
                schema:
                  columns:
                    - {name: ticket_id, type: BIGINT, nullable: false}
                    - {name: customer_id, type: BIGINT, nullable: false}
                    - {name: category, type: VARCHAR, nullable: false}
                    - {name: priority, type: VARCHAR, nullable: false}
                    - {name: status, type: VARCHAR, nullable: false}
                    - {name: first_response_hours, type: DECIMAL(6,2)}
                    - {name: opened_at, type: TIMESTAMP, nullable: false}

                """
            ),
            (
                "domains/support/models/tickets.sql",
                """
                select ticket_id, customer_id, category, priority, status, first_response_hours, opened_at
                from src.tickets

                """
            ),
            (
                "domains/support/models/tickets_by_segment.sql",
                """
                -- Reads another domain's product: sales.customers, with its pii columns masked.
                select c.segment, t.category, count(*) as tickets,
                       avg(t.first_response_hours) as avg_first_response_hours
                from tickets t
                join sales.customers c using (customer_id)
                group by all

                """
            ),
            (
                "domains/support/products/tickets.yaml",
                """
                description: Every support ticket, its category and first response time
                model: tickets
                version: 1.0.0
                contract:
                  primary_key: [ticket_id]
                  columns:
                    - {name: ticket_id, type: BIGINT, nullable: false, description: Ticket key, classification: internal}
                    - {name: customer_id, type: BIGINT, nullable: false, description: The customer who asked, classification: internal}
                    - {name: category, type: VARCHAR, nullable: false, description: "billing, delivery, returns or account", classification: internal}
                    - {name: priority, type: VARCHAR, nullable: false, description: "low, normal or high", classification: internal}
                    - {name: status, type: VARCHAR, nullable: false, description: "open or closed", classification: internal}
                    - {name: first_response_hours, type: DECIMAL(6,2), description: Hours until the first answer, classification: internal}
                    - {name: opened_at, type: TIMESTAMP, nullable: false, description: When the ticket was opened (UTC), classification: internal}
                checks:
                  - unique: ticket_id
                  - accepted_values: {column: priority, values: [low, normal, high]}
                  # The service level is a first answer within two days. It is a warning, not an
                  # error: a slow answer is worth knowing about, not worth blocking the product for.
                  - range: {column: first_response_hours, min: 0, max: 48, severity: warn}
                drift:
                  ignore: [ticket_id, opened_at]   # keys and times grow every day by design

                """
            ),
            // finance: revenue, consuming sales' and marketing's products.
            (
                "domains/finance/domain.yaml",
                """
                owner: finance-data@acme.example
                description: Revenue and the return on marketing spend.
                tags: [finance]
                members: [carla@acme.example]   # a bare name is a reader
                services: [finance_reporting]   # e.g. the BI tool showing finance's dashboards

                """
            ),
            (
                "domains/finance/models/revenue.sql",
                """
                -- Revenue per day and channel (from sales) against the marketing budget of the
                -- channel's active campaigns (from marketing): two other domains' products.
                with spend as (
                    select channel, sum(daily_budget) as daily_spend
                    from marketing.campaigns
                    where status = 'active'
                    group by channel
                )
                select
                    s.day,
                    s.channel,
                    s.orders,
                    s.revenue                                             as amount,
                    cast(coalesce(sp.daily_spend, 0) as decimal(18,2))    as marketing_spend,
                    cast(s.revenue / nullif(sp.daily_spend, 0) as double) as return_on_spend
                from sales.daily_sales s
                left join spend sp using (channel)

                """
            ),
            (
                "domains/finance/products/revenue.yaml",
                """
                description: Revenue per day and channel, with the marketing spend behind it
                model: revenue
                version: 1.0.0
                tags: [gold]
                contract:
                  primary_key: [day, channel]
                  columns:
                    - {name: day, type: TIMESTAMP, nullable: false, description: The UTC day, classification: public}
                    - {name: channel, type: VARCHAR, nullable: false, description: Sales channel, classification: public}
                    - {name: orders, type: BIGINT, nullable: false, description: Orders placed that day, classification: internal}
                    - {name: amount, type: DECIMAL(18,2), description: Revenue in EUR, classification: confidential}
                    - {name: marketing_spend, type: DECIMAL(18,2), description: Daily budget of the channel's active campaigns in EUR, classification: confidential}
                    - {name: return_on_spend, type: DOUBLE, description: Revenue per EUR of marketing spend (NULL without spend), classification: confidential}
                checks:
                  - not_null: [day, channel]
                  - range: {column: amount, min: 0}
                access:
                  readers: []   # finance's own; no other domain consumes it yet

                """
            ),
        ]
    }

    private var tesseraYAML: String {
        """
        # The ACME mesh written by `tessera demo`: four domains that publish data products to each
        # other. Reference: docs/reference/project-files.md in the Tessera repository.
        mesh: \(Self.meshName)
        description: A sample company mesh — sales, marketing, support and finance
        environments: [dev, prod]
        governance:                   # every rule is on by default; shown here to be seen
          require_owner: true
          require_description: true
          require_classification: true
          pii_requires_mask: true
        admins: [root@acme.example]   # reads every product, masked outside its domains

        """
    }
}
