// Ingestion: connectors and the load pipeline of SPEC §4.
