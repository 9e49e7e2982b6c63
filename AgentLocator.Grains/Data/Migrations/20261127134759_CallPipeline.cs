using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentLocator.Grains.Data.Migrations
{
    /// <inheritdoc />
    public partial class CallPipeline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "disposition",
                table: "calls",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "in-progress");

            migrationBuilder.AddColumn<Guid>(
                name: "follow_up_task_id",
                table: "calls",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "intent",
                table: "calls",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "lead_json",
                table: "calls",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "processed_at",
                table: "calls",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "reprompted",
                table: "calls",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "summary",
                table: "calls",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "turn_count",
                table: "calls",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "default_agent_id",
                table: "businesses",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "fallback_message",
                table: "businesses",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "greeting_audio_key",
                table: "businesses",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "greeting_text",
                table: "businesses",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reply_prompt",
                table: "businesses",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            // Calls taken before the pipeline existed get the disposition their status and recording imply.
            migrationBuilder.Sql("""
                UPDATE calls SET disposition = CASE
                    WHEN status IN ('busy', 'no-answer', 'failed', 'canceled') THEN 'missed'
                    WHEN status = 'in-progress' THEN 'in-progress'
                    WHEN recording_url IS NOT NULL THEN 'message'
                    ELSE 'no-message' END;
                """);

            migrationBuilder.CreateTable(
                name: "call_turns",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    business_id = table.Column<Guid>(type: "uuid", nullable: false),
                    call_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    recording_sid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    recording_url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    recording_seconds = table.Column<double>(type: "double precision", nullable: true),
                    recording_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    transcript = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    reply = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    spoken_as = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    reply_audio_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    stages_json = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'[]'::jsonb"),
                    hung_up = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_call_turns", x => x.id);
                    table.CheckConstraint("ck_call_turns_state", "state IN ('pending', 'ready', 'silent', 'failed', 'not-configured')");
                    table.ForeignKey(
                        name: "fk_call_turns_businesses_business_id",
                        column: x => x.business_id,
                        principalTable: "businesses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_call_turns_calls_call_id",
                        column: x => x.call_id,
                        principalTable: "calls",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_calls_business_id_disposition_started_at",
                table: "calls",
                columns: new[] { "business_id", "disposition", "started_at" },
                descending: new[] { false, false, true });

            migrationBuilder.CreateIndex(
                name: "ix_calls_follow_up_task_id",
                table: "calls",
                column: "follow_up_task_id");

            migrationBuilder.AddCheckConstraint(
                name: "ck_calls_disposition",
                table: "calls",
                sql: "disposition IN ('in-progress', 'message', 'no-message', 'missed')");

            migrationBuilder.CreateIndex(
                name: "ix_businesses_default_agent_id",
                table: "businesses",
                column: "default_agent_id");

            migrationBuilder.CreateIndex(
                name: "ix_call_turns_business_id",
                table: "call_turns",
                column: "business_id");

            migrationBuilder.CreateIndex(
                name: "ux_call_turns_call_number",
                table: "call_turns",
                columns: new[] { "call_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_call_turns_call_recording",
                table: "call_turns",
                columns: new[] { "call_id", "recording_sid" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_businesses_users_default_agent_id",
                table: "businesses",
                column: "default_agent_id",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "fk_calls_tasks_follow_up_task_id",
                table: "calls",
                column: "follow_up_task_id",
                principalTable: "tasks",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_businesses_users_default_agent_id",
                table: "businesses");

            migrationBuilder.DropForeignKey(
                name: "fk_calls_tasks_follow_up_task_id",
                table: "calls");

            migrationBuilder.DropTable(
                name: "call_turns");

            migrationBuilder.DropIndex(
                name: "ix_calls_business_id_disposition_started_at",
                table: "calls");

            migrationBuilder.DropIndex(
                name: "ix_calls_follow_up_task_id",
                table: "calls");

            migrationBuilder.DropCheckConstraint(
                name: "ck_calls_disposition",
                table: "calls");

            migrationBuilder.DropIndex(
                name: "ix_businesses_default_agent_id",
                table: "businesses");

            migrationBuilder.DropColumn(
                name: "disposition",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "follow_up_task_id",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "intent",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "lead_json",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "processed_at",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "reprompted",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "summary",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "turn_count",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "default_agent_id",
                table: "businesses");

            migrationBuilder.DropColumn(
                name: "fallback_message",
                table: "businesses");

            migrationBuilder.DropColumn(
                name: "greeting_audio_key",
                table: "businesses");

            migrationBuilder.DropColumn(
                name: "greeting_text",
                table: "businesses");

            migrationBuilder.DropColumn(
                name: "reply_prompt",
                table: "businesses");
        }
    }
}
