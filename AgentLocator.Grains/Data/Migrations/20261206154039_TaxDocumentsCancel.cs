using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentLocator.Grains.Data.Migrations
{
    /// <inheritdoc />
    public partial class TaxDocumentsCancel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_tax_documents_status",
                table: "tax_documents");

            migrationBuilder.AddCheckConstraint(
                name: "ck_tax_documents_status",
                table: "tax_documents",
                sql: "status IN ('draft', 'pending_allocation', 'issued', 'cancelled')");

            migrationBuilder.Sql(TaxDocumentsCancelSql.Up);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(TaxDocumentsCancelSql.Down);

            migrationBuilder.DropCheckConstraint(
                name: "ck_tax_documents_status",
                table: "tax_documents");

            migrationBuilder.AddCheckConstraint(
                name: "ck_tax_documents_status",
                table: "tax_documents",
                sql: "status IN ('draft', 'pending_allocation', 'issued')");
        }
    }
}
