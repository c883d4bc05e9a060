import DuckDB

/// The emulation's `pg_catalog` and `information_schema`: DuckDB's own catalog views filtered to
/// the readable relations (its `main` schema holds these definitions and is hidden), empty
/// tables for what a read-only endpoint has none of (policies, publications, triggers,
/// inheritance …) so that clients' queries of them find nothing rather than fail, the one role,
/// the one database (the one signed in to: DuckDB's own list also has `system`, `temp` and
/// `memory`, which a BI tool would offer as catalogs and try to connect to), and the functions
/// psql and drivers call that DuckDB lacks.
enum CatalogDefinitions {
    static func sql(user: String) -> String {
        template.replacingOccurrences(of: "'@USER@'", with: SQL.literal(user))
    }

    static let template = """
            CREATE VIEW pg_namespace AS SELECT * FROM system.pg_catalog.pg_namespace WHERE nspname NOT IN ('main', 'temp', '_information_schema');
            CREATE VIEW pg_class AS SELECT c.*, false AS relforcerowsecurity FROM system.pg_catalog.pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace;
            CREATE VIEW pg_tables AS SELECT t.* FROM system.pg_catalog.pg_tables t WHERE t.schemaname NOT IN ('main', 'temp', '_information_schema');
            CREATE VIEW pg_collation AS SELECT oid, collname, (SELECT oid FROM system.pg_catalog.pg_namespace WHERE nspname = 'pg_catalog' LIMIT 1) AS collnamespace, 10::BIGINT AS collowner, 'd' AS collprovider, true AS collisdeterministic, -1 AS collencoding, NULL::VARCHAR AS collcollate, NULL::VARCHAR AS collctype FROM system.pg_catalog.pg_collation;
            CREATE VIEW pg_views AS SELECT * FROM system.pg_catalog.pg_views WHERE false;
            CREATE VIEW pg_database AS SELECT d.oid, d.datname, 10::BIGINT AS datdba, 6 AS encoding, 'c' AS datlocprovider, false AS datistemplate, true AS datallowconn, -1 AS datconnlimit, 'C' AS datcollate, 'C' AS datctype, NULL::VARCHAR AS daticulocale, NULL::VARCHAR[] AS datacl FROM system.pg_catalog.pg_database d WHERE d.datname = current_database();
            CREATE TABLE pg_roles (oid BIGINT, rolname VARCHAR, rolsuper BOOLEAN, rolinherit BOOLEAN, rolcreaterole BOOLEAN, rolcreatedb BOOLEAN, rolcanlogin BOOLEAN, rolreplication BOOLEAN, rolconnlimit INTEGER, rolpassword VARCHAR, rolvaliduntil TIMESTAMPTZ, rolbypassrls BOOLEAN, rolconfig VARCHAR[]);
            INSERT INTO pg_roles VALUES (10, '@USER@', false, true, false, false, true, false, -1, '********', NULL, false, NULL);
            CREATE VIEW pg_user AS SELECT rolname AS usename, oid AS usesysid, rolcreatedb AS usecreatedb, rolsuper AS usesuper, false AS userepl, false AS usebypassrls, '********' AS passwd, rolvaliduntil AS valuntil, rolconfig AS useconfig FROM pg_roles;
            CREATE TABLE pg_inherits (inhrelid BIGINT, inhparent BIGINT, inhseqno INTEGER, inhdetachpending BOOLEAN);
            CREATE TABLE pg_policy (oid BIGINT, polname VARCHAR, polrelid BIGINT, polcmd VARCHAR, polpermissive BOOLEAN, polroles BIGINT[], polqual VARCHAR, polwithcheck VARCHAR);
            CREATE TABLE pg_statistic_ext (oid BIGINT, stxrelid BIGINT, stxname VARCHAR, stxnamespace BIGINT, stxowner BIGINT, stxstattarget INTEGER, stxkeys INTEGER[], stxkind VARCHAR[], stxexprs VARCHAR);
            CREATE TABLE pg_publication (oid BIGINT, pubname VARCHAR, pubowner BIGINT, puballtables BOOLEAN, pubinsert BOOLEAN, pubupdate BOOLEAN, pubdelete BOOLEAN, pubtruncate BOOLEAN, pubviaroot BOOLEAN);
            CREATE TABLE pg_publication_rel (oid BIGINT, prpubid BIGINT, prrelid BIGINT, prqual VARCHAR, prattrs INTEGER[]);
            CREATE TABLE pg_publication_namespace (oid BIGINT, pnpubid BIGINT, pnnspid BIGINT);
            CREATE TABLE pg_trigger (oid BIGINT, tgrelid BIGINT, tgparentid BIGINT, tgname VARCHAR, tgfoid BIGINT, tgtype INTEGER, tgenabled VARCHAR, tgisinternal BOOLEAN, tgconstraint BIGINT);
            CREATE TABLE pg_rewrite (oid BIGINT, rulename VARCHAR, ev_class BIGINT, ev_type VARCHAR, ev_enabled VARCHAR, is_instead BOOLEAN);
            CREATE TABLE pg_foreign_table (ftrelid BIGINT, ftserver BIGINT, ftoptions VARCHAR[]);
            CREATE TABLE pg_partitioned_table (partrelid BIGINT, partstrat VARCHAR, partnatts INTEGER);
            CREATE TABLE pg_extension (oid BIGINT, extname VARCHAR, extowner BIGINT, extnamespace BIGINT, extrelocatable BOOLEAN, extversion VARCHAR);
            CREATE TABLE pg_auth_members (roleid BIGINT, member BIGINT, grantor BIGINT, admin_option BOOLEAN);
            CREATE TABLE pg_event_trigger (oid BIGINT, evtname VARCHAR, evtevent VARCHAR, evtowner BIGINT, evtfoid BIGINT, evtenabled VARCHAR);
            CREATE TABLE pg_matviews (schemaname VARCHAR, matviewname VARCHAR, matviewowner VARCHAR, definition VARCHAR);
            CREATE TABLE pg_stat_activity (datid BIGINT, datname VARCHAR, pid INTEGER, usename VARCHAR, application_name VARCHAR, state VARCHAR, query VARCHAR);
            CREATE MACRO pg_get_userbyid(id) AS '@USER@';
            CREATE MACRO pg_encoding_to_char(id) AS 'UTF8';
            CREATE MACRO format_type(type_oid, type_modifier) AS CASE type_oid WHEN 16 THEN 'boolean' WHEN 17 THEN 'bytea' WHEN 20 THEN 'bigint' WHEN 21 THEN 'smallint' WHEN 23 THEN 'integer' WHEN 25 THEN 'text' WHEN 700 THEN 'real' WHEN 701 THEN 'double precision' WHEN 1043 THEN 'character varying' WHEN 1082 THEN 'date' WHEN 1083 THEN 'time without time zone' WHEN 1114 THEN 'timestamp without time zone' WHEN 1184 THEN 'timestamp with time zone' WHEN 1186 THEN 'interval' WHEN 1266 THEN 'time with time zone' WHEN 2950 THEN 'uuid' WHEN 1700 THEN CASE WHEN type_modifier > 4 THEN 'numeric(' || ((type_modifier - 4) >> 16) || ',' || ((type_modifier - 4) & 65535) || ')' ELSE 'numeric' END ELSE (SELECT typname FROM system.pg_catalog.pg_type WHERE oid = type_oid LIMIT 1) END;
            CREATE MACRO _pg_type_oid(duckdb_type) AS CASE duckdb_type WHEN 10 THEN 16 WHEN 11 THEN 21 WHEN 12 THEN 21 WHEN 13 THEN 23 WHEN 14 THEN 20 WHEN 15 THEN 1082 WHEN 16 THEN 1083 WHEN 17 THEN 1114 WHEN 18 THEN 1114 WHEN 19 THEN 1114 WHEN 20 THEN 1114 WHEN 21 THEN 1700 WHEN 22 THEN 700 WHEN 23 THEN 701 WHEN 25 THEN 1043 WHEN 26 THEN 17 WHEN 27 THEN 1186 WHEN 28 THEN 21 WHEN 29 THEN 23 WHEN 30 THEN 20 WHEN 31 THEN 1700 WHEN 32 THEN 1184 WHEN 34 THEN 1266 WHEN 50 THEN 1700 WHEN 49 THEN 1700 WHEN 54 THEN 2950 ELSE 25 END;
            CREATE VIEW pg_attribute AS SELECT a.* REPLACE (_pg_type_oid(a.atttypid) AS atttypid, CASE WHEN a.atttypid = 21 THEN ((a.atttypmod // 1000) << 16 | (a.atttypmod % 1000)) + 4 ELSE a.atttypmod END AS atttypmod) FROM system.pg_catalog.pg_attribute a;
            CREATE MACRO pg_get_expr(expression, relation, pretty := false) AS NULL;
            CREATE MACRO array_upper(list, dimension) AS len(list);
            CREATE MACRO pg_get_serial_sequence(relation, column_name) AS NULL;
            CREATE MACRO to_regtype(name) AS (SELECT oid FROM system.pg_catalog.pg_type WHERE typname = name LIMIT 1);
            CREATE MACRO to_regclass(name) AS (SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname || '.' || c.relname = name OR c.relname = name LIMIT 1);
            CREATE TABLE pg_sequence (seqrelid BIGINT, seqtypid BIGINT, seqstart BIGINT, seqincrement BIGINT, seqmax BIGINT, seqmin BIGINT, seqcache BIGINT, seqcycle BOOLEAN);
            CREATE MACRO array_lower(list, dimension) AS 1;
            CREATE MACRO pg_get_function_identity_arguments(id) AS '';
            CREATE MACRO pg_get_statisticsobjdef_columns(id) AS '';
            CREATE MACRO pg_relation_is_publishable(id) AS false;
            CREATE MACRO pg_get_partkeydef(id) AS NULL;
            CREATE MACRO pg_get_viewdef(id, pretty := true) AS NULL;
            CREATE MACRO pg_total_relation_size(id) AS 0;
            CREATE MACRO pg_relation_size(id) AS 0;
            CREATE MACRO pg_backend_pid() AS 0;
            CREATE MACRO txid_current() AS 0;
            CREATE MACRO pg_is_in_recovery() AS false;
            CREATE MACRO quote_ident(name) AS '"' || replace(name, '"', '""') || '"';
            CREATE MACRO current_user() AS '@USER@';
            CREATE MACRO version() AS 'PostgreSQL 15.6 (Tessera) on x86_64-pc-linux-gnu, 64-bit';
            CREATE TABLE _search_path (position INTEGER, schema VARCHAR);
            CREATE MACRO current_schema() AS (SELECT schema FROM _search_path ORDER BY position LIMIT 1);
            CREATE MACRO current_schemas(implicit) AS (CASE WHEN implicit THEN ['pg_catalog'] ELSE []::VARCHAR[] END) || (SELECT coalesce(list(schema ORDER BY position), []::VARCHAR[]) FROM _search_path);
            CREATE SCHEMA IF NOT EXISTS public;
            CREATE SCHEMA _information_schema;
            CREATE VIEW _information_schema.schemata AS SELECT * FROM system.information_schema.schemata WHERE schema_name NOT IN ('main', 'temp', '_information_schema') AND catalog_name = current_database();
            CREATE VIEW _information_schema.tables AS SELECT * FROM system.information_schema.tables WHERE table_schema NOT IN ('main', 'temp', '_information_schema') AND table_catalog = current_database();
            CREATE VIEW _information_schema.columns AS SELECT * FROM system.information_schema.columns WHERE table_schema NOT IN ('main', 'temp', '_information_schema') AND table_catalog = current_database();
            CREATE VIEW _information_schema.views AS SELECT * FROM system.information_schema.views WHERE false;
            CREATE VIEW _information_schema.table_constraints AS SELECT * FROM system.information_schema.table_constraints WHERE false;
            CREATE VIEW _information_schema.key_column_usage AS SELECT * FROM system.information_schema.key_column_usage WHERE false;
            CREATE VIEW _information_schema.referential_constraints AS SELECT * FROM system.information_schema.referential_constraints WHERE false;
        """
}
