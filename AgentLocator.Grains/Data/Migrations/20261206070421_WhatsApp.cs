using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentLocator.Grains.Data.Migrations
{
    /// <inheritdoc />
    public partial class WhatsApp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "whatsapp_number",
                table: "businesses",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "whatsapp_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    business_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: true),
                    direction = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    message_sid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    from = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    to = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    body = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true),
                    profile_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    template_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    template_variables_json = table.Column<string>(type: "jsonb", nullable: true),
                    media_json = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'[]'::jsonb"),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    error_code = table.Column<int>(type: "integer", nullable: true),
                    error_message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    idempotency_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    sent_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    replied_to_message_sid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    button_payload = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_whatsapp_messages", x => x.id);
                    table.CheckConstraint("ck_whatsapp_messages_direction", "direction IN ('inbound', 'outbound')");
                    table.CheckConstraint("ck_whatsapp_messages_status", "status IN ('received', 'queued', 'sent', 'delivered', 'read', 'undelivered', 'failed')");
                    table.ForeignKey(
                        name: "fk_whatsapp_messages_businesses_business_id",
                        column: x => x.business_id,
                        principalTable: "businesses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_whatsapp_messages_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_whatsapp_messages_users_sent_by_user_id",
                        column: x => x.sent_by_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_businesses_whatsapp_number",
                table: "businesses",
                column: "whatsapp_number",
                unique: true,
                filter: "whatsapp_number IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_whatsapp_messages_business_id_customer_id_created_at_id",
                table: "whatsapp_messages",
                columns: new[] { "business_id", "customer_id", "created_at", "id" },
                descending: new[] { false, false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_whatsapp_messages_customer_id",
                table: "whatsapp_messages",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_whatsapp_messages_sent_by_user_id",
                table: "whatsapp_messages",
                column: "sent_by_user_id");

            migrationBuilder.CreateIndex(
                name: "ux_whatsapp_messages_idempotency_key",
                table: "whatsapp_messages",
                columns: new[] { "business_id", "idempotency_key" },
                unique: true,
                filter: "idempotency_key IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ux_whatsapp_messages_message_sid",
                table: "whatsapp_messages",
                column: "message_sid",
                unique: true,
                filter: "message_sid IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "whatsapp_messages");

            migrationBuilder.DropIndex(
                name: "ix_businesses_whatsapp_number",
                table: "businesses");

            migrationBuilder.DropColumn(
                name: "whatsapp_number",
                table: "businesses");
        }
    }
}
