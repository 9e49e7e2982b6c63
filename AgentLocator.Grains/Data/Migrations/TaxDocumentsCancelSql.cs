namespace AgentLocator.Grains.Data.Migrations;

/// <summary>
/// What the TaxDocumentsCancel migration adds: a numbered document the Tax Authority refused an allocation number for may
/// be cancelled. The one new move is <c>pending_allocation</c> → <c>cancelled</c>, with nothing else on the row changed
/// (it keeps its number, so the sequence stays gapless), and only while its allocation request stands refused. A cancelled
/// document is frozen like an issued one: no update, no delete, no change to its lines or payments.
/// </summary>
public static class TaxDocumentsCancelSql
{
    public const string Up = """
        CREATE OR REPLACE FUNCTION tax_documents_refuse_issued_change() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            released tax_documents;
            cancelled tax_documents;
        BEGIN
            IF OLD.status IN ('issued', 'cancelled') THEN
                RAISE EXCEPTION 'tax document % is % and cannot be changed', OLD.id, OLD.status USING ERRCODE = 'AL001';
            END IF;
            IF OLD.status = 'pending_allocation' THEN
                IF TG_OP = 'DELETE' THEN
                    RAISE EXCEPTION 'tax document % is numbered and cannot be deleted', OLD.id USING ERRCODE = 'AL001';
                END IF;
                released := OLD;
                released.status := 'issued';
                released.allocation_number := NEW.allocation_number;
                released.issued_at := NEW.issued_at;
                cancelled := OLD;
                cancelled.status := 'cancelled';
                IF NEW IS NOT DISTINCT FROM cancelled THEN
                    IF NOT EXISTS (SELECT 1 FROM tax_document_allocations a WHERE a.document_id = OLD.id AND a.state = 'refused') THEN
                        RAISE EXCEPTION 'tax document % may be cancelled only after the Tax Authority refused it', OLD.id
                            USING ERRCODE = 'AL001';
                    END IF;
                ELSIF NEW IS DISTINCT FROM released OR NEW.allocation_number IS NULL OR NEW.allocation_number = '' THEN
                    RAISE EXCEPTION 'tax document % waits for its allocation number: only its release or cancellation may change it', OLD.id
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
            IF EXISTS (SELECT 1 FROM tax_documents d WHERE d.id = document AND d.status IN ('issued', 'pending_allocation', 'cancelled'))
               OR (TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM tax_documents d
                                                WHERE d.id = NEW.document_id AND d.status IN ('issued', 'pending_allocation', 'cancelled'))) THEN
                RAISE EXCEPTION 'tax document % is issued: its % cannot be changed', document, TG_TABLE_NAME USING ERRCODE = 'AL001';
            END IF;
            IF TG_OP = 'DELETE' THEN
                RETURN OLD;
            END IF;
            RETURN NEW;
        END $$;
        """;

    /// <summary>Back to the TaxAllocation migration's functions.</summary>
    public const string Down = TaxAllocationSql.Up;
}
