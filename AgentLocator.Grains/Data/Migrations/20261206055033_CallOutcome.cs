using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentLocator.Grains.Data.Migrations
{
    /// <inheritdoc />
    public partial class CallOutcome : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "follow_up_fingerprint",
                table: "calls",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "outcome_turns",
                table: "calls",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Outcomes made before this column existed covered the turns their calls had then: count them as current,
            // or the reconciler would summarize every old call again.
            migrationBuilder.Sql("UPDATE calls SET outcome_turns = turn_count WHERE processed_at IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "follow_up_fingerprint",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "outcome_turns",
                table: "calls");
        }
    }
}
