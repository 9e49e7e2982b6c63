namespace AgentLocator.Grains.Data.Migrations;

/// <summary>
/// What the TaxDocuments migration adds beyond EF's model: issued documents are immutable in the database itself. A
/// trigger refuses any UPDATE or DELETE of a <c>tax_documents</c> row once its status is <c>issued</c> (the one allowed
/// change is the issue itself, draft → issued), and any INSERT, UPDATE or DELETE of lines and payments of an issued
/// document. Nothing a document says is updated after issue: its print count and links are in their own tables, and
/// what is paid or credited is summed from the receipts and credits that reference it. SQLSTATE 'AL001' names the refusal.
/// </summary>
public static class TaxDocumentSql
{
    public const string ImmutableState = "AL001";

    public const string Up = """
        CREATE FUNCTION tax_documents_refuse_issued_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF OLD.status = 'issued' THEN
                RAISE EXCEPTION 'tax document % is issued and cannot be changed', OLD.id USING ERRCODE = 'AL001';
            END IF;
            IF TG_OP = 'DELETE' THEN
                RETURN OLD;
            END IF;
            RETURN NEW;
        END $$;

        CREATE TRIGGER tax_documents_immutable_when_issued BEFORE UPDATE OR DELETE ON tax_documents
            FOR EACH ROW EXECUTE FUNCTION tax_documents_refuse_issued_change();

        CREATE FUNCTION tax_document_parts_refuse_issued_change() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            document uuid;
        BEGIN
            document := CASE WHEN TG_OP = 'INSERT' THEN NEW.document_id ELSE OLD.document_id END;
            IF EXISTS (SELECT 1 FROM tax_documents d WHERE d.id = document AND d.status = 'issued')
               OR (TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM tax_documents d WHERE d.id = NEW.document_id AND d.status = 'issued')) THEN
                RAISE EXCEPTION 'tax document % is issued: its % cannot be changed', document, TG_TABLE_NAME USING ERRCODE = 'AL001';
            END IF;
            IF TG_OP = 'DELETE' THEN
                RETURN OLD;
            END IF;
            RETURN NEW;
        END $$;

        CREATE TRIGGER tax_document_lines_immutable_when_issued BEFORE INSERT OR UPDATE OR DELETE ON tax_document_lines
            FOR EACH ROW EXECUTE FUNCTION tax_document_parts_refuse_issued_change();
        CREATE TRIGGER tax_document_payments_immutable_when_issued BEFORE INSERT OR UPDATE OR DELETE ON tax_document_payments
            FOR EACH ROW EXECUTE FUNCTION tax_document_parts_refuse_issued_change();

        -- TRUNCATE skips row triggers: refuse it on the tables that hold issued documents.
        CREATE FUNCTION tax_documents_refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'tax documents cannot be truncated' USING ERRCODE = 'AL001';
        END $$;
        CREATE TRIGGER tax_documents_no_truncate BEFORE TRUNCATE ON tax_documents
            FOR EACH STATEMENT EXECUTE FUNCTION tax_documents_refuse_truncate();
        CREATE TRIGGER tax_document_lines_no_truncate BEFORE TRUNCATE ON tax_document_lines
            FOR EACH STATEMENT EXECUTE FUNCTION tax_documents_refuse_truncate();
        CREATE TRIGGER tax_document_payments_no_truncate BEFORE TRUNCATE ON tax_document_payments
            FOR EACH STATEMENT EXECUTE FUNCTION tax_documents_refuse_truncate();
        """;

    public const string Down = """
        DROP TRIGGER IF EXISTS tax_documents_no_truncate ON tax_documents;
        DROP TRIGGER IF EXISTS tax_document_lines_no_truncate ON tax_document_lines;
        DROP TRIGGER IF EXISTS tax_document_payments_no_truncate ON tax_document_payments;
        DROP FUNCTION IF EXISTS tax_documents_refuse_truncate();
        DROP TRIGGER IF EXISTS tax_document_lines_immutable_when_issued ON tax_document_lines;
        DROP TRIGGER IF EXISTS tax_document_payments_immutable_when_issued ON tax_document_payments;
        DROP FUNCTION IF EXISTS tax_document_parts_refuse_issued_change();
        DROP TRIGGER IF EXISTS tax_documents_immutable_when_issued ON tax_documents;
        DROP FUNCTION IF EXISTS tax_documents_refuse_issued_change();
        """;
}
