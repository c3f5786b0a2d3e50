using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portcullis.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class HeldOperations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "held_operation_id",
                table: "push_challenges",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "held_operations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    operation = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    initiator_kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    initiator_ref = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    payload_json = table.Column<string>(type: "character varying(8192)", maxLength: 8192, nullable: false),
                    summary = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    rule = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    tier = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    source_ip = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    number = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    executed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    push_challenge_id = table.Column<Guid>(type: "uuid", nullable: true),
                    result_json = table.Column<string>(type: "character varying(8192)", maxLength: 8192, nullable: true),
                    error_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_held_operations", x => x.id);
                    table.ForeignKey(
                        name: "FK_held_operations_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_push_challenges_held_operation_id",
                table: "push_challenges",
                column: "held_operation_id");

            migrationBuilder.CreateIndex(
                name: "IX_held_operations_user_id_status",
                table: "held_operations",
                columns: new[] { "user_id", "status" });

            migrationBuilder.AddForeignKey(
                name: "FK_push_challenges_held_operations_held_operation_id",
                table: "push_challenges",
                column: "held_operation_id",
                principalTable: "held_operations",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_push_challenges_held_operations_held_operation_id",
                table: "push_challenges");

            migrationBuilder.DropTable(
                name: "held_operations");

            migrationBuilder.DropIndex(
                name: "IX_push_challenges_held_operation_id",
                table: "push_challenges");

            migrationBuilder.DropColumn(
                name: "held_operation_id",
                table: "push_challenges");
        }
    }
}
