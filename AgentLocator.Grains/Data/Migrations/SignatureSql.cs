namespace AgentLocator.Grains.Data.Migrations;

/// <summary>
/// What the SignatureRequests migration adds beyond EF's model: a request's PDF as sent never changes, and its signed
/// copy, once written, never changes either (nor is the row deleted then). SQLSTATE 'AL002' names the refusal.
/// </summary>
public static class SignatureSql
{
    public const string ImmutableState = "AL002";

    public const string Up = """
        CREATE FUNCTION signature_requests_refuse_document_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                IF OLD.signed_pdf IS NOT NULL THEN
                    RAISE EXCEPTION 'signature request % is signed and cannot be deleted', OLD.id USING ERRCODE = 'AL002';
                END IF;
                RETURN OLD;
            END IF;
            IF NEW.original_pdf IS DISTINCT FROM OLD.original_pdf OR NEW.original_sha256 IS DISTINCT FROM OLD.original_sha256 THEN
                RAISE EXCEPTION 'signature request %: the document as sent cannot be changed', OLD.id USING ERRCODE = 'AL002';
            END IF;
            IF OLD.signed_pdf IS NOT NULL AND (NEW.signed_pdf IS DISTINCT FROM OLD.signed_pdf OR NEW.signed_sha256 IS DISTINCT FROM OLD.signed_sha256) THEN
                RAISE EXCEPTION 'signature request %: the signed document cannot be changed', OLD.id USING ERRCODE = 'AL002';
            END IF;
            RETURN NEW;
        END $$;

        CREATE TRIGGER signature_requests_document_immutable BEFORE UPDATE OR DELETE ON signature_requests
            FOR EACH ROW EXECUTE FUNCTION signature_requests_refuse_document_change();
        """;

    public const string Down = """
        DROP TRIGGER IF EXISTS signature_requests_document_immutable ON signature_requests;
        DROP FUNCTION IF EXISTS signature_requests_refuse_document_change();
        """;
}
