using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portcullis.Storage.Postgres.Migrations
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
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // A change to a user's protection rows or memberships gives the user a new security version in the same
            // transaction, whoever writes it (SecurityStateCache relies on it). A sequence never hands out a value twice, even
            // to a transaction that rolls back.
            migrationBuilder.Sql("CREATE SEQUENCE security_version_seq;");
            migrationBuilder.Sql("""
                CREATE FUNCTION bump_user_security_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP <> 'INSERT' THEN
                        UPDATE users SET security_version = nextval('security_version_seq') WHERE id = OLD.user_id;
                    END IF;
                    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.user_id IS DISTINCT FROM OLD.user_id) THEN
                        UPDATE users SET security_version = nextval('security_version_seq') WHERE id = NEW.user_id;
                    END IF;
                    RETURN NULL;
                END $$;
                """);
            foreach (var table in UserTables)
            {
                migrationBuilder.Sql($"CREATE TRIGGER {table}_security_version AFTER INSERT OR UPDATE OR DELETE ON {table} " +
                    "FOR EACH ROW EXECUTE FUNCTION bump_user_security_version();");
            }

            // A membership carries its account's row: a change to the account is a change to every member's memberships.
            migrationBuilder.Sql("""
                CREATE FUNCTION bump_account_members_security_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE users SET security_version = nextval('security_version_seq')
                    WHERE id IN (SELECT user_id FROM account_members WHERE account_id = NEW.id);
                    RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("CREATE TRIGGER accounts_security_version AFTER UPDATE ON accounts " +
                "FOR EACH ROW EXECUTE FUNCTION bump_account_members_security_version();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS accounts_security_version ON accounts;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS bump_account_members_security_version();");
            foreach (var table in UserTables)
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_security_version ON {table};");
            }

            migrationBuilder.Sql("DROP FUNCTION IF EXISTS bump_user_security_version();");
            migrationBuilder.Sql("DROP SEQUENCE IF EXISTS security_version_seq;");
            migrationBuilder.DropColumn(
                name: "security_version",
                table: "users");
        }
    }
}
