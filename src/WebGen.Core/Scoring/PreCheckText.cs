using System.Globalization;
using System.Text;

namespace WebGen;

/// <summary>Shared phrasing of pre-check reasons: bounded lists and quotes, invariant numbers.</summary>
internal static class PreCheckText
{
    public static string Quote(string text, int maxChars)
    {
        var trimmed = text.Trim().ReplaceLineEndings(" ");
        return trimmed.Length <= maxChars ? trimmed : string.Concat(trimmed.AsSpan(0, maxChars), "…");
    }

    public static string List(IEnumerable<string> items, int maxItems, int maxChars)
    {
        var all = items.ToList();
        var builder = new StringBuilder();
        foreach (var item in all.Take(maxItems))
        {
            if (builder.Length > 0)
            {
                builder.Append("; ");
            }

            builder.Append('"').Append(Quote(item, maxChars)).Append('"');
        }

        if (all.Count > maxItems)
        {
            builder.Append(CultureInfo.InvariantCulture, $"; and {all.Count - maxItems} more");
        }

        return builder.ToString();
    }

    public static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string Plural(int count, string singular, string plural) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural);
}
