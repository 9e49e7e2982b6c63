using AgentLocator.Api.Contracts;
using AgentLocator.Grains.Contracts;

// In the hosting namespace, like the other modules' wiring, so ApplicationServiceExtensions needs only the call.
namespace Microsoft.Extensions.Hosting;

public static class ContractsServiceExtensions
{
    /// <summary>
    /// Contracts: the template and contract writers (per request), the status seam the signing module moves contracts
    /// through (<see cref="IContractLifecycle"/>), and their PDFs (<see cref="IContractDocuments"/>).
    /// </summary>
    public static IHostApplicationBuilder AddContracts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ContractTemplateWriter>();
        builder.Services.AddScoped<ContractWriter>();
        builder.Services.AddSingleton<IContractLifecycle, ContractLifecycle>();
        builder.Services.AddSingleton<ContractDocuments>();
        builder.Services.AddSingleton<IContractDocuments>(provider => provider.GetRequiredService<ContractDocuments>());
        // The last registration wins over the signatures module's no-op observer: a request made from a contract moves the contract.
        builder.Services.AddSingleton<AgentLocator.Api.Signatures.ISignatureRequestObserver, ContractFollowsSignatures>();
        return builder;
    }
}
