namespace AgentLocator.Api.Integrations.Pdf;

/// <summary>
/// The Assistant font (the web app's, SIL OFL 1.1; copied from its npm package into the output at build time) as <c>@font-face</c> rules with
/// data URIs, so Chromium loads it without any file or network access and embeds it in the PDF. Hebrew and Latin subsets,
/// regular and bold, with the unicode ranges @fontsource gives them.
/// </summary>
public static class PdfFonts
{
    public const string Family = "Assistant";

    private const string HebrewRange = "U+0307-0308, U+0590-05FF, U+200C-2010, U+20AA, U+25CC, U+FB1D-FB4F";
    private const string LatinRange =
        "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD";

    private static readonly Lazy<string> Rules = new(Load);

    public static string Css => Rules.Value;

    private static string Load()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Integrations", "Pdf", "Fonts");
        var rules = new System.Text.StringBuilder();
        foreach (var weight in new[] { 400, 700 })
        {
            foreach (var (subset, range) in new[] { ("hebrew", HebrewRange), ("latin", LatinRange) })
            {
                var file = Path.Combine(folder, $"assistant-{subset}-{weight}-normal.woff2");
                if (!File.Exists(file))
                {
                    throw new InvalidOperationException(
                        $"The PDF font {file} is missing: install the web app's modules (npm ci in AgentLocator.Web) before building the API.");
                }
                var data = Convert.ToBase64String(File.ReadAllBytes(file));
                rules.Append("@font-face{font-family:'").Append(Family).Append("';font-style:normal;font-display:block;font-weight:")
                    .Append(weight).Append(";src:url(data:font/woff2;base64,").Append(data).Append(") format('woff2');unicode-range:")
                    .Append(range).Append(";}\n");
            }
        }
        return rules.ToString();
    }
}
