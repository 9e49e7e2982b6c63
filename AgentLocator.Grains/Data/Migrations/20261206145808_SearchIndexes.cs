using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentLocator.Grains.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "search_text",
                table: "customers",
                type: "text",
                nullable: true,
                computedColumnSql: "lower(translate(regexp_replace(name || E'\\n' || coalesce(email, ''), '[\\u0591-\\u05BD\\u05BF\\u05C1\\u05C2\\u05C4\\u05C5\\u05C7]', '', 'g'), 'ךםןףץ', 'כמנפצ'))",
                stored: true);
            migrationBuilder.Sql(SearchIndexesSql.Up);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SearchIndexesSql.Down);
            migrationBuilder.DropColumn(
                name: "search_text",
                table: "customers");
        }
    }
}
