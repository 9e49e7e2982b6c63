using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentLocator.Grains.Data.Migrations
{
    /// <inheritdoc />
    public partial class CalmFollowUps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "callback_delay_minutes",
                table: "businesses",
                type: "integer",
                nullable: false,
                defaultValue: 10);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "work_closes_at",
                table: "businesses",
                type: "time without time zone",
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "work_opens_at",
                table: "businesses",
                type: "time without time zone",
                nullable: true);

            migrationBuilder.AddColumn<List<int>>(
                name: "working_days",
                table: "businesses",
                type: "integer[]",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "callback_delay_minutes",
                table: "businesses");

            migrationBuilder.DropColumn(
                name: "work_closes_at",
                table: "businesses");

            migrationBuilder.DropColumn(
                name: "work_opens_at",
                table: "businesses");

            migrationBuilder.DropColumn(
                name: "working_days",
                table: "businesses");
        }
    }
}
