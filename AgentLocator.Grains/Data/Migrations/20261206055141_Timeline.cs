using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentLocator.Grains.Data.Migrations
{
    /// <inheritdoc />
    public partial class Timeline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "text",
                table: "customer_notes",
                type: "character varying(5000)",
                maxLength: 5000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(4000)",
                oldMaxLength: 4000);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "edited_at",
                table: "customer_notes",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "pinned",
                table: "customer_notes",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "timeline_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    business_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    actor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    actor_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    link = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    pinned = table.Column<bool>(type: "boolean", nullable: false),
                    source_id = table.Column<Guid>(type: "uuid", nullable: true),
                    source_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    payload = table.Column<string>(type: "jsonb", nullable: false),
                    search_text = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_timeline_events", x => x.id);
                    table.CheckConstraint("ck_timeline_events_actor_type", "actor_type IN ('agent', 'system', 'caller')");
                });

            migrationBuilder.CreateIndex(
                name: "ix_timeline_events_business",
                table: "timeline_events",
                columns: new[] { "business_id", "occurred_at", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_timeline_events_customer",
                table: "timeline_events",
                columns: new[] { "business_id", "customer_id", "occurred_at", "id" },
                descending: new[] { false, false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_timeline_events_customer_kind",
                table: "timeline_events",
                columns: new[] { "business_id", "customer_id", "kind", "occurred_at", "id" },
                descending: new[] { false, false, false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_timeline_events_pinned",
                table: "timeline_events",
                columns: new[] { "business_id", "customer_id" },
                filter: "pinned");

            migrationBuilder.CreateIndex(
                name: "ix_timeline_events_source",
                table: "timeline_events",
                column: "source_id");

            migrationBuilder.CreateIndex(
                name: "ux_timeline_events_kind_source",
                table: "timeline_events",
                columns: new[] { "kind", "source_key" },
                unique: true,
                filter: "source_key IS NOT NULL");

            // The trigram index for q and the backfill of events for what existed before.
            migrationBuilder.Sql(TimelineSql.Up);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(TimelineSql.Down);

            migrationBuilder.DropTable(
                name: "timeline_events");

            migrationBuilder.DropColumn(
                name: "edited_at",
                table: "customer_notes");

            migrationBuilder.DropColumn(
                name: "pinned",
                table: "customer_notes");

            migrationBuilder.AlterColumn<string>(
                name: "text",
                table: "customer_notes",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(5000)",
                oldMaxLength: 5000);
        }
    }
}
