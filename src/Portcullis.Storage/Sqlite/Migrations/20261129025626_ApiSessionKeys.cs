using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portcullis.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ApiSessionKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "api_session_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    key_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    api_key_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    secret_ciphertext = table.Column<byte[]>(type: "BLOB", maxLength: 256, nullable: false),
                    bound_ip = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    revoked_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_session_keys", x => x.id);
                    table.ForeignKey(
                        name: "FK_api_session_keys_api_keys_api_key_id",
                        column: x => x.api_key_id,
                        principalTable: "api_keys",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_api_session_keys_api_key_id",
                table: "api_session_keys",
                column: "api_key_id");

            migrationBuilder.CreateIndex(
                name: "IX_api_session_keys_key_id",
                table: "api_session_keys",
                column: "key_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_session_keys");
        }
    }
}
