namespace AgentLocator.Api.Integrations.WebPush;

/// <summary>Where the running API's VAPID pair comes from: configuration, or in Development a generated pair kept on disk.</summary>
public static class VapidKeysLoader
{
    /// <summary>
    /// Null when no keys are configured outside Development: that is only legitimate for the <c>migrate</c> command,
    /// since <see cref="Configuration.RequiredSettings"/> stops any other start first.
    /// </summary>
    public static VapidKeys? Load(VapidOptions options, IHostEnvironment environment)
    {
        var hasPublic = !string.IsNullOrWhiteSpace(options.PublicKey);
        var hasPrivate = !string.IsNullOrWhiteSpace(options.PrivateKey);
        if (hasPublic && hasPrivate)
        {
            return VapidKeys.FromBase64Url(options.PublicKey!, options.PrivateKey!);
        }
        if (hasPublic != hasPrivate)
        {
            throw new InvalidVapidSettingsException("VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be set together.");
        }
        if (!environment.IsDevelopment())
        {
            return null;
        }
        var path = string.IsNullOrWhiteSpace(options.DevelopmentKeyFile)
            ? DevelopmentVapidKeyFile.DefaultPath(environment.ContentRootPath)
            : options.DevelopmentKeyFile;
        return DevelopmentVapidKeyFile.LoadOrCreate(path);
    }

    public static void ValidateSubject(string? subject)
    {
        if (string.IsNullOrWhiteSpace(subject)
            || !(subject.StartsWith("mailto:", StringComparison.Ordinal) && subject.Length > "mailto:".Length
                 || Uri.TryCreate(subject, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
        {
            throw new InvalidVapidSettingsException("Vapid:Subject must be a mailto: or https: URI a push service operator can use to reach us.");
        }
    }
}
