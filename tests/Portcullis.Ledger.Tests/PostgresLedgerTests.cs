namespace Portcullis.Ledger.Tests;

/// <summary>The same suite on PostgreSQL; skipped (with the reason) unless <c>PORTCULLIS_TEST_POSTGRES</c> is set.</summary>
public sealed class PostgresLedgerTests(PostgresLedgerStoreFixture store) : LedgerConformance(store), IClassFixture<PostgresLedgerStoreFixture>;
