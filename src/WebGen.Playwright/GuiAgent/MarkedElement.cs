using System.Text;

namespace WebGen.Playwright;

/// <summary>One labelled element as returned by <see cref="AgentScripts.Label"/>; property names match the script's object.</summary>
internal sealed class MarkedElement
{
    public int Label { get; set; }

    public string Tag { get; set; } = "";

    public string Type { get; set; } = "";

    public string Role { get; set; } = "";

    public string Text { get; set; } = "";

    public string Placeholder { get; set; } = "";

    public string Value { get; set; } = "";

    public string Href { get; set; } = "";

    public bool IsTypable => Tag is "input" or "textarea" || Role is "textbox" or "searchbox" or "combobox";

    /// <summary>The element as the model sees it in the list, for example <c>[3]: &lt;button&gt; "Add to cart"</c>.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append('<').Append(Tag);
        if (Type.Length > 0)
        {
            text.Append(" type=").Append(Type);
        }

        if (Role.Length > 0)
        {
            text.Append(" role=").Append(Role);
        }

        text.Append('>');
        if (Text.Length > 0)
        {
            text.Append(" \"").Append(Text).Append('"');
        }

        if (Placeholder.Length > 0)
        {
            text.Append(" placeholder \"").Append(Placeholder).Append('"');
        }

        if (Value.Length > 0)
        {
            text.Append(" value \"").Append(Value).Append('"');
        }

        if (Href.Length > 0 && Text.Length == 0)
        {
            text.Append(" href \"").Append(Href).Append('"');
        }

        return text.ToString();
    }
}
