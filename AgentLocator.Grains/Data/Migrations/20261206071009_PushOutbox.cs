using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentLocator.Grains.Data.Migrations
{
    /// <inheritdoc />
    public partial class PushOutbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "push_outbox",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    business_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subscription_id = table.Column<Guid>(type: "uuid", nullable: true),
                    payload = table.Column<string>(type: "text", nullable: false),
                    topic = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    time_to_live_seconds = table.Column<int>(type: "integer", nullable: false),
                    urgency = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    state = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false, defaultValue: "pending"),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    claimed_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    claim_token = table.Column<Guid>(type: "uuid", nullable: true),
                    claims = table.Column<int>(type: "integer", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_push_outbox", x => x.id);
                    table.CheckConstraint("ck_push_outbox_state", "state IN ('pending', 'sent', 'failed', 'gone')");
                    table.ForeignKey(
                        name: "fk_push_outbox_push_subscriptions_subscription_id",
                        column: x => x.subscription_id,
                        principalTable: "push_subscriptions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_push_outbox_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_push_outbox_finished",
                table: "push_outbox",
                column: "finished_at",
                filter: "state <> 'pending'");

            migrationBuilder.CreateIndex(
                name: "ix_push_outbox_pending",
                table: "push_outbox",
                column: "created_at",
                filter: "state = 'pending'");

            migrationBuilder.CreateIndex(
                name: "ix_push_outbox_subscription_id",
                table: "push_outbox",
                column: "subscription_id");

            migrationBuilder.CreateIndex(
                name: "ix_push_outbox_user_id",
                table: "push_outbox",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "push_outbox");
        }
    }
}
