using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AgentLocator.Grains.Data.Configurations;

/// <summary>Stores a status enum as its wire name (e.g. <c>not-configured</c>), the text the column has always held.</summary>
internal sealed class WireNameConverter<TEnum>() : ValueConverter<TEnum, string>(
    member => WireNames<TEnum>.Of(member),
    name => WireNames<TEnum>.Parse(name))
    where TEnum : struct, Enum;
