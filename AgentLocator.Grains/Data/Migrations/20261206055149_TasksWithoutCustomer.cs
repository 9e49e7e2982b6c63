using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentLocator.Grains.Data.Migrations
{
    /// <inheritdoc />
    public partial class TasksWithoutCustomer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "customer_id",
                table: "tasks",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<Guid>(
                name: "call_id",
                table: "tasks",
                type: "uuid",
                nullable: true);

            // Hand-written: follow-up tasks made before this migration learn the call they came from.
            migrationBuilder.Sql("UPDATE tasks SET call_id = calls.id FROM calls WHERE calls.follow_up_task_id = tasks.id;");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_call_id",
                table: "tasks",
                column: "call_id");

            migrationBuilder.AddCheckConstraint(
                name: "ck_tasks_customer_or_call",
                table: "tasks",
                sql: "customer_id IS NOT NULL OR call_id IS NOT NULL");

            migrationBuilder.AddForeignKey(
                name: "fk_tasks_calls_call_id",
                table: "tasks",
                column: "call_id",
                principalTable: "calls",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_tasks_calls_call_id",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "ix_tasks_call_id",
                table: "tasks");

            migrationBuilder.DropCheckConstraint(
                name: "ck_tasks_customer_or_call",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "call_id",
                table: "tasks");

            migrationBuilder.AlterColumn<Guid>(
                name: "customer_id",
                table: "tasks",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}
