using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portcullis.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SecondFactors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "otp_last_step",
                table: "users",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "factor_enrollment_required",
                table: "sessions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "class",
                table: "session_authentications",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "device_bound",
                table: "session_authentications",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "factor_id",
                table: "session_authentications",
                type: "uuid",
                nullable: true);

            migrationBuilder.AlterColumn<byte[]>(
                name: "token_hash",
                table: "devices",
                type: "bytea",
                maxLength: 32,
                nullable: true,
                oldClrType: typeof(byte[]),
                oldType: "bytea",
                oldMaxLength: 32);

            migrationBuilder.AddColumn<string>(
                name: "platform",
                table: "devices",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "trust",
                table: "devices",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "factors",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    activated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    removed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    device_id = table.Column<Guid>(type: "uuid", nullable: true),
                    secret_ciphertext = table.Column<byte[]>(type: "bytea", maxLength: 256, nullable: true),
                    credential_id = table.Column<byte[]>(type: "bytea", maxLength: 1024, nullable: true),
                    public_key = table.Column<byte[]>(type: "bytea", maxLength: 1024, nullable: true),
                    sign_count = table.Column<long>(type: "bigint", nullable: false),
                    aa_guid = table.Column<Guid>(type: "uuid", nullable: true),
                    backup_eligible = table.Column<bool>(type: "boolean", nullable: false),
                    transports = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    attestation_format = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    phone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_factors", x => x.id);
                    table.ForeignKey(
                        name: "FK_factors_devices_device_id",
                        column: x => x.device_id,
                        principalTable: "devices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_factors_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "notification_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    severity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    summary = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    data = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notification_events", x => x.id);
                    table.ForeignKey(
                        name: "FK_notification_events_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "pending_challenges",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    session_id = table.Column<Guid>(type: "uuid", nullable: true),
                    purpose = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    lookup_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: true),
                    data = table.Column<string>(type: "text", nullable: true),
                    factor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    consumed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pending_challenges", x => x.id);
                    table.ForeignKey(
                        name: "FK_pending_challenges_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "recovery_codes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    lookup = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    hash = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recovery_codes", x => x.id);
                    table.ForeignKey(
                        name: "FK_recovery_codes_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "signin_flows",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    handle_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    purpose = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    session_id = table.Column<Guid>(type: "uuid", nullable: true),
                    state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    client = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    device_id = table.Column<Guid>(type: "uuid", nullable: true),
                    device_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ip = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    user_agent = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    password_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    failures = table.Column<int>(type: "integer", nullable: false),
                    challenge_kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    challenge_data = table.Column<string>(type: "text", nullable: true),
                    challenge_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_signin_flows", x => x.id);
                    table.ForeignKey(
                        name: "FK_signin_flows_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "push_challenges",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    factor_id = table.Column<Guid>(type: "uuid", nullable: false),
                    device_id = table.Column<Guid>(type: "uuid", nullable: false),
                    flow_id = table.Column<Guid>(type: "uuid", nullable: true),
                    number = table.Column<int>(type: "integer", nullable: false),
                    choices = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    nonce = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    summary = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    request_ip = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    request_device = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    location = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_push_challenges", x => x.id);
                    table.ForeignKey(
                        name: "FK_push_challenges_factors_factor_id",
                        column: x => x.factor_id,
                        principalTable: "factors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_factors_credential_id",
                table: "factors",
                column: "credential_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_factors_device_id",
                table: "factors",
                column: "device_id");

            migrationBuilder.CreateIndex(
                name: "IX_factors_user_id_status",
                table: "factors",
                columns: new[] { "user_id", "status" });

            migrationBuilder.CreateIndex(
                name: "IX_notification_events_user_id_created_at",
                table: "notification_events",
                columns: new[] { "user_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_pending_challenges_expires_at",
                table: "pending_challenges",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "IX_pending_challenges_lookup_hash",
                table: "pending_challenges",
                column: "lookup_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_pending_challenges_user_id",
                table: "pending_challenges",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_push_challenges_device_id_status",
                table: "push_challenges",
                columns: new[] { "device_id", "status" });

            migrationBuilder.CreateIndex(
                name: "IX_push_challenges_factor_id",
                table: "push_challenges",
                column: "factor_id");

            migrationBuilder.CreateIndex(
                name: "IX_push_challenges_user_id_status",
                table: "push_challenges",
                columns: new[] { "user_id", "status" });

            migrationBuilder.CreateIndex(
                name: "IX_recovery_codes_user_id_used_at",
                table: "recovery_codes",
                columns: new[] { "user_id", "used_at" });

            migrationBuilder.CreateIndex(
                name: "IX_signin_flows_expires_at",
                table: "signin_flows",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "IX_signin_flows_handle_hash",
                table: "signin_flows",
                column: "handle_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_signin_flows_user_id",
                table: "signin_flows",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "notification_events");

            migrationBuilder.DropTable(
                name: "pending_challenges");

            migrationBuilder.DropTable(
                name: "push_challenges");

            migrationBuilder.DropTable(
                name: "recovery_codes");

            migrationBuilder.DropTable(
                name: "signin_flows");

            migrationBuilder.DropTable(
                name: "factors");

            migrationBuilder.DropColumn(
                name: "otp_last_step",
                table: "users");

            migrationBuilder.DropColumn(
                name: "factor_enrollment_required",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "class",
                table: "session_authentications");

            migrationBuilder.DropColumn(
                name: "device_bound",
                table: "session_authentications");

            migrationBuilder.DropColumn(
                name: "factor_id",
                table: "session_authentications");

            migrationBuilder.DropColumn(
                name: "platform",
                table: "devices");

            migrationBuilder.DropColumn(
                name: "trust",
                table: "devices");

            migrationBuilder.AlterColumn<byte[]>(
                name: "token_hash",
                table: "devices",
                type: "bytea",
                maxLength: 32,
                nullable: false,
                defaultValue: new byte[0],
                oldClrType: typeof(byte[]),
                oldType: "bytea",
                oldMaxLength: 32,
                oldNullable: true);
        }
    }
}
