"""The columnar input stage: transactions read, checked, credited and added up in a columnar
engine (DuckDB in-process by default, Spark beyond one machine), written once against Ibis."""
