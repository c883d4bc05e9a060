select * from (values
    (1, 'north', 'ada@example.com',   DATE '2026-11-28', 120.50::DOUBLE, 12.34::DECIMAL(10,2), true),
    (2, 'north', 'bob@example.com',   DATE '2026-11-29',  80.00::DOUBLE,  8.00::DECIMAL(10,2), false),
    (3, 'south', 'cy@example.com',    DATE '2026-11-29', 200.25::DOUBLE, 20.03::DECIMAL(10,2), true),
    (4, 'south', 'dee@example.com',   DATE '2026-11-30',  15.75::DOUBLE,  1.58::DECIMAL(10,2), true),
    (5, 'south', 'ed@example.com',    DATE '2026-12-01',  60.00::DOUBLE,  6.00::DECIMAL(10,2), false),
    (6, 'east',  'flo@example.com',   DATE '2026-12-01', 300.00::DOUBLE, 30.00::DECIMAL(10,2), true),
    (7, 'east',  'gus@example.com',   DATE '2026-12-02',  42.10::DOUBLE,  4.21::DECIMAL(10,2), true),
    (8, 'west',  'hal@example.com',   DATE '2026-12-02',   9.99::DOUBLE,  1.00::DECIMAL(10,2), false)
) as t(order_id, region, customer, ordered_on, amount, price, paid)
