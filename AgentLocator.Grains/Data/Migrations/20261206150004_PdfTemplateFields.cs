using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentLocator.Grains.Data.Migrations
{
    /// <inheritdoc />
    public partial class PdfTemplateFields : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "field_values",
                table: "signature_signers",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "fields",
                table: "signature_requests",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb");

            migrationBuilder.AddColumn<string>(
                name: "pdf_fields",
                table: "contract_template_versions",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb");

            migrationBuilder.AddColumn<Guid>(
                name: "pdf_id",
                table: "contract_template_versions",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "contract_template_pdfs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    business_id = table.Column<Guid>(type: "uuid", nullable: false),
                    pdf = table.Column<byte[]>(type: "bytea", nullable: false),
                    sha256 = table.Column<byte[]>(type: "bytea", nullable: false),
                    page_count = table.Column<int>(type: "integer", nullable: false),
                    page_sizes = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contract_template_pdfs", x => x.id);
                    table.ForeignKey(
                        name: "fk_contract_template_pdfs_businesses_business_id",
                        column: x => x.business_id,
                        principalTable: "businesses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_contract_template_versions_pdf_id",
                table: "contract_template_versions",
                column: "pdf_id");

            migrationBuilder.CreateIndex(
                name: "ix_contract_template_pdfs_business_id",
                table: "contract_template_pdfs",
                column: "business_id");

            migrationBuilder.AddForeignKey(
                name: "fk_contract_template_versions_contract_template_pdfs_pdf_id",
                table: "contract_template_versions",
                column: "pdf_id",
                principalTable: "contract_template_pdfs",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_contract_template_versions_contract_template_pdfs_pdf_id",
                table: "contract_template_versions");

            migrationBuilder.DropTable(
                name: "contract_template_pdfs");

            migrationBuilder.DropIndex(
                name: "ix_contract_template_versions_pdf_id",
                table: "contract_template_versions");

            migrationBuilder.DropColumn(
                name: "field_values",
                table: "signature_signers");

            migrationBuilder.DropColumn(
                name: "fields",
                table: "signature_requests");

            migrationBuilder.DropColumn(
                name: "pdf_fields",
                table: "contract_template_versions");

            migrationBuilder.DropColumn(
                name: "pdf_id",
                table: "contract_template_versions");
        }
    }
}
