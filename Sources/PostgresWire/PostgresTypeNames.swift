/// Names of PostgreSQL's built-in types by OID. These OIDs are fixed in the server's catalog
/// (`pg_type.dat`), so a table suffices and no round trip to `pg_type` is needed.
public enum PostgresTypeNames {
    public static func name(for oid: UInt32) -> String? {
        if let name = base[oid] { return name }
        if let element = arrays[oid], let name = base[element] { return "_" + name }
        return nil
    }

    private static let base: [UInt32: String] = [
        16: "bool", 17: "bytea", 18: "char", 19: "name", 20: "int8", 21: "int2", 23: "int4", 24: "regproc",
        25: "text", 26: "oid", 27: "tid", 28: "xid", 29: "cid", 114: "json", 142: "xml", 600: "point",
        601: "lseg", 602: "path", 603: "box", 604: "polygon", 628: "line", 650: "cidr", 700: "float4",
        701: "float8", 718: "circle", 774: "macaddr8", 790: "money", 829: "macaddr", 869: "inet",
        1042: "bpchar", 1043: "varchar", 1082: "date", 1083: "time", 1114: "timestamp", 1184: "timestamptz",
        1186: "interval", 1266: "timetz", 1560: "bit", 1562: "varbit", 1700: "numeric", 2205: "regclass",
        2206: "regtype", 2249: "record", 2275: "cstring", 2950: "uuid", 3220: "pg_lsn", 3614: "tsvector",
        3615: "tsquery", 3802: "jsonb", 3904: "int4range", 3906: "numrange", 3908: "tsrange",
        3910: "tstzrange", 3912: "daterange", 3926: "int8range", 4072: "jsonpath", 705: "unknown",
    ]

    /// Array type OID → element type OID.
    private static let arrays: [UInt32: UInt32] = [
        1000: 16, 1001: 17, 1002: 18, 1003: 19, 1016: 20, 1005: 21, 1007: 23, 1009: 25, 1028: 26,
        199: 114, 143: 142, 1021: 700, 1022: 701, 1014: 1042, 1015: 1043, 1182: 1082, 1183: 1083,
        1115: 1114, 1185: 1184, 1187: 1186, 1270: 1266, 1231: 1700, 2951: 2950, 3807: 3802,
        1041: 869, 651: 650, 1040: 829, 791: 790,
    ]
}
