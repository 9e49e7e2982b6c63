using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentLocator.Grains.Data.Migrations
{
    /// <inheritdoc />
    public partial class DropUserLockout : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "failed_sign_in_count",
                table: "users");

            migrationBuilder.DropColumn(
                name: "locked_out_until",
                table: "users");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "failed_sign_in_count",
                table: "users",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "locked_out_until",
                table: "users",
                type: "timestamp with time zone",
                nullable: true);
        }
    }
}
