using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portcullis.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SecurityVersion : Migration
    {
        /// <summary>The tables whose rows belong to one user (<c>user_id</c>) and make up its security state.</summary>
        private static readonly string[] UserTables = ["freezes", "settings_locks", "cooldowns", "trusted_networks", "account_members"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "security_version",
                table: "users",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // A change to a user's protection rows or memberships gives the user a new security version in the same
            // transaction, whoever writes it (SecurityStateCache relies on it). random() is 64 bits: a version is not drawn twice.
            foreach (var table in UserTables)
            {
                migrationBuilder.Sql($"CREATE TRIGGER {table}_security_version_insert AFTER INSERT ON {table} " +
                    "BEGIN UPDATE users SET security_version = random() WHERE id = NEW.user_id; END;");
                migrationBuilder.Sql($"CREATE TRIGGER {table}_security_version_update AFTER UPDATE ON {table} " +
                    "BEGIN UPDATE users SET security_version = random() WHERE id IN (OLD.user_id, NEW.user_id); END;");
                migrationBuilder.Sql($"CREATE TRIGGER {table}_security_version_delete AFTER DELETE ON {table} " +
                    "BEGIN UPDATE users SET security_version = random() WHERE id = OLD.user_id; END;");
            }

            // A membership carries its account's row: a change to the account is a change to every member's memberships.
            migrationBuilder.Sql("CREATE TRIGGER accounts_security_version_update AFTER UPDATE ON accounts " +
                "BEGIN UPDATE users SET security_version = random() WHERE id IN (SELECT user_id FROM account_members WHERE account_id = NEW.id); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS accounts_security_version_update;");
            foreach (var table in UserTables)
            {
                foreach (var operation in new[] { "insert", "update", "delete" })
                {
                    migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_security_version_{operation};");
                }
            }

            migrationBuilder.DropColumn(
                name: "security_version",
                table: "users");
        }
    }
}
