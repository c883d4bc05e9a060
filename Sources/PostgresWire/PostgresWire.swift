// The PostgreSQL wire-protocol client used by the postgres connector (see README in this folder once written).
