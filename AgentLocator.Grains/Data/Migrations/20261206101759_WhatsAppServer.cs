using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentLocator.Grains.Data.Migrations
{
    /// <inheritdoc />
    public partial class WhatsAppServer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "transcript",
                table: "whatsapp_messages",
                type: "character varying(8192)",
                maxLength: 8192,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "whatsapp_templates",
                table: "businesses",
                type: "jsonb",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "whatsapp_media_jobs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    business_id = table.Column<Guid>(type: "uuid", nullable: false),
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    state = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false, defaultValue: "pending"),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    claimed_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    claim_token = table.Column<Guid>(type: "uuid", nullable: true),
                    last_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_whatsapp_media_jobs", x => x.id);
                    table.CheckConstraint("ck_whatsapp_media_jobs_state", "state IN ('pending', 'done', 'failed')");
                    table.ForeignKey(
                        name: "fk_whatsapp_media_jobs_whats_app_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "whatsapp_messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_whatsapp_media_jobs_message_id",
                table: "whatsapp_media_jobs",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_whatsapp_media_jobs_pending",
                table: "whatsapp_media_jobs",
                column: "next_attempt_at",
                filter: "state = 'pending'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "whatsapp_media_jobs");

            migrationBuilder.DropColumn(
                name: "transcript",
                table: "whatsapp_messages");

            migrationBuilder.DropColumn(
                name: "whatsapp_templates",
                table: "businesses");
        }
    }
}
