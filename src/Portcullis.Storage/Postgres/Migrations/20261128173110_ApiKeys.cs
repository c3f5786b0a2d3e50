using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portcullis.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ApiKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    key_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    algorithm = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    public_key = table.Column<byte[]>(type: "bytea", maxLength: 512, nullable: true),
                    secret_ciphertext = table.Column<byte[]>(type: "bytea", maxLength: 256, nullable: true),
                    permissions = table.Column<int>(type: "integer", nullable: false),
                    asset_classes = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    markets = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    symbols = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    order_types = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    max_order_notional = table.Column<decimal>(type: "numeric(28,8)", precision: 28, scale: 8, nullable: true),
                    max_daily_notional = table.Column<decimal>(type: "numeric(28,8)", precision: 28, scale: 8, nullable: true),
                    max_orders_per_minute = table.Column<int>(type: "integer", nullable: true),
                    ip_allowlist = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    trade_lapses_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revoked_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    predecessor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    successor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    last_used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_used_ip = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    request_count = table.Column<long>(type: "bigint", nullable: false),
                    denial_count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_keys", x => x.id);
                    table.ForeignKey(
                        name: "FK_api_keys_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "seen_nonces",
                columns: table => new
                {
                    scope = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    nonce = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_seen_nonces", x => new { x.scope, x.nonce });
                });

            migrationBuilder.CreateIndex(
                name: "IX_api_keys_key_id",
                table: "api_keys",
                column: "key_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_api_keys_user_id",
                table: "api_keys",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_seen_nonces_expires_at",
                table: "seen_nonces",
                column: "expires_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "seen_nonces");
        }
    }
}
