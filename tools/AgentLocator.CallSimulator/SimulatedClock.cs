namespace AgentLocator.CallSimulator;

/// <summary>
/// The call's own time. Speaking, pauses and recordings advance it by how long they would take on a real call,
/// waiting that long scaled by the speed (0: not at all), so CallDuration is realistic even when tests run instantly.
/// Time spent waiting for the server is real on any call, so it is added as measured.
/// </summary>
internal sealed class SimulatedClock(double speed)
{
    public TimeSpan Elapsed { get; private set; }

    public int WholeSeconds => (int)Math.Round(Elapsed.TotalSeconds, MidpointRounding.AwayFromZero);

    public Task AdvanceAsync(TimeSpan simulated, CancellationToken cancellationToken)
    {
        Elapsed += simulated;
        return Delay(simulated, cancellationToken);
    }

    public void AddMeasured(TimeSpan real) => Elapsed += real;

    /// <summary>Waits a scaled amount without moving the call's time (for work happening beside the call).</summary>
    public Task Delay(TimeSpan simulated, CancellationToken cancellationToken) =>
        speed > 0 && simulated > TimeSpan.Zero ? Task.Delay(simulated * speed, cancellationToken) : Task.CompletedTask;
}
