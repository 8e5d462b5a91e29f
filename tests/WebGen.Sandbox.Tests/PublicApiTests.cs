using System.Reflection;
using System.Runtime.CompilerServices;

namespace WebGen.Sandbox.Tests;

/// <summary>Tracks the package's public API: any change shows up as a diff of PublicApi.approved.txt in review.</summary>
public sealed class PublicApiTests
{
    [Test]
    public void Public_api_matches_the_approved_listing()
    {
        var approvedPath = Path.Combine(TestContext.CurrentContext.TestDirectory, "PublicApi.approved.txt");
        var actual = Listing(typeof(LocalNodeSandbox).Assembly);

        var approved = File.ReadAllText(approvedPath).ReplaceLineEndings("\n");
        if (approved != actual)
        {
            var received = Path.Combine(TestContext.CurrentContext.TestDirectory, "PublicApi.received.txt");
            File.WriteAllText(received, actual);
            Assert.Fail($"The public API changed. If intended, copy {received} over tests/WebGen.Sandbox.Tests/PublicApi.approved.txt.\n{actual}");
        }
    }

    private static string Listing(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var bases = new[] { type.BaseType }.Where(b => b is not null && b != typeof(object) && b != typeof(Enum))
                .Concat(type.GetInterfaces()).Select(t => t!.FullName);
            lines.Add($"{Kind(type)} {type.FullName}{(bases.Any() ? " : " + string.Join(", ", bases) : "")}");
            const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            var members = type.GetMembers(flags)
                .Where(m => m is not MethodInfo { IsSpecialName: true } && m.GetCustomAttribute<CompilerGeneratedAttribute>() is null)
                .Where(m => !(type.IsEnum && m.Name == "value__"))
                .Select(m => "  " + Describe(m))
                .Order(StringComparer.Ordinal);
            lines.AddRange(members);
        }

        return string.Join("\n", lines) + "\n";
    }

    private static string Kind(Type type) =>
        type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsAbstract && type.IsSealed ? "static class" : type.IsSealed ? "sealed class" : "class";

    private static string Describe(MemberInfo member) => member switch
    {
        PropertyInfo property => $"property {property.PropertyType} {property.Name} {{ {(property.GetMethod?.IsPublic == true ? "get; " : "")}{(property.SetMethod?.IsPublic == true ? "set; " : "")}}}",
        FieldInfo field => $"field {field}",
        _ => $"{member.MemberType.ToString().ToLowerInvariant()} {member}",
    };
}
