namespace AgentLocator.Grains.Data.Migrations;

/// <summary>
/// What the TaxAllocation migration adds beyond EF's model: a document waiting for its allocation number
/// (<c>pending_allocation</c>) is as frozen as an issued one, except for its release: status to <c>issued</c> with the
/// allocation number set, and the release time. Its lines and payments are refused any change, as an issued document's.
/// </summary>
public static class TaxAllocationSql
{
    public const string Up = """
        CREATE OR REPLACE FUNCTION tax_documents_refuse_issued_change() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            released tax_documents;
        BEGIN
            IF OLD.status = 'issued' THEN
                RAISE EXCEPTION 'tax document % is issued and cannot be changed', OLD.id USING ERRCODE = 'AL001';
            END IF;
            IF OLD.status = 'pending_allocation' THEN
                IF TG_OP = 'DELETE' THEN
                    RAISE EXCEPTION 'tax document % is numbered and cannot be deleted', OLD.id USING ERRCODE = 'AL001';
                END IF;
                released := OLD;
                released.status := 'issued';
                released.allocation_number := NEW.allocation_number;
                released.issued_at := NEW.issued_at;
                IF NEW IS DISTINCT FROM released OR NEW.allocation_number IS NULL OR NEW.allocation_number = '' THEN
                    RAISE EXCEPTION 'tax document % waits for its allocation number: only its release may change it', OLD.id
                        USING ERRCODE = 'AL001';
                END IF;
            END IF;
            IF TG_OP = 'DELETE' THEN
                RETURN OLD;
            END IF;
            RETURN NEW;
        END $$;

        CREATE OR REPLACE FUNCTION tax_document_parts_refuse_issued_change() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            document uuid;
        BEGIN
            document := CASE WHEN TG_OP = 'INSERT' THEN NEW.document_id ELSE OLD.document_id END;
            IF EXISTS (SELECT 1 FROM tax_documents d WHERE d.id = document AND d.status IN ('issued', 'pending_allocation'))
               OR (TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM tax_documents d
                                                WHERE d.id = NEW.document_id AND d.status IN ('issued', 'pending_allocation'))) THEN
                RAISE EXCEPTION 'tax document % is issued: its % cannot be changed', document, TG_TABLE_NAME USING ERRCODE = 'AL001';
            END IF;
            IF TG_OP = 'DELETE' THEN
                RETURN OLD;
            END IF;
            RETURN NEW;
        END $$;
        """;

    /// <summary>Back to the TaxDocuments migration's functions, which know only draft and issued.</summary>
    public const string Down = """
        CREATE OR REPLACE FUNCTION tax_documents_refuse_issued_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF OLD.status = 'issued' THEN
                RAISE EXCEPTION 'tax document % is issued and cannot be changed', OLD.id USING ERRCODE = 'AL001';
            END IF;
            IF TG_OP = 'DELETE' THEN
                RETURN OLD;
            END IF;
            RETURN NEW;
        END $$;

        CREATE OR REPLACE FUNCTION tax_document_parts_refuse_issued_change() RETURNS trigger LANGUAGE plpgsql AS $$
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
        """;
}
