using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portcullis.Ledger.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ledger_accounts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    base_currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    legal_entity = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    jurisdiction = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    margin_mode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    leverage = table.Column<decimal>(type: "numeric(28,10)", precision: 28, scale: 10, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_accounts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_counters",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_counters", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "ledger_instruments",
                columns: table => new
                {
                    symbol = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    asset_class = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    market = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    lot_size = table.Column<decimal>(type: "numeric(28,10)", precision: 28, scale: 10, nullable: false),
                    tick_size = table.Column<decimal>(type: "numeric(28,10)", precision: 28, scale: 10, nullable: false),
                    multiplier = table.Column<decimal>(type: "numeric(28,10)", precision: 28, scale: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_instruments", x => x.symbol);
                });

            migrationBuilder.CreateTable(
                name: "ledger_balances",
                columns: table => new
                {
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    asset = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(28,10)", precision: 28, scale: 10, nullable: false),
                    cost_basis = table.Column<decimal>(type: "numeric(28,10)", precision: 28, scale: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_balances", x => new { x.account_id, x.kind, x.asset });
                    table.ForeignKey(
                        name: "FK_ledger_balances_ledger_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "ledger_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ledger_destinations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    bank_account = table.Column<string>(type: "character varying(34)", maxLength: 34, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    usable_from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    removed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_destinations", x => x.id);
                    table.ForeignKey(
                        name: "FK_ledger_destinations_ledger_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "ledger_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ledger_journal_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    posted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_journal_entries", x => x.id);
                    table.ForeignKey(
                        name: "FK_ledger_journal_entries_ledger_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "ledger_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ledger_orders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    symbol = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    side = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    time_in_force = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    quantity = table.Column<decimal>(type: "numeric(28,10)", precision: 28, scale: 10, nullable: false),
                    limit_price = table.Column<decimal>(type: "numeric(28,10)", precision: 28, scale: 10, nullable: true),
                    stop_price = table.Column<decimal>(type: "numeric(28,10)", precision: 28, scale: 10, nullable: true),
                    stop_triggered = table.Column<bool>(type: "boolean", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    reject_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    fill_price = table.Column<decimal>(type: "numeric(28,10)", precision: 28, scale: 10, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    replaces_order_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_orders", x => x.id);
                    table.ForeignKey(
                        name: "FK_ledger_orders_ledger_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "ledger_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ledger_orders_ledger_instruments_symbol",
                        column: x => x.symbol,
                        principalTable: "ledger_instruments",
                        principalColumn: "symbol",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ledger_journal_lines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    entry_id = table.Column<Guid>(type: "uuid", nullable: false),
                    line_no = table.Column<int>(type: "integer", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: true),
                    book = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    asset = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(28,10)", precision: 28, scale: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_journal_lines", x => x.id);
                    table.ForeignKey(
                        name: "FK_ledger_journal_lines_ledger_journal_entries_entry_id",
                        column: x => x.entry_id,
                        principalTable: "ledger_journal_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ledger_withdrawals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    destination_id = table.Column<Guid>(type: "uuid", nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(28,10)", precision: 28, scale: 10, nullable: false),
                    amount_in_base = table.Column<decimal>(type: "numeric(28,10)", precision: 28, scale: 10, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    journal_entry_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_withdrawals", x => x.id);
                    table.ForeignKey(
                        name: "FK_ledger_withdrawals_ledger_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "ledger_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ledger_withdrawals_ledger_destinations_destination_id",
                        column: x => x.destination_id,
                        principalTable: "ledger_destinations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ledger_withdrawals_ledger_journal_entries_journal_entry_id",
                        column: x => x.journal_entry_id,
                        principalTable: "ledger_journal_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ledger_fills",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    symbol = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    side = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    quantity = table.Column<decimal>(type: "numeric(28,10)", precision: 28, scale: 10, nullable: false),
                    price = table.Column<decimal>(type: "numeric(28,10)", precision: 28, scale: 10, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    notional = table.Column<decimal>(type: "numeric(28,10)", precision: 28, scale: 10, nullable: false),
                    executed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    journal_entry_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_fills", x => x.sequence);
                    table.ForeignKey(
                        name: "FK_ledger_fills_ledger_journal_entries_journal_entry_id",
                        column: x => x.journal_entry_id,
                        principalTable: "ledger_journal_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ledger_fills_ledger_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "ledger_orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "ledger_counters",
                columns: new[] { "name", "value" },
                values: new object[] { "fills", 0L });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_destinations_account_id",
                table: "ledger_destinations",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "IX_ledger_fills_account_id_sequence",
                table: "ledger_fills",
                columns: new[] { "account_id", "sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_fills_id",
                table: "ledger_fills",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ledger_fills_journal_entry_id",
                table: "ledger_fills",
                column: "journal_entry_id");

            migrationBuilder.CreateIndex(
                name: "IX_ledger_fills_order_id",
                table: "ledger_fills",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "IX_ledger_journal_entries_account_id_posted_at",
                table: "ledger_journal_entries",
                columns: new[] { "account_id", "posted_at" });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_journal_entries_reference",
                table: "ledger_journal_entries",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ledger_journal_lines_account_id",
                table: "ledger_journal_lines",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "IX_ledger_journal_lines_entry_id_line_no",
                table: "ledger_journal_lines",
                columns: new[] { "entry_id", "line_no" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ledger_orders_account_id_created_at",
                table: "ledger_orders",
                columns: new[] { "account_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_orders_account_id_idempotency_key",
                table: "ledger_orders",
                columns: new[] { "account_id", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ledger_orders_status",
                table: "ledger_orders",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "IX_ledger_orders_symbol",
                table: "ledger_orders",
                column: "symbol");

            migrationBuilder.CreateIndex(
                name: "IX_ledger_withdrawals_account_id_idempotency_key",
                table: "ledger_withdrawals",
                columns: new[] { "account_id", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ledger_withdrawals_account_id_requested_at",
                table: "ledger_withdrawals",
                columns: new[] { "account_id", "requested_at" });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_withdrawals_destination_id",
                table: "ledger_withdrawals",
                column: "destination_id");

            migrationBuilder.CreateIndex(
                name: "IX_ledger_withdrawals_journal_entry_id",
                table: "ledger_withdrawals",
                column: "journal_entry_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ledger_balances");

            migrationBuilder.DropTable(
                name: "ledger_counters");

            migrationBuilder.DropTable(
                name: "ledger_fills");

            migrationBuilder.DropTable(
                name: "ledger_journal_lines");

            migrationBuilder.DropTable(
                name: "ledger_withdrawals");

            migrationBuilder.DropTable(
                name: "ledger_orders");

            migrationBuilder.DropTable(
                name: "ledger_destinations");

            migrationBuilder.DropTable(
                name: "ledger_journal_entries");

            migrationBuilder.DropTable(
                name: "ledger_instruments");

            migrationBuilder.DropTable(
                name: "ledger_accounts");
        }
    }
}
