namespace AgentLocator.Grains.Data.Migrations;

/// <summary>
/// What the AuditLog migration adds beyond EF's model: the log is append-only in the database itself, so no code path,
/// present or future, and no hand-run statement short of dropping the triggers can rewrite or erase history.
/// </summary>
public static class AuditLogSql
{
    public const string AppendOnlyError = "audit_log is append-only";

    public const string Up = """
        CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END
        $$;

        CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
            FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

        -- Row triggers do not see TRUNCATE; a statement trigger does.
        CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
            FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
        """;

    public const string Down = """
        DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log;
        DROP TRIGGER IF EXISTS audit_log_no_update_or_delete ON audit_log;
        DROP FUNCTION IF EXISTS audit_log_refuse_change();
        """;
}
