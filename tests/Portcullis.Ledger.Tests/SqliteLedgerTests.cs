namespace Portcullis.Ledger.Tests;

public sealed class SqliteLedgerTests(SqliteLedgerStoreFixture store) : LedgerConformance(store), IClassFixture<SqliteLedgerStoreFixture>;
