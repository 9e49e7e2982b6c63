using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentLocator.Grains.Data.Migrations
{
    /// <inheritdoc />
    public partial class SignatureRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "signature_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    business_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    contract_id = table.Column<Guid>(type: "uuid", nullable: true),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ordered = table.Column<bool>(type: "boolean", nullable: false),
                    require_code = table.Column<bool>(type: "boolean", nullable: false),
                    original_pdf = table.Column<byte[]>(type: "bytea", nullable: false),
                    original_sha256 = table.Column<byte[]>(type: "bytea", nullable: false),
                    page_count = table.Column<int>(type: "integer", nullable: false),
                    signed_pdf = table.Column<byte[]>(type: "bytea", nullable: true),
                    signed_sha256 = table.Column<byte[]>(type: "bytea", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_signature_requests", x => x.id);
                    table.CheckConstraint("ck_signature_requests_signed_pair", "(signed_pdf IS NULL) = (signed_sha256 IS NULL)");
                    table.CheckConstraint("ck_signature_requests_status", "status IN ('draft', 'sent', 'viewed', 'signed', 'declined', 'expired', 'cancelled')");
                    table.ForeignKey(
                        name: "fk_signature_requests_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "signature_settings",
                columns: table => new
                {
                    business_id = table.Column<Guid>(type: "uuid", nullable: false),
                    link_lifetime_days = table.Column<int>(type: "integer", nullable: false),
                    certificate = table.Column<byte[]>(type: "bytea", nullable: true),
                    encrypted_private_key = table.Column<byte[]>(type: "bytea", nullable: true),
                    certificate_source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_signature_settings", x => x.business_id);
                    table.CheckConstraint("ck_signature_settings_lifetime", "link_lifetime_days BETWEEN 1 AND 90");
                    table.ForeignKey(
                        name: "fk_signature_settings_businesses_business_id",
                        column: x => x.business_id,
                        principalTable: "businesses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "signature_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    business_id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    signer_id = table.Column<Guid>(type: "uuid", nullable: true),
                    action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    actor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    actor_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ip = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    user_agent = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_signature_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_signature_events_signature_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "signature_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "signature_signers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    business_id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    viewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    signed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    declined_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decline_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    signature_png = table.Column<byte[]>(type: "bytea", nullable: true),
                    typed_signature = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    signed_ip = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    signed_user_agent = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    code_hash = table.Column<byte[]>(type: "bytea", nullable: true),
                    code_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    code_attempts = table.Column<int>(type: "integer", nullable: false),
                    code_verified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_signature_signers", x => x.id);
                    table.CheckConstraint("ck_signature_signers_role", "role IN ('customer', 'co_signer', 'business')");
                    table.CheckConstraint("ck_signature_signers_status", "status IN ('draft', 'sent', 'viewed', 'signed', 'declined', 'expired', 'cancelled')");
                    table.ForeignKey(
                        name: "fk_signature_signers_signature_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "signature_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "signature_links",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    business_id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    signer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    token_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_signature_links", x => x.id);
                    table.ForeignKey(
                        name: "fk_signature_links_signature_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "signature_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_signature_links_signature_signers_signer_id",
                        column: x => x.signer_id,
                        principalTable: "signature_signers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_signature_events_request",
                table: "signature_events",
                columns: new[] { "request_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_signature_links_request_id",
                table: "signature_links",
                column: "request_id");

            migrationBuilder.CreateIndex(
                name: "ix_signature_links_signer_id",
                table: "signature_links",
                column: "signer_id");

            migrationBuilder.CreateIndex(
                name: "ux_signature_links_token",
                table: "signature_links",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_signature_requests_business_created",
                table: "signature_requests",
                columns: new[] { "business_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_signature_requests_customer",
                table: "signature_requests",
                columns: new[] { "business_id", "customer_id" });

            migrationBuilder.CreateIndex(
                name: "ix_signature_requests_customer_id",
                table: "signature_requests",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_signature_requests_signed_sha256",
                table: "signature_requests",
                column: "signed_sha256",
                filter: "signed_sha256 IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ux_signature_signers_position",
                table: "signature_signers",
                columns: new[] { "request_id", "position" },
                unique: true);

            migrationBuilder.Sql(SignatureSql.Up);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SignatureSql.Down);

            migrationBuilder.DropTable(
                name: "signature_events");

            migrationBuilder.DropTable(
                name: "signature_links");

            migrationBuilder.DropTable(
                name: "signature_settings");

            migrationBuilder.DropTable(
                name: "signature_signers");

            migrationBuilder.DropTable(
                name: "signature_requests");
        }
    }
}
