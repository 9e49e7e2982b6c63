using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Grains.Contracts;

/// <summary>
/// The contract's life: draft → sent → viewed → signed, declined or expired; anything not final can be cancelled. A
/// signed contract may skip "viewed" (a signer who opens and signs in one go), and "sent" may expire unopened. No state is
/// reached twice, so each status is one timeline event.
/// </summary>
public static class ContractTransitions
{
    private static readonly Dictionary<ContractStatus, ContractStatus[]> Moves = new()
    {
        [ContractStatus.Draft] = [ContractStatus.Sent, ContractStatus.Cancelled],
        [ContractStatus.Sent] = [ContractStatus.Viewed, ContractStatus.Signed, ContractStatus.Declined, ContractStatus.Expired, ContractStatus.Cancelled],
        [ContractStatus.Viewed] = [ContractStatus.Signed, ContractStatus.Declined, ContractStatus.Expired, ContractStatus.Cancelled],
        [ContractStatus.Signed] = [],
        [ContractStatus.Declined] = [],
        [ContractStatus.Expired] = [],
        [ContractStatus.Cancelled] = [],
    };

    public static bool IsAllowed(ContractStatus from, ContractStatus to) => Moves[from].Contains(to);

    public static bool IsFinal(ContractStatus status) => Moves[status].Length == 0;

    public static string Hebrew(ContractStatus status) => status switch
    {
        ContractStatus.Draft => "טיוטה",
        ContractStatus.Sent => "נשלח",
        ContractStatus.Viewed => "נצפה",
        ContractStatus.Signed => "נחתם",
        ContractStatus.Declined => "נדחה",
        ContractStatus.Expired => "פג תוקף",
        ContractStatus.Cancelled => "בוטל",
        _ => status.ToString(),
    };
}
