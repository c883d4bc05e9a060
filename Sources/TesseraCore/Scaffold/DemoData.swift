import DuckDB
import Foundation

/// Generates the demo's data files with DuckDB SQL (`COPY (SELECT … FROM range(n)) TO …`), so no
/// row ever passes through a Swift value and a million orders take about a second.
///
/// Values are deterministic: every "random" choice is `hash(row, salt) % n`, which depends on
/// nothing but the row number (unlike `random()`, whose sequence depends on DuckDB's threads).
/// Only the dates follow the clock: day 1 is yesterday (UTC) and day 2 is today up to now, so
/// that freshness checks pass and the interval-incremental model builds day 2 as a new interval.
public struct DemoData: Sendable {
    /// Orders over both days; half arrive each day.
    public var orders: Int
    public var root: URL
    /// Midnight UTC of today: day 2. Day 1 is the day before.
    public var today: Date

    public var customers: Int { max(100, orders / 20) }
    public var ticketsPerDay: Int { max(50, orders / 100) }
    public var day1Orders: Int { orders / 2 }
    public var day2Orders: Int { orders - orders / 2 }

    public init(orders: Int, root: URL, now: Date = Date()) {
        self.orders = max(10, orders)
        self.root = root
        let seconds = floor(now.timeIntervalSince1970 / 86_400) * 86_400
        today = Date(timeIntervalSince1970: seconds)
    }

    private static func literal(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return "TIMESTAMP '\(formatter.string(from: date))'"
    }

    private var day1: String { Self.literal(today.addingTimeInterval(-86_400)) }
    private var day2: String { Self.literal(today) }

    /// The file at `relative` below the demo's folder, as a SQL string literal.
    private func path(_ relative: String) -> String {
        SQL.literal(root.appendingPathComponent(relative).path)
    }

    /// A connection with the helpers the generating queries share.
    private func connect() throws -> Connection {
        let connection = try Database(path: nil).connect()
        // pick(i, salt, n): a deterministic pseudo-random integer in [0, n).
        _ = try connection.execute("CREATE MACRO pick(i, salt, n) AS CAST(hash(i, salt) % n AS BIGINT)")
        return connection
    }

    /// Day 1 of every data file: the orders and tickets of yesterday, every customer, the campaigns.
    public func writeDay1() throws {
        let c = try connect()
        let orders = dayOneOrders(day1Orders)
        _ = try c.execute(
            "COPY (\(orders) ORDER BY order_id) TO \(path("domains/sales/data/orders_day1.csv")) (HEADER, DELIMITER ',')"
        )
        _ = try c.execute(
            """
            COPY (
              SELECT id AS customer_id,
                     (['Ann','Bob','Chen','Dana','Emre','Femi','Gia','Hugo','Ines','Jon'])[1 + pick(id, 'first', 10)]
                       || ' ' || (['Smith','Garcia','Kim','Novak','Okafor','Rossi','Sato','Weber'])[1 + pick(id, 'last', 8)] AS name,
                     'customer' || id || '@example.com' AS email,
                     (['consumer','consumer','consumer','smb','enterprise'])[1 + pick(id, 'segment', 5)] AS segment,
                     (['DE','FR','NL','ES','IT','PL','SE','US'])[1 + pick(id, 'country', 8)] AS country,
                     \(day1) - to_days(1 + pick(id, 'since', 700)) AS updated_at
              FROM range(1, \(customers + 1)) t(id)
            ) TO \(path("domains/sales/data/customers_day1.csv")) (HEADER, DELIMITER ',')
            """)
        _ = try c.execute(
            "COPY (\(tickets(first: 1, count: ticketsPerDay, day: day1, spanMicros: 86_400_000_000))) TO \(path("domains/support/data/tickets_day1.csv")) (HEADER, DELIMITER ',')"
        )
        _ = try c.execute(
            """
            COPY (
              SELECT id AS campaign_id,
                     (['Spring','Summer','Autumn','Winter','Launch','Loyalty'])[1 + pick(id, 'theme', 6)] || ' ' || id AS name,
                     (['web','app','partner','social'])[1 + (id % 4)] AS channel,
                     CAST(50 + pick(id, 'budget', 45000) / 100.0 AS DECIMAL(10,2)) AS daily_budget,
                     CASE WHEN pick(id, 'status', 4) = 0 THEN 'paused' ELSE 'active' END AS status
              FROM range(1, 25) t(id)
            ) TO \(path("domains/marketing/data/campaigns.json")) (FORMAT json, ARRAY true)
            """)
    }

    /// Day 2: today's new orders (more of them through a new channel, `social`, and larger
    /// amounts: the drift the second run reports), 1% of yesterday's orders returned, 5% of the
    /// customers moved to another segment (new versions in the SCD2 history), today's tickets.
    public func writeDay2(now: Date = Date()) throws {
        let c = try connect()
        // Day 2's times lie in [today 00:00, now): the interval the second run builds.
        let elapsed = max(1_000_000, Int64((now.timeIntervalSince(today) - 1) * 1_000_000))
        let n = day2Orders, first = day1Orders
        _ = try c.execute(
            """
            COPY (
              SELECT \(first) + i + 1 AS order_id,
                     1 + pick(i, 'customer2', \(customers)) AS customer_id,
                     (['web','app','store','partner','social','social'])[1 + pick(i, 'channel2', 6)] AS channel,
                     (['placed','placed','shipped','shipped','returned'])[1 + pick(i, 'status2', 5)] AS status,
                     CAST(5 + pick(i, 'amount2', 40000) / 100.0 AS DECIMAL(12,2)) AS amount,
                     \(day2) + to_microseconds(CAST(i * \(elapsed) // \(n) AS BIGINT)) AS ordered_at,
                     ordered_at AS updated_at
              FROM range(\(n)) t(i)
              UNION ALL
              SELECT * REPLACE ('returned' AS status,
                                \(day2) + to_microseconds(pick(order_id, 'returned_at', \(elapsed))) AS updated_at)
              FROM (\(dayOneOrders(first))) WHERE pick(order_id, 'return', 100) = 0
              ORDER BY order_id
            ) TO \(path("domains/sales/data/orders_day2.csv")) (HEADER, DELIMITER ',')
            """)
        _ = try c.execute(
            """
            COPY (
              SELECT customer_id, name, email,
                     CASE segment WHEN 'consumer' THEN 'smb' ELSE 'enterprise' END AS segment,
                     country,
                     \(day2) + to_microseconds(pick(customer_id, 'moved', \(elapsed))) AS updated_at
              FROM read_csv(\(path("domains/sales/data/customers_day1.csv")), header = true)
              WHERE customer_id % 20 = 0 AND segment <> 'enterprise'
            ) TO \(path("domains/sales/data/customers_day2.csv")) (HEADER, DELIMITER ',')
            """)
        _ = try c.execute(
            "COPY (\(tickets(first: ticketsPerDay + 1, count: ticketsPerDay, day: day2, spanMicros: elapsed))) TO \(path("domains/support/data/tickets_day2.csv")) (HEADER, DELIMITER ',')"
        )
    }

    /// Yesterday's orders as a query: written on day 1, and read again on day 2 for the returns.
    private func dayOneOrders(_ n: Int) -> String {
        """
        SELECT i + 1 AS order_id,
               1 + pick(i, 'customer', \(customers)) AS customer_id,
               (['web','web','app','store','partner'])[1 + pick(i, 'channel', 5)] AS channel,
               (['placed','shipped','shipped','shipped','returned'])[1 + pick(i, 'status', 5)] AS status,
               CAST(5 + pick(i, 'amount', 20000) / 100.0 AS DECIMAL(12,2)) AS amount,
               \(day1) + to_microseconds(CAST(i * 86400000000 // \(n) AS BIGINT)) AS ordered_at,
               ordered_at AS updated_at
        FROM range(\(n)) t(i)
        """
    }

    /// A day's tickets; about a third are answered after more than 48 hours (the warn check).
    private func tickets(first: Int, count: Int, day: String, spanMicros: Int64) -> String {
        """
        SELECT \(first) + i AS ticket_id,
               1 + pick(i + \(first), 'ticket_customer', \(customers)) AS customer_id,
               (['billing','delivery','delivery','returns','account'])[1 + pick(i + \(first), 'category', 5)] AS category,
               (['low','normal','normal','high'])[1 + pick(i + \(first), 'priority', 4)] AS priority,
               CASE WHEN pick(i + \(first), 'open', 10) = 0 THEN 'open' ELSE 'closed' END AS status,
               CAST(pick(i + \(first), 'response', 7200) / 100.0 AS DECIMAL(6,2)) AS first_response_hours,
               \(day) + to_microseconds(CAST(i * \(spanMicros) // \(count) AS BIGINT)) AS opened_at
        FROM range(\(count)) t(i)
        ORDER BY ticket_id
        """
    }
}
