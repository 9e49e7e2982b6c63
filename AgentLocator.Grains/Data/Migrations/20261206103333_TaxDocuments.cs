using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentLocator.Grains.Data.Migrations
{
    /// <inheritdoc />
    public partial class TaxDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "tax_id",
                table: "customers",
                type: "character varying(9)",
                maxLength: 9,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "tax_document_sequences",
                columns: table => new
                {
                    business_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    next_number = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tax_document_sequences", x => new { x.business_id, x.type });
                    table.ForeignKey(
                        name: "fk_tax_document_sequences_businesses_business_id",
                        column: x => x.business_id,
                        principalTable: "businesses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tax_documents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    business_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    status = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    number = table.Column<int>(type: "integer", nullable: true),
                    document_date = table.Column<DateOnly>(type: "date", nullable: false),
                    prices_include_vat = table.Column<bool>(type: "boolean", nullable: false),
                    vat_rate_basis_points = table.Column<int>(type: "integer", nullable: false),
                    subtotal_agorot = table.Column<long>(type: "bigint", nullable: false),
                    vat_agorot = table.Column<long>(type: "bigint", nullable: false),
                    total_agorot = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    customer_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    customer_tax_id = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    customer_address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    issuer = table.Column<string>(type: "jsonb", nullable: true),
                    referenced_document_id = table.Column<Guid>(type: "uuid", nullable: true),
                    source_document_id = table.Column<Guid>(type: "uuid", nullable: true),
                    notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    allocation_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    issued_by_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tax_documents", x => x.id);
                    table.CheckConstraint("ck_tax_documents_issued_numbered", "status = 'draft' OR (number IS NOT NULL AND issued_at IS NOT NULL)");
                    table.CheckConstraint("ck_tax_documents_status", "status IN ('draft', 'issued')");
                    table.CheckConstraint("ck_tax_documents_totals", "total_agorot = subtotal_agorot + vat_agorot AND total_agorot >= 0");
                    table.CheckConstraint("ck_tax_documents_type", "type IN ('quote', 'tax_invoice', 'receipt', 'tax_invoice_receipt', 'credit_invoice')");
                    table.ForeignKey(
                        name: "fk_tax_documents_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_tax_documents_tax_documents_referenced_document_id",
                        column: x => x.referenced_document_id,
                        principalTable: "tax_documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_tax_documents_tax_documents_source_document_id",
                        column: x => x.source_document_id,
                        principalTable: "tax_documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "tax_settings",
                columns: table => new
                {
                    business_id = table.Column<Guid>(type: "uuid", nullable: false),
                    legal_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    dealer_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    tax_id = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    logo_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    logo_content_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    bank_details = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    vat_rates = table.Column<string>(type: "jsonb", nullable: false),
                    starting_numbers = table.Column<string>(type: "jsonb", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tax_settings", x => x.business_id);
                    table.CheckConstraint("ck_tax_settings_dealer_type", "dealer_type IN ('licensed', 'exempt', 'company', 'nonprofit')");
                    table.CheckConstraint("ck_tax_settings_tax_id", "tax_id ~ '^[0-9]{9}$'");
                    table.ForeignKey(
                        name: "fk_tax_settings_businesses_business_id",
                        column: x => x.business_id,
                        principalTable: "businesses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tax_document_lines",
                columns: table => new
                {
                    document_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    quantity = table.Column<decimal>(type: "numeric(12,3)", precision: 12, scale: 3, nullable: false),
                    unit_price_agorot = table.Column<long>(type: "bigint", nullable: false),
                    discount_agorot = table.Column<long>(type: "bigint", nullable: false),
                    amount_agorot = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tax_document_lines", x => new { x.document_id, x.position });
                    table.ForeignKey(
                        name: "fk_tax_document_lines_tax_documents_document_id",
                        column: x => x.document_id,
                        principalTable: "tax_documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tax_document_links",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    business_id = table.Column<Guid>(type: "uuid", nullable: false),
                    document_id = table.Column<Guid>(type: "uuid", nullable: false),
                    token_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tax_document_links", x => x.id);
                    table.ForeignKey(
                        name: "fk_tax_document_links_tax_documents_document_id",
                        column: x => x.document_id,
                        principalTable: "tax_documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "tax_document_payments",
                columns: table => new
                {
                    document_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    method = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    amount_agorot = table.Column<long>(type: "bigint", nullable: false),
                    paid_on = table.Column<DateOnly>(type: "date", nullable: false),
                    bank = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    branch = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    account = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    cheque_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    card_last_digits = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    app_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tax_document_payments", x => new { x.document_id, x.position });
                    table.CheckConstraint("ck_tax_document_payments_method", "method IN ('cash', 'cheque', 'transfer', 'card', 'app')");
                    table.ForeignKey(
                        name: "fk_tax_document_payments_tax_documents_document_id",
                        column: x => x.document_id,
                        principalTable: "tax_documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tax_document_prints",
                columns: table => new
                {
                    document_id = table.Column<Guid>(type: "uuid", nullable: false),
                    business_id = table.Column<Guid>(type: "uuid", nullable: false),
                    outputs = table.Column<int>(type: "integer", nullable: false),
                    last_output_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tax_document_prints", x => x.document_id);
                    table.ForeignKey(
                        name: "fk_tax_document_prints_tax_documents_document_id",
                        column: x => x.document_id,
                        principalTable: "tax_documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_tax_document_links_document_id",
                table: "tax_document_links",
                column: "document_id");

            migrationBuilder.CreateIndex(
                name: "ux_tax_document_links_token",
                table: "tax_document_links",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tax_documents_business_date",
                table: "tax_documents",
                columns: new[] { "business_id", "document_date", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_tax_documents_customer",
                table: "tax_documents",
                columns: new[] { "business_id", "customer_id" });

            migrationBuilder.CreateIndex(
                name: "ix_tax_documents_customer_id",
                table: "tax_documents",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_tax_documents_referenced",
                table: "tax_documents",
                column: "referenced_document_id");

            migrationBuilder.CreateIndex(
                name: "ix_tax_documents_source_document_id",
                table: "tax_documents",
                column: "source_document_id");

            migrationBuilder.CreateIndex(
                name: "ux_tax_documents_number",
                table: "tax_documents",
                columns: new[] { "business_id", "type", "number" },
                unique: true,
                filter: "number IS NOT NULL");

            migrationBuilder.Sql(TaxDocumentSql.Up);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(TaxDocumentSql.Down);

            migrationBuilder.DropTable(
                name: "tax_document_lines");

            migrationBuilder.DropTable(
                name: "tax_document_links");

            migrationBuilder.DropTable(
                name: "tax_document_payments");

            migrationBuilder.DropTable(
                name: "tax_document_prints");

            migrationBuilder.DropTable(
                name: "tax_document_sequences");

            migrationBuilder.DropTable(
                name: "tax_settings");

            migrationBuilder.DropTable(
                name: "tax_documents");

            migrationBuilder.DropColumn(
                name: "tax_id",
                table: "customers");
        }
    }
}
