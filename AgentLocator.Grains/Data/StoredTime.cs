namespace AgentLocator.Grains.Data;

/// <summary>
/// Times as Postgres keeps them: UTC (Npgsql writes only offset 0 to timestamptz) and to the microsecond, so a
/// value a grain returns after a write equals what a later read returns, and stored times compare exactly.
/// </summary>
public static class StoredTime
{
    public static DateTimeOffset From(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % 10));
    }

    public static DateTimeOffset Now(TimeProvider clock) => From(clock.GetUtcNow());
}
