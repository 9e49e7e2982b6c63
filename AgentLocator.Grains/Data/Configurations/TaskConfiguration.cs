using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLocator.Grains.Data.Configurations;

internal sealed class AgentTaskConfiguration : IEntityTypeConfiguration<AgentTask>
{
    public void Configure(EntityTypeBuilder<AgentTask> builder)
    {
        builder.ToTable("tasks", table =>
        {
            table.HasCheckConstraint("ck_tasks_status", "status IN ('open', 'done')");
            // Without a customer a task must come from a call, or nobody could tell what it is about.
            table.HasCheckConstraint("ck_tasks_customer_or_call", "customer_id IS NOT NULL OR call_id IS NOT NULL");
        });
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Title).HasMaxLength(200).IsRequired();
        builder.Property(t => t.Notes).HasMaxLength(4000);
        builder.Property(t => t.Status).HasMaxLength(8).HasDefaultValue(TaskStatuses.Open);
        // "My tasks" by due time, and the start-up sweep for alerts that are due.
        builder.HasIndex(t => new { t.BusinessId, t.AssigneeId, t.Status, t.DueAt }).HasFilter("deleted_at IS NULL");
        builder.HasIndex(t => new { t.BusinessId, t.CustomerId, t.DueAt }).HasFilter("deleted_at IS NULL");
        builder.HasIndex(t => t.RemindAt).HasDatabaseName("ix_tasks_open_remind_at").HasFilter("status = 'open' AND deleted_at IS NULL");
        builder.HasOne<Customer>().WithMany().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.AssigneeId).OnDelete(DeleteBehavior.Restrict);
        // The call a task came from. Calls are kept, never removed (Restrict, as for customers): a task without a
        // customer has nothing else to point at.
        builder.HasOne<Call>().WithMany().HasForeignKey(t => t.CallId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TaskAlertConfiguration : IEntityTypeConfiguration<TaskAlert>
{
    public void Configure(EntityTypeBuilder<TaskAlert> builder)
    {
        builder.ToTable("task_alerts");
        builder.HasKey(a => a.Id);
        builder.HasIndex(a => new { a.TaskId, a.ReminderAt }).IsUnique();
        builder.HasIndex(a => a.ClaimedAt).HasDatabaseName("ix_task_alerts_undelivered").HasFilter("delivered_at IS NULL");
        builder.HasOne<AgentTask>().WithMany().HasForeignKey(a => a.TaskId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PushSubscriptionConfiguration : IEntityTypeConfiguration<PushSubscription>
{
    public void Configure(EntityTypeBuilder<PushSubscription> builder)
    {
        builder.ToTable("push_subscriptions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Endpoint).HasMaxLength(2048).IsRequired();
        builder.HasIndex(s => s.Endpoint).IsUnique();
        builder.HasIndex(s => new { s.BusinessId, s.UserId });
        builder.Property(s => s.P256dh).HasMaxLength(128).IsRequired();
        builder.Property(s => s.Auth).HasMaxLength(64).IsRequired();
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
